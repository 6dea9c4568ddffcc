// analytics.ts's plain values (no zod): what client components import, so their bundles stay free of zod.
// analytics.ts re-exports them; the schemas there are built from them.

/** The longest range a dashboard query may cover (a year and a day: "the last 12 months" of a leap year). */
export const ANALYTICS_MAX_DAYS = 366;
