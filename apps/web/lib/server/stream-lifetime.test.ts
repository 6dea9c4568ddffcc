import { describe, expect, it } from "vitest";
import { STREAM_LIFETIME_MS, streamLifetimeMs } from "./stream-lifetime";

describe("streamLifetimeMs", () => {
  it("stays inside the function limit and spreads streams opened together over a minute", () => {
    expect(streamLifetimeMs(() => 0)).toBe(STREAM_LIFETIME_MS.min);
    expect(streamLifetimeMs(() => 0.999999)).toBeLessThan(STREAM_LIFETIME_MS.max);
    expect(STREAM_LIFETIME_MS.max).toBeLessThan(300_000);
    const many = Array.from({ length: 1000 }, () => streamLifetimeMs());
    expect(Math.min(...many)).toBeGreaterThanOrEqual(STREAM_LIFETIME_MS.min);
    expect(Math.max(...many)).toBeLessThan(STREAM_LIFETIME_MS.max);
    // A thousand streams opened at once end across the minute, not in one burst.
    const perTenSeconds = new Set(many.map((ms) => Math.floor(ms / 10_000)));
    expect(perTenSeconds.size).toBe(6);
  });
});
