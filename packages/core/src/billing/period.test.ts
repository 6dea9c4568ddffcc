import { describe, expect, it } from "vitest";
import { billingPeriod, usageCounterKey } from "./period";

describe("billingPeriod", () => {
  it("is the month in São Paulo time, not UTC", () => {
    expect(billingPeriod(new Date("2026-12-01T02:59:00Z"))).toBe("2026-11"); // 23:59 on Nov 30 in São Paulo
    expect(billingPeriod(new Date("2026-12-01T03:00:00Z"))).toBe("2026-12");
    expect(billingPeriod(new Date("2027-01-15T12:00:00Z"))).toBe("2027-01");
  });
  it("answers from the hour it remembers only within that UTC hour", () => {
    expect(billingPeriod(new Date("2026-12-01T02:00:00Z"))).toBe("2026-11");
    expect(billingPeriod(new Date("2026-12-01T02:59:59.999Z"))).toBe("2026-11");
    expect(billingPeriod(new Date("2026-12-01T03:00:00Z"))).toBe("2026-12");
    expect(billingPeriod(new Date("2026-12-01T02:30:00Z"))).toBe("2026-11");
    // São Paulo kept summer time until 2019 (UTC-2): midnight of 1 Dec 2018 was 02:00 UTC.
    expect(billingPeriod(new Date("2018-12-01T01:59:00Z"))).toBe("2018-11");
    expect(billingPeriod(new Date("2018-12-01T02:00:00Z"))).toBe("2018-12");
  });
  it("names the Redis key with the month", () => {
    expect(usageCounterKey("t1", "bot_messages", "2026-12")).toBe("usage:t1:bot_messages:2026-12");
  });
});
