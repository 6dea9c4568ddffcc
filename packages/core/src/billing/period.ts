const fmt = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Sao_Paulo", year: "numeric", month: "2-digit" });

/** The billing month of an instant, 'YYYY-MM' in São Paulo time (quota period, Redis key, ledger). */
export function billingPeriod(at: Date): string {
  // São Paulo's offsets are whole hours, so a UTC hour lies in one month there: the last hour's
  // answer is reused (formatToParts costs tens of µs, and every bot message asks).
  const hour = Math.floor(at.getTime() / 3_600_000);
  if (hour === last.hour) return last.period;
  const parts = fmt.formatToParts(at);
  last = { hour, period: `${parts.find((p) => p.type === "year")!.value}-${parts.find((p) => p.type === "month")!.value}` };
  return last.period;
}
let last = { hour: Number.NaN, period: "" };

/** The Redis usage counter of one tenant, meter and month. */
export const usageCounterKey = (tenantId: string, meter: string, period: string) => `usage:${tenantId}:${meter}:${period}`;

/** Usage counters outlive their month long enough for reconciliation (40 days). */
export const USAGE_COUNTER_TTL_MS = 40 * 86_400_000;
