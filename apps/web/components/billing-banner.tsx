"use client";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import type { RouterOutputs } from "@vendaflow/api/root";
import Link from "next/link";
import { billingNotices } from "@/lib/i18n/pt-br/billing-notices";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { billing: billingNotices };

type Status = RouterOutputs["billing"]["status"];

// Loaded by ./billing-notices only when the account's state calls for the banner: not in every
// dashboard page's first load.

/** The billing banner: trial ending, past due with its grace date, read-only, message usage ≥ 80%. */
export function BillingBanner({ status: s }: { status: Status }) {
  const r = s.access.reason;
  let text: string | null = null;
  let destructive = false;
  if (r === "trial_ending") text = t.billing.banner.trial_ending(s.trialDaysLeft ?? 0);
  else if (r === "past_due") text = t.billing.banner.past_due(String(s.access.until));
  else if (r !== "ok") {
    text = t.billing.banner[r];
    destructive = true;
  } else if (s.messagesPercent !== null && s.messagesPercent >= 80) text = t.billing.banner.usage(s.messagesPercent);
  if (!text) return null;
  return (
    <Alert variant={destructive ? "destructive" : "default"} className="mb-4" data-testid="billing-banner">
      <AlertDescription>
        {text} <Link className="underline" href="/billing">{t.billing.banner.action}</Link>
      </AlertDescription>
    </Alert>
  );
}
