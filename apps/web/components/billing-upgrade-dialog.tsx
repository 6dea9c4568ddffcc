"use client";
import { Button } from "@vendaflow/ui/button";
import { Dialog } from "@vendaflow/ui/dialog";
import Link from "next/link";
import { billingNotices } from "@/lib/i18n/pt-br/billing-notices";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { billing: billingNotices };

// Loaded by ./billing-notices with the first refused mutation: not in every dashboard page's first load.

/** "Limite do plano": the PAYMENT_REQUIRED message of a refused mutation and the way to the plans. */
export function UpgradeDialog({ message, onClose }: { message: string | null; onClose: () => void }) {
  return (
    <Dialog
      open={message !== null}
      onOpenChange={(o) => (o ? undefined : onClose())}
      title={t.billing.upgradeTitle}
      footer={
        <Button asChild>
          <Link href="/billing" onClick={onClose}>{t.billing.upgradeAction}</Link>
        </Button>
      }
    >
      <p data-testid="upgrade-message">{message}</p>
    </Dialog>
  );
}
