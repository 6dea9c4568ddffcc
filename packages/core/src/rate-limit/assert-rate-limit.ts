import { DomainError } from "../errors";
import type { CounterStore } from "../ports/counter-store";
import { RATE_LIMIT_POLICIES, type RateLimitPolicy } from "./policies";

/**
 * When the KV store (Redis) is down, a policy either lets the request through or refuses it:
 * - open: the lead-facing ones (a lead is never refused, nor the bot silenced, because Redis is
 *   away) and those of callers already authenticated — a signed-in user's tRPC calls and an API
 *   key's — so agents keep answering and integrations keep running (their abuse is bounded by the
 *   plan's quota, counted in Postgres, and the body limits);
 * - closed, with SERVICE_UNAVAILABLE: sign-in, sign-up, password reset, privacy requests and the
 *   other anonymous ones (a brute-force limit that cannot count must not open), and the signed-in
 *   user's sensitive actions (two-factor card, e-mail change, the workspace's address change).
 */
const FAIL_OPEN: ReadonlySet<RateLimitPolicy> = new Set(["widget-start:inbox", "widget-message:visitor", "widget-message:inbox", "trpc:user", "apiKey"]);

/** Where a subject stands in its policy's current window (what the RateLimit-* headers say). */
export interface RateLimitState {
  policy: RateLimitPolicy;
  limit: number;
  remaining: number;
  /** Seconds until the window ends and the count starts over (at least 1). */
  resetSeconds: number;
  windowSeconds: number;
}

/** How long until a window ends, as the refusals say it: seconds, minutes, or hours from 2 h on. */
export function waitText(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 2 * 3600) return `${Math.ceil(seconds / 60)} min`;
  return `${Math.ceil(seconds / 3600)} h`;
}

/**
 * Counts one hit for (policy, subject) in a fixed window. `limit` overrides the policy's (the
 * plan's limit, see plan-limits.ts). Over it → TOO_MANY_REQUESTS whose details carry the state and
 * retryAfterSeconds; otherwise the state after this hit, or null when a fail-open policy could not
 * count (KV down). `now` is the caller's clock in ms.
 */
export async function assertRateLimit(store: CounterStore, policy: RateLimitPolicy, subject: string, now: number, limit: number = RATE_LIMIT_POLICIES[policy].limit): Promise<RateLimitState | null> {
  const { windowMs } = RATE_LIMIT_POLICIES[policy];
  let counted: { count: number; resetAt: number };
  try {
    counted = await store.incrementWindow(`${policy}:${subject.toLowerCase()}`, windowMs);
  } catch {
    if (FAIL_OPEN.has(policy)) return null;
    throw new DomainError("SERVICE_UNAVAILABLE", "Serviço temporariamente indisponível. Tente novamente em instantes.", { policy });
  }
  const { count, resetAt } = counted;
  const resetSeconds = Math.max(1, Math.ceil((resetAt - now) / 1000));
  const state: RateLimitState = { policy, limit, remaining: Math.max(0, limit - count), resetSeconds, windowSeconds: windowMs / 1000 };
  if (count > limit) {
    throw new DomainError("TOO_MANY_REQUESTS", `Muitas tentativas. Tente novamente em ${waitText(resetSeconds)}.`, { ...state, retryAfterSeconds: resetSeconds });
  }
  return state;
}

/** Of several states, the one nearest its limit (the one the headers report); null when none counted. */
export const tightest = (states: (RateLimitState | null)[]) =>
  states.reduce<RateLimitState | null>((a, b) => (b && (!a || b.remaining < a.remaining) ? b : a), null);
