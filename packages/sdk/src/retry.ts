/** Seconds (or an HTTP date) from a Retry-After header, in milliseconds; 1 s when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number {
  if (!header) return 1000;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? 1000 : Math.max(0, at - now);
}

/**
 * The answers worth the same call again: 429 (the key's limit; Retry-After says when) and 503 (a
 * failure that passes, such as a transaction the database rolled back: nothing was changed).
 */
const RETRIED = new Set([429, 503]);

/**
 * Wraps fetch: a 429 or 503 answer is retried after its Retry-After (1 s without one), up to
 * `maxRetries` times; a wait longer than `maxWaitMs` (or the last refusal) is returned to the
 * caller, who gets TOO_MANY_REQUESTS or SERVICE_UNAVAILABLE.
 */
export function retryWhenRefused(base: typeof fetch, opts: { maxRetries: number; maxWaitMs: number; sleep?: (ms: number) => Promise<void> }): typeof fetch {
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  return async (input, init) => {
    for (let attempt = 0; ; attempt++) {
      const res = await base(input, init);
      if (!RETRIED.has(res.status) || attempt >= opts.maxRetries) return res;
      const wait = retryAfterMs(res.headers.get("retry-after"));
      if (wait > opts.maxWaitMs) return res;
      await res.body?.cancel();
      await sleep(wait);
    }
  };
}
