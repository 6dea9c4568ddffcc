import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { concurrencyLimits, tokenBuckets } from "./token-bucket";

// Fake timers: the buckets' clock and their wake-ups advance only when the test says so.
beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const granted = (b: ReturnType<typeof tokenBuckets>, key: string, n: number, spec: { ratePerSecond: number; capacity: number }) => {
  const order: number[] = [];
  for (let i = 0; i < n; i++) void b.acquire(key, spec).then(() => order.push(i));
  return order;
};

describe("tokenBuckets", () => {
  it("lets a full bucket's burst through at once, then one token per 1/rate, in order", async () => {
    const b = tokenBuckets();
    const order = granted(b, "n1", 15, { ratePerSecond: 50, capacity: 5 });
    await vi.advanceTimersByTimeAsync(0);
    expect(order).toEqual([0, 1, 2, 3, 4]);
    await vi.advanceTimersByTimeAsync(100); // 5 more tokens at 50/s
    expect(order).toHaveLength(10);
    await vi.advanceTimersByTimeAsync(100);
    expect(order).toEqual([...Array(15).keys()]);
  });

  it("keeps keys apart: a queue on one number never delays another", async () => {
    const b = tokenBuckets();
    const busy = granted(b, "busy", 10, { ratePerSecond: 1, capacity: 1 });
    const other = granted(b, "other", 1, { ratePerSecond: 1, capacity: 1 });
    await vi.advanceTimersByTimeAsync(0);
    expect(busy).toEqual([0]);
    expect(other).toEqual([0]);
  });

  it("forgets idle full buckets on sweep, keeps the others", async () => {
    const b = tokenBuckets();
    await b.acquire("a", { ratePerSecond: 1, capacity: 1 });
    b.sweep();
    expect(b.size()).toBe(1); // not refilled yet
    await vi.advanceTimersByTimeAsync(2000);
    b.sweep();
    expect(b.size()).toBe(0);
  });
});

describe("concurrencyLimits", () => {
  it("runs at most `limit` calls per key at once, the rest in arrival order", async () => {
    const run = concurrencyLimits();
    let active = 0;
    let peak = 0;
    const started: number[] = [];
    const call = (i: number) => async () => {
      started.push(i);
      peak = Math.max(peak, ++active);
      await new Promise((r) => setTimeout(r, 10));
      active--;
    };
    const all = Promise.all([0, 1, 2, 3, 4].map((i) => run("k", 2, call(i))));
    await vi.advanceTimersByTimeAsync(100);
    await all;
    expect(peak).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4]);
  });
});
