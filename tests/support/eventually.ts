/**
 * Polls `read` every 50 ms until `ready` holds or `timeoutMs` passes, and returns the last value
 * (the caller's assertion then says what was wrong). For work the app finishes after it answered
 * (Next's after(): provider ids, scheduled jobs, sends).
 */
export async function eventually<T>(read: () => Promise<T> | T, ready: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let v = await read();
  while (!ready(v) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    v = await read();
  }
  return v;
}
