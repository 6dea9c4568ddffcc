import { describe, expect, it } from "vitest";
import { billingPeriod, usageCounterKey } from "./period";

describe("billingPeriod", () => {
  it("is the month in São Paulo time, not UTC", () => {
    expect(billingPeriod(new Date("2026-12-01T02:59:00Z"))).toBe("2026-11"); // 23:59 on Nov 30 in São Paulo
    expect(billingPeriod(new Date("2026-12-01T03:00:00Z"))).toBe("2026-12");
    expect(billingPeriod(new Date("2027-01-15T12:00:00Z"))).toBe("2027-01");
  });
  it("names the Redis key with the month", () => {
    expect(usageCounterKey("t1", "bot_messages", "2026-12")).toBe("usage:t1:bot_messages:2026-12");
  });
});
