import { describe, expect, it } from "vitest";
import { DomainError } from "@vendaflow/core/errors";
import { assertRateLimit } from "@vendaflow/core/rate-limit/assert-rate-limit";
import { RATE_LIMIT_POLICIES } from "@vendaflow/core/rate-limit/policies";
import { memoryStore } from "./memory-store";

describe("assertRateLimit on the in-memory store", () => {
  it("allows the policy's limit, then throws TOO_MANY_REQUESTS with retry-after; the window resets", async () => {
    let now = 1_000_000;
    const store = memoryStore(() => now);
    const { limit, windowMs } = RATE_LIMIT_POLICIES["login:email"];
    for (let i = 0; i < limit; i++) await assertRateLimit(store, "login:email", "a@b.com", now);
    const err = await assertRateLimit(store, "login:email", "A@B.com", now).catch((e) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(err.code).toBe("TOO_MANY_REQUESTS");
    expect(err.details.retryAfterSeconds).toBe(windowMs / 1000);
    // Another subject is unaffected.
    await expect(assertRateLimit(store, "login:email", "c@d.com", now)).resolves.toBeUndefined();
    now += windowMs;
    await expect(assertRateLimit(store, "login:email", "a@b.com", now)).resolves.toBeUndefined();
  });
});
