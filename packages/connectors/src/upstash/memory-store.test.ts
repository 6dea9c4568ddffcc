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
    for (let i = 1; i <= limit; i++) {
      expect(await assertRateLimit(store, "login:email", "a@b.com", now)).toEqual({ policy: "login:email", limit, remaining: limit - i, resetSeconds: windowMs / 1000, windowSeconds: windowMs / 1000 });
    }
    const err = await assertRateLimit(store, "login:email", "A@B.com", now).catch((e) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(err.code).toBe("TOO_MANY_REQUESTS");
    expect(err.details).toEqual({ policy: "login:email", limit, remaining: 0, resetSeconds: windowMs / 1000, windowSeconds: windowMs / 1000, retryAfterSeconds: windowMs / 1000 });
    // Another subject is unaffected.
    await expect(assertRateLimit(store, "login:email", "c@d.com", now)).resolves.toMatchObject({ remaining: limit - 1 });
    now += windowMs;
    await expect(assertRateLimit(store, "login:email", "a@b.com", now)).resolves.toMatchObject({ remaining: limit - 1 });
  });

  it("takes a caller's limit (the plan's) over the policy's, and counts the reset down with the clock", async () => {
    let now = 5_000_000;
    const store = memoryStore(() => now);
    await assertRateLimit(store, "trpc:user", "u1", now, 2);
    now += 45_500;
    expect(await assertRateLimit(store, "trpc:user", "u1", now, 2)).toMatchObject({ limit: 2, remaining: 0, resetSeconds: 15 });
    await expect(assertRateLimit(store, "trpc:user", "u1", now, 2)).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS", message: "Muitas tentativas. Tente novamente em 15 s.", details: { retryAfterSeconds: 15 } });
  });
});
