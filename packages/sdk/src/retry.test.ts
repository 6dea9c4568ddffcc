import { describe, expect, it } from "vitest";
import { retryAfterMs, retryWhenRefused } from "./retry";

/** A server stand-in as a fetch: answers the queued statuses in turn (Retry-After on 429s). */
function answering(statuses: [number, string?][]) {
  const calls: number[] = [];
  const f = (async () => {
    calls.push(calls.length);
    const [status, retryAfter] = statuses.shift() ?? [200];
    return new Response("{}", { status, headers: retryAfter ? { "retry-after": retryAfter } : {} });
  }) as unknown as typeof fetch;
  return { f, calls };
}

describe("retryWhenRefused", () => {
  it("waits out Retry-After and retries until an answer that is not 429", async () => {
    const waits: number[] = [];
    const { f, calls } = answering([[429, "2"], [429, "1"], [200]]);
    const res = await retryWhenRefused(f, { maxRetries: 3, maxWaitMs: 60_000, sleep: async (ms) => void waits.push(ms) })("http://x");
    expect(res.status).toBe(200);
    expect(calls).toHaveLength(3);
    expect(waits).toEqual([2000, 1000]);
  });

  it("gives the 429 back after maxRetries, or at once when the wait is longer than allowed", async () => {
    const a = answering([[429, "1"], [429, "1"], [200]]);
    expect((await retryWhenRefused(a.f, { maxRetries: 1, maxWaitMs: 60_000, sleep: async () => {} })("http://x")).status).toBe(429);
    expect(a.calls).toHaveLength(2);
    const b = answering([[429, "120"], [200]]);
    expect((await retryWhenRefused(b.f, { maxRetries: 3, maxWaitMs: 60_000, sleep: async () => {} })("http://x")).status).toBe(429);
    expect(b.calls).toHaveLength(1);
  });

  it("a 503 (a failure that passes: nothing was changed) is retried too, 1 s apart without Retry-After; other errors are not", async () => {
    const waits: number[] = [];
    const { f, calls } = answering([[503], [503, "2"], [200]]);
    expect((await retryWhenRefused(f, { maxRetries: 3, maxWaitMs: 60_000, sleep: async (ms) => void waits.push(ms) })("http://x")).status).toBe(200);
    expect([calls.length, waits]).toEqual([3, [1000, 2000]]);
    for (const status of [500, 502, 400, 409]) {
      const other = answering([[status], [200]]);
      expect((await retryWhenRefused(other.f, { maxRetries: 3, maxWaitMs: 60_000, sleep: async () => {} })("http://x")).status).toBe(status);
      expect(other.calls).toHaveLength(1);
    }
  });

  it("reads seconds or an HTTP date, 1 s when missing", () => {
    expect(retryAfterMs("3")).toBe(3000);
    expect(retryAfterMs(null)).toBe(1000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
  });
});
