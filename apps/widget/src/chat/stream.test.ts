import { describe, expect, it } from "vitest";
import { reconnectDelayMs } from "./stream";

describe("reconnectDelayMs", () => {
  it("doubles from 1 s to a 30 s cap, each step between half its base and its base", () => {
    const bases = [1000, 2000, 4000, 8000, 16_000, 30_000, 30_000];
    for (const [i, base] of bases.entries()) {
      expect(reconnectDelayMs(i + 1, () => 0)).toBe(base / 2);
      expect(reconnectDelayMs(i + 1, () => 0.999_999)).toBeCloseTo(base, -1);
    }
  });

  it("spreads visitors cut off together over the step's upper half", () => {
    let seed = 7;
    const random = () => ((seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647);
    const delays = Array.from({ length: 1000 }, () => reconnectDelayMs(1, random));
    // 1,000 visitors, one-second step: no 50 ms slot of [500, 1000) holds more than a few percent.
    const slots = new Map<number, number>();
    for (const d of delays) slots.set(Math.floor(d / 50), (slots.get(Math.floor(d / 50)) ?? 0) + 1);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(500);
    expect(Math.max(...delays)).toBeLessThan(1000);
    expect(slots.size).toBe(10);
    expect(Math.max(...slots.values())).toBeLessThan(150);
  });
});
