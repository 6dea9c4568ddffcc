import { RESEND_CODE_SECONDS } from "@vendaflow/validators/plain/privacy";

/** Named rate-limit policies: every limit in the product is declared here, once. */
export const RATE_LIMIT_POLICIES = {
  "login:ip": { limit: 20, windowMs: 15 * 60_000 },
  "login:email": { limit: 5, windowMs: 15 * 60_000 },
  "password-reset:email": { limit: 3, windowMs: 60 * 60_000 },
  /** Links mailed to a new address by one user changing their e-mail (no mailbox spammed from a profile). */
  "email-change:user": { limit: 5, windowMs: 60 * 60_000 },
  /** Passwords and codes typed in Meu perfil's two-factor card by one user (enrol, turn off, new recovery codes). */
  "two-factor:user": { limit: 10, windowMs: 15 * 60_000 },
  /** Changes of one workspace's address (tenancy/slug.ts): each leaves an alias and ends every session; refused ones do not count. */
  "slug-change:tenant": { limit: 3, windowMs: 24 * 3600_000 },
  "signup:ip": { limit: 10, windowMs: 60 * 60_000 },
  "find-workspace:ip": { limit: 10, windowMs: 60 * 60_000 },
  "widget-start:inbox": { limit: 600, windowMs: 60_000 },
  "widget-message:visitor": { limit: 20, windowMs: 60_000 },
  "widget-message:inbox": { limit: 1200, windowMs: 60_000 },
  "privacy-request:ip": { limit: 10, windowMs: 60 * 60_000 },
  "privacy-request:email": { limit: 5, windowMs: 60 * 60_000 },
  "privacy-verify:ip": { limit: 30, windowMs: 15 * 60_000 },
  /** One code per request per window on /privacidade: the submit opens the window, "Reenviar código" waits it out. */
  "privacy-code:request": { limit: 1, windowMs: RESEND_CODE_SECONDS * 1000 },
  /** Calls authenticated with one API key (the key's id is the subject). */
  apiKey: { limit: 600, windowMs: 60_000 },
  /** Dashboard tRPC calls of one signed-in user. */
  "trpc:user": { limit: 600, windowMs: 60_000 },
  /** CSP violation reports per client address (/api/csp-report). */
  "csp-report:ip": { limit: 60, windowMs: 60_000 },
} as const satisfies Record<string, { limit: number; windowMs: number }>;

export type RateLimitPolicy = keyof typeof RATE_LIMIT_POLICIES;

/**
 * Policies whose limit is the tenant's plan's (plans.rate_* columns, migration 0095); the limits
 * above apply to tenants without a subscription (not billed). Login, signup and privacy limits
 * guard against abuse before anyone is known, so they are the same for every plan.
 */
export const PLAN_RATE_LIMIT_COLUMNS = {
  apiKey: "rate_api_key_per_minute",
  "trpc:user": "rate_user_per_minute",
  "widget-message:visitor": "rate_widget_visitor_per_minute",
  "widget-message:inbox": "rate_widget_inbox_per_minute",
} as const satisfies Partial<Record<RateLimitPolicy, string>>;

export type PlanRateLimitPolicy = keyof typeof PLAN_RATE_LIMIT_COLUMNS;
