import { billing as billingText } from "@/lib/i18n/pt-br/billing";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { billing: billingText };

/** One usage bar against its limit (grey when unlimited, amber from 80%, red past 100%). */
export function UsageMeter({ label, used, limit }: { label: string; used: number; limit: number | null }) {
  const percent = limit ? Math.min(100, Math.round((used * 100) / limit)) : 0;
  const tone = !limit ? "bg-muted-foreground/40" : used >= limit ? "bg-destructive" : percent >= 80 ? "bg-amber-500" : "bg-primary";
  return (
    <div className="space-y-1" data-testid={`usage-${label}`}>
      <div className="flex justify-between text-sm">
        <span>{label}</span>
        <span className="tabular-nums text-muted-foreground">{t.billing.ofLimit(used, limit)}</span>
      </div>
      <div className="h-2 rounded-full bg-muted" role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={limit ?? used} aria-valuenow={used}>
        <div className={`h-2 rounded-full ${tone}`} style={{ width: `${limit ? percent : 100}%` }} />
      </div>
    </div>
  );
}
