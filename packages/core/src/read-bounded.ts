/**
 * Reads a byte stream whole, stopping (and cancelling the stream) as soon as more than `limit` bytes
 * arrived: `tooLarge(size)` is thrown then. For request bodies and downloads whose sender may not
 * declare, or may lie about, its length.
 */
export async function readBounded(stream: ReadableStream<Uint8Array>, limit: number, tooLarge: (size: number) => Error): Promise<Uint8Array<ArrayBuffer>> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
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
