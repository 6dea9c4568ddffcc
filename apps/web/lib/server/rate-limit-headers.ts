import type { RateLimitState } from "@vendaflow/core/rate-limit/assert-rate-limit";

type Shown = Pick<RateLimitState, "limit" | "remaining" | "resetSeconds" | "windowSeconds">;

/**
 * The IETF RateLimit header fields in their separate-field form (draft-ietf-httpapi-ratelimit-headers
 * -06 and earlier: RateLimit-Limit / -Remaining / -Reset, reset in delta seconds) plus
 * RateLimit-Policy ("<limit>;w=<window seconds>"); a 429 adds Retry-After. docs/production.md, "Rate limits".
 */
export function rateLimitHeaders(s: Shown | null, limited = false): Record<string, string> {
  if (!s) return {}; // not counted (the KV store was down for a fail-open policy)
  return {
    "ratelimit-limit": String(s.limit),
    "ratelimit-remaining": String(s.remaining),
    "ratelimit-reset": String(s.resetSeconds),
    "ratelimit-policy": `${s.limit};w=${s.windowSeconds}`,
    ...(limited ? { "retry-after": String(s.resetSeconds) } : {}),
  };
}

const isState = (d: Record<string, unknown>): d is Shown & Record<string, unknown> =>
  ["limit", "remaining", "resetSeconds", "windowSeconds"].every((k) => typeof d[k] === "number");

/** The headers of a TOO_MANY_REQUESTS DomainError's details (assertRateLimit's state), else only Retry-After when known. */
export function limitedHeaders(details: Record<string, unknown> | undefined): Record<string, string> {
  if (!details || typeof details.retryAfterSeconds !== "number") return {};
  return isState(details) ? rateLimitHeaders(details, true) : { "retry-after": String(details.retryAfterSeconds) };
}
