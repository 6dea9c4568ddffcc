import { describe, expect, it } from "vitest";
import { accessFor, type AccessInput } from "./access";

const now = new Date("2026-12-01T12:00:00Z");
const days = (n: number) => new Date(now.getTime() + n * 86_400_000);
const base: AccessInput = { status: "active", trialEndsAt: null, pastDueSince: null, hasStripeSubscription: true };

describe("accessFor", () => {
  it("active and a running trial are full access; the last 3 trial days warn", () => {
    expect(accessFor(base, now)).toEqual({ level: "full", reason: "ok", until: null });
    expect(accessFor({ ...base, status: "trialing", trialEndsAt: days(10), hasStripeSubscription: false }, now).reason).toBe("ok");
    expect(accessFor({ ...base, status: "trialing", trialEndsAt: days(2), hasStripeSubscription: false }, now)).toMatchObject({ level: "full", reason: "trial_ending" });
  });

  it("a card-less trial past its end is read-only; a Stripe trial is Stripe's to end", () => {
    expect(accessFor({ ...base, status: "trialing", trialEndsAt: days(-1), hasStripeSubscription: false }, now)).toMatchObject({ level: "read_only", reason: "trial_expired" });
    expect(accessFor({ ...base, status: "trialing", trialEndsAt: days(-1), hasStripeSubscription: true }, now).level).toBe("full");
  });

  it("past_due is a 7-day grace, then read-only", () => {
    expect(accessFor({ ...base, status: "past_due", pastDueSince: days(-6.9) }, now)).toMatchObject({ level: "grace", reason: "past_due" });
    expect(accessFor({ ...base, status: "past_due", pastDueSince: days(-7) }, now)).toMatchObject({ level: "read_only", reason: "grace_over" });
  });

  it("unpaid, canceled and incomplete are read-only", () => {
    for (const status of ["unpaid", "canceled", "incomplete", "incomplete_expired", "paused"] as const) expect(accessFor({ ...base, status }, now).level).toBe("read_only");
  });
});
