"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Button } from "@vendaflow/ui/button";
import { Dialog } from "@vendaflow/ui/dialog";
import type { BillingInterval } from "@vendaflow/validators/billing";
import { billing as billingText } from "@/lib/i18n/pt-br/billing";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { billing: billingText, common: commonText };

/** Upgrade / downgrade of a live subscription: Stripe's proration preview first, then confirm. */
export function PlanChangeDialog({ target, onClose, onChanged }: { target: { code: string; name: string; interval: BillingInterval } | null; onClose: () => void; onChanged: () => void }) {
  const trpc = useTRPC();
  const preview = useQuery({ ...trpc.billing.previewChange.queryOptions({ planCode: target?.code ?? "starter", interval: target?.interval ?? "month" }), enabled: Boolean(target) });
  const change = useMutation(trpc.billing.changePlan.mutationOptions({ onSuccess: onChanged }));
  return (
    <Dialog
      open={Boolean(target)}
      onOpenChange={(o) => (o ? undefined : onClose())}
      title={target ? t.billing.changeTitle(target.name) : ""}
      footer={
        <>
          <Button variant="outline" onClick={onClose}>{t.common.cancel}</Button>
          <Button disabled={!preview.data || change.isPending} onClick={() => target && change.mutate({ planCode: target.code, interval: target.interval })}>{t.billing.confirmChange}</Button>
        </>
      }
    >
      {preview.isLoading ? <p className="text-sm text-muted-foreground">{t.billing.previewLoading}</p> : null}
      {preview.data ? <p data-testid="proration">{t.billing.previewDue(preview.data.amountDueCents)}</p> : null}
      {preview.error || change.error ? <Alert variant="destructive"><AlertDescription>{errorMessage(preview.error ?? change.error)}</AlertDescription></Alert> : null}
    </Dialog>
  );
}
