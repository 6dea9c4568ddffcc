import { DomainError } from "../errors";
import type { CounterStore } from "../ports/counter-store";
import { RATE_LIMIT_POLICIES, type RateLimitPolicy } from "./policies";

/**
 * When the KV store (Redis) is down: the lead-facing policies let the request through (a lead is
 * never refused, nor the bot silenced, because Redis is away; the other limits still hold), every
 * other one — sign-in, sign-up, password reset, privacy requests — refuses with SERVICE_UNAVAILABLE
 * (a brute-force limit that cannot count must not open).
 */
const FAIL_OPEN: ReadonlySet<RateLimitPolicy> = new Set(["widget-start:inbox", "widget-message:visitor", "widget-message:inbox"]);

/** Counts one hit for (policy, subject); over the limit → TOO_MANY_REQUESTS with retryAfterSeconds (from `now`, the caller's clock in ms). */
export async function assertRateLimit(store: CounterStore, policy: RateLimitPolicy, subject: string, now: number) {
  const { limit, windowMs } = RATE_LIMIT_POLICIES[policy];
  let counted: { count: number; resetAt: number };
  try {
    counted = await store.incrementWindow(`${policy}:${subject.toLowerCase()}`, windowMs);
  } catch {
    if (FAIL_OPEN.has(policy)) return;
    throw new DomainError("SERVICE_UNAVAILABLE", "Serviço temporariamente indisponível. Tente novamente em instantes.", { policy });
  }
  const { count, resetAt } = counted;
  if (count > limit) {
    const retryAfterSeconds = Math.max(1, Math.ceil((resetAt - now) / 1000));
    throw new DomainError("TOO_MANY_REQUESTS", `Muitas tentativas. Tente novamente em ${Math.ceil(retryAfterSeconds / 60)} min.`, {
      policy,
      retryAfterSeconds,
    });
  }
}
