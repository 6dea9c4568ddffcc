/** How long a refused stream is still read (see `drain`). */
export interface DrainLimit {
  /** Bytes in all, the refused ones included. */
  max: number;
  /** Stop when no chunk came for this long. */
  idleMs: number;
}

/**
 * Reads a byte stream whole, stopping as soon as more than `limit` bytes arrived: `tooLarge(size)`
 * is thrown then, after the stream is cancelled, or first read on and dropped within `drain`
 * (a request body: see apps/web/lib/server/body.ts). For request bodies and downloads whose sender
 * may not declare, or may lie about, its length.
 */
export async function readBounded(stream: ReadableStream<Uint8Array>, limit: number, tooLarge: (size: number) => Error, drain?: DrainLimit): Promise<Uint8Array<ArrayBuffer>> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      if (drain) await drainReader(reader, drain, size);
      await reader.cancel().catch(() => {});
      throw tooLarge(size);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** Reads and drops what is left of a stream until it ends, `max` bytes (counting `seen`) have passed, or it stays silent for `idleMs`. */
export async function drainReader(reader: ReadableStreamDefaultReader<Uint8Array>, { max, idleMs }: DrainLimit, seen = 0): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let rearm = () => {};
  const silent = new Promise<null>((resolve) => {
    rearm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => resolve(null), idleMs);
    };
  });
  rearm();
  try {
    while (seen <= max) {
      const next = await Promise.race([reader.read(), silent]).catch(() => null);
      if (!next || next.done) return;
      seen += next.value.byteLength;
      rearm();
    }
  } finally {
    clearTimeout(timer);
  }
}
