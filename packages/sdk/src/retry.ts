/** Seconds (or an HTTP date) from a Retry-After header, in milliseconds; 1 s when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number {
  if (!header) return 1000;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? 1000 : Math.max(0, at - now);
}

/**
 * Wraps fetch: a 429 answer is retried after its Retry-After, up to `maxRetries` times; a wait
 * longer than `maxWaitMs` (or the last 429) is returned to the caller, who gets TOO_MANY_REQUESTS.
 */
export function retryOn429(base: typeof fetch, opts: { maxRetries: number; maxWaitMs: number; sleep?: (ms: number) => Promise<void> }): typeof fetch {
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  return async (input, init) => {
    for (let attempt = 0; ; attempt++) {
      const res = await base(input, init);
      if (res.status !== 429 || attempt >= opts.maxRetries) return res;
      const wait = retryAfterMs(res.headers.get("retry-after"));
      if (wait > opts.maxWaitMs) return res;
      await res.body?.cancel();
      await sleep(wait);
    }
  };
}
