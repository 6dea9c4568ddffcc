import { describe, expect, it } from "vitest";
import type { CounterStore } from "../ports/counter-store";
import { assertRateLimit, waitText } from "./assert-rate-limit";

// Redis down (issue 13, fault 5): the store's calls fail. Lead-facing and authenticated callers' limits fail open, the anonymous rest closed.
const down = async () => Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:6379"));
const deadStore: CounterStore = { kind: "upstash", incrementWindow: down, incrementBy: down, read: down, peek: down, seedAtLeast: down, ping: async () => false };

describe("assertRateLimit with the KV store down", () => {
  it("lets widget traffic and authenticated callers through (the bot keeps answering, agents and API keys keep working)", async () => {
    for (const policy of ["widget-start:inbox", "widget-message:visitor", "widget-message:inbox", "trpc:user", "apiKey"] as const) {
      await expect(assertRateLimit(deadStore, policy, "x", 0)).resolves.toBeNull();
    }
  });

  it("refuses sign-in, sign-up and the other limits with SERVICE_UNAVAILABLE instead of counting nothing", async () => {
    for (const policy of ["login:ip", "login:email", "signup:ip", "password-reset:email", "privacy-request:ip", "privacy-code:request", "find-workspace:ip", "csp-report:ip", "two-factor:user", "email-change:user", "slug-change:tenant"] as const) {
      const err = await assertRateLimit(deadStore, policy, "x", 0).catch((e: unknown) => e);
      expect(err, policy).toMatchObject({ code: "SERVICE_UNAVAILABLE", details: { policy } });
    }
  });
});

describe("waitText", () => {
  it("says seconds under a minute, minutes under two hours, hours beyond (rounded up)", () => {
    expect([1, 59, 60, 61, 3600, 7199, 7200, 7201, 86_400].map(waitText)).toEqual(["1 s", "59 s", "1 min", "2 min", "60 min", "120 min", "2 h", "3 h", "24 h"]);
  });
});
