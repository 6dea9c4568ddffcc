"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import type { RouterOutputs } from "@vendaflow/api/root";
import { useEffect, useState } from "react";
import { DialogLoading, onDemand } from "@/components/loading";
import { useTRPC } from "@/lib/trpc/client";

// Every page carries this; the banner's code (texts, alert) comes when the account's state calls
// for it, where it showed after the status query anyway, and the dialog's with the first refused mutation.
const BillingBanner = onDemand(() => import("./billing-banner").then((m) => m.BillingBanner), () => null);
const UpgradeDialog = onDemand(() => import("./billing-upgrade-dialog").then((m) => m.UpgradeDialog), DialogLoading);

/** Whether the account's state is one the banner speaks of: anything but "ok", or message usage ≥ 80%. */
const bannerDue = (s: RouterOutputs["billing"]["status"]) => s.access.reason !== "ok" || (s.messagesPercent !== null && s.messagesPercent >= 80);

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

  return (
    <>
      {status.data && bannerDue(status.data) ? <BillingBanner status={status.data} /> : null}
      {refused ? <UpgradeDialog message={upgrade} onClose={() => setUpgrade(null)} /> : null}
    </>
  );
}
