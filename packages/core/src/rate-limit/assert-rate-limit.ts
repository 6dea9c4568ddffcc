import { DomainError } from "../errors";
import type { CounterStore } from "../ports/counter-store";
import { RATE_LIMIT_POLICIES, type RateLimitPolicy } from "./policies";

/** Counts one hit for (policy, subject); over the limit → TOO_MANY_REQUESTS with retryAfterSeconds (from `now`, the caller's clock in ms). */
export async function assertRateLimit(store: CounterStore, policy: RateLimitPolicy, subject: string, now: number) {
  const { limit, windowMs } = RATE_LIMIT_POLICIES[policy];
  const { count, resetAt } = await store.incrementWindow(`${policy}:${subject.toLowerCase()}`, windowMs);
  if (count > limit) {
    const retryAfterSeconds = Math.max(1, Math.ceil((resetAt - now) / 1000));
    throw new DomainError("TOO_MANY_REQUESTS", `Muitas tentativas. Tente novamente em ${Math.ceil(retryAfterSeconds / 60)} min.`, {
      policy,
      retryAfterSeconds,
    });
  }
}
