"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Button } from "@vendaflow/ui/button";
import Link from "next/link";
import { useEffect, useState } from "react";
import { DialogLoading, onDemand } from "@/components/loading";
import { billingNotices } from "@/lib/i18n/pt-br/billing-notices";
import { useTRPC } from "@/lib/trpc/client";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { billing: billingNotices };

// Every page carries the banner; the dialog's code comes with the first refused mutation.
const Dialog = onDemand(() => import("@vendaflow/ui/dialog").then((m) => m.Dialog), DialogLoading);

/**
 * The billing banner (trial ending, past due with its grace date, read-only, message usage ≥ 80%)
 * and the upgrade dialog every PAYMENT_REQUIRED error of a mutation opens.
 */
export function BillingNotices() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const status = useQuery(trpc.billing.status.queryOptions());
  const [upgrade, setUpgrade] = useState<string | null>(null);
  // Mounted from the first refusal on, so a closing dialog still hands the focus back (close()).
  const [refused, setRefused] = useState(false);

  useEffect(
    () =>
      qc.getMutationCache().subscribe((e) => {
        const err = e.mutation?.state.error;
        if (e.type === "updated" && err instanceof TRPCClientError && (err.data as { code?: string } | undefined)?.code === "PAYMENT_REQUIRED") {
          setRefused(true);
          setUpgrade(err.message);
        }
      }),
    [qc],
  );

  const s = status.data;
  let text: string | null = null;
  let destructive = false;
  if (s) {
    const r = s.access.reason;
    if (r === "trial_ending") text = t.billing.banner.trial_ending(s.trialDaysLeft ?? 0);
    else if (r === "past_due") text = t.billing.banner.past_due(String(s.access.until));
    else if (r !== "ok") {
      text = t.billing.banner[r];
      destructive = true;
    } else if (s.messagesPercent !== null && s.messagesPercent >= 80) text = t.billing.banner.usage(s.messagesPercent);
  }
  return (
    <>
      {text ? (
        <Alert variant={destructive ? "destructive" : "default"} className="mb-4" data-testid="billing-banner">
          <AlertDescription>
            {text} <Link className="underline" href="/billing">{t.billing.banner.action}</Link>
          </AlertDescription>
        </Alert>
      ) : null}
      {refused ? (
        <Dialog
          open={upgrade !== null}
          onOpenChange={(o) => (o ? undefined : setUpgrade(null))}
          title={t.billing.upgradeTitle}
          footer={
            <Button asChild>
              <Link href="/billing" onClick={() => setUpgrade(null)}>{t.billing.upgradeAction}</Link>
            </Button>
          }
        >
          <p data-testid="upgrade-message">{upgrade}</p>
        </Dialog>
      ) : null}
    </>
  );
}
