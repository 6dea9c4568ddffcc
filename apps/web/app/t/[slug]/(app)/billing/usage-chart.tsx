import { billing as billingText } from "@/lib/i18n/pt-br/billing";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { billing: billingText };

const W = 320;
const H = 120;
const PAD = 4;

/**
 * This month's bot messages day by day (running total) against the plan's limit and its grace, as a
 * small SVG: no chart library for one line. Unlimited plans draw the line alone.
 */
export function UsageChart({ days, cumulative, limit, gracePercent }: { days: number; cumulative: number[]; limit: number | null; gracePercent: number }) {
  const used = cumulative[cumulative.length - 1] ?? 0;
  const grace = limit === null ? null : Math.floor((limit * (100 + gracePercent)) / 100);
  const top = Math.max(1, used, grace ?? 0) * 1.1;
  const x = (day: number) => PAD + ((W - 2 * PAD) * (day - 1)) / Math.max(1, days - 1);
  const y = (n: number) => H - PAD - ((H - 2 * PAD) * n) / top;
  const points = cumulative.map((n, i) => `${x(i + 1).toFixed(1)},${y(n).toFixed(1)}`).join(" ");
  return (
    <figure className="space-y-1" data-testid="usage-chart">
      <svg viewBox={`0 0 ${W} ${H}`} className="h-32 w-full" role="img" aria-label={t.billing.chart.label(used, limit)}>
        <rect x={0} y={0} width={W} height={H} className="fill-muted/40" rx={4} />
        {limit !== null ? (
          <>
            <line x1={PAD} x2={W - PAD} y1={y(limit)} y2={y(limit)} className="stroke-destructive" strokeDasharray="4 3" strokeWidth={1} data-testid="usage-chart-limit" />
            {grace !== null && grace > limit ? <line x1={PAD} x2={W - PAD} y1={y(grace)} y2={y(grace)} className="stroke-amber-500" strokeDasharray="2 3" strokeWidth={1} /> : null}
          </>
        ) : null}
        {cumulative.length > 1 ? <polyline points={points} fill="none" className="stroke-primary" strokeWidth={2} /> : null}
        {cumulative.length ? <circle cx={x(cumulative.length)} cy={y(used)} r={3} className="fill-primary" /> : null}
      </svg>
      <figcaption className="flex justify-between text-xs text-muted-foreground">
        <span>{t.billing.chart.day(1)}</span>
        <span>{limit !== null ? t.billing.chart.legend(limit, grace!) : t.billing.chart.unlimited}</span>
        <span>{t.billing.chart.day(days)}</span>
      </figcaption>
    </figure>
  );
}
