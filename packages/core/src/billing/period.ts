const fmt = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Sao_Paulo", year: "numeric", month: "2-digit" });

/** The billing month of an instant, 'YYYY-MM' in São Paulo time (quota period, Redis key, ledger). */
export function billingPeriod(at: Date): string {
  const parts = fmt.formatToParts(at);
  return `${parts.find((p) => p.type === "year")!.value}-${parts.find((p) => p.type === "month")!.value}`;
}

/** The Redis usage counter of one tenant, meter and month. */
export const usageCounterKey = (tenantId: string, meter: string, period: string) => `usage:${tenantId}:${meter}:${period}`;

/** Usage counters outlive their month long enough for reconciliation (40 days). */
export const USAGE_COUNTER_TTL_MS = 40 * 86_400_000;
