/** Named rate-limit policies: every limit in the product is declared here, once. */
export const RATE_LIMIT_POLICIES = {
  "login:ip": { limit: 20, windowMs: 15 * 60_000 },
  "login:email": { limit: 5, windowMs: 15 * 60_000 },
  "password-reset:email": { limit: 3, windowMs: 60 * 60_000 },
  "signup:ip": { limit: 10, windowMs: 60 * 60_000 },
  "find-workspace:ip": { limit: 10, windowMs: 60 * 60_000 },
  "widget-start:inbox": { limit: 600, windowMs: 60_000 },
  "widget-message:visitor": { limit: 20, windowMs: 60_000 },
  "widget-message:inbox": { limit: 1200, windowMs: 60_000 },
  "privacy-request:ip": { limit: 10, windowMs: 60 * 60_000 },
  "privacy-request:email": { limit: 5, windowMs: 60 * 60_000 },
  "privacy-verify:ip": { limit: 30, windowMs: 15 * 60_000 },
  /** Calls per API key (developer platform). */
  apiKey: { limit: 600, windowMs: 60_000 },
} as const satisfies Record<string, { limit: number; windowMs: number }>;

export type RateLimitPolicy = keyof typeof RATE_LIMIT_POLICIES;
