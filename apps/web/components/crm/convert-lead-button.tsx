"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button } from "@vendaflow/ui/button";
import { useToast } from "@vendaflow/ui/toast";
import { BriefcaseBusiness } from "lucide-react";
import { useRouter } from "next/navigation";
import { TRPCClientError } from "@trpc/client";
import { crm as crmText } from "@/lib/i18n/pt-br/crm";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { crm: crmText };

/** One click: company, contact and a deal in the first stage valued at the BANT budget (crm.leads.convert). */
export function ConvertLeadButton({ leadId }: { leadId: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const router = useRouter();
  const convert = useMutation(trpc.crm.leads.convert.mutationOptions());
  const open = (dealId: string) => router.push(`/deals/${dealId}`);

  const onClick = async () => {
    try {
      const res = await convert.mutateAsync({ leadId });
      void qc.invalidateQueries();
      toast.success(t.crm.convert.done);
      open(res.dealId);
    } catch (err) {
      const dealId = err instanceof TRPCClientError ? (err.data as { details?: { dealId?: string } } | undefined)?.details?.dealId : undefined;
      if (dealId) {
        toast.info(t.crm.convert.already);
        open(dealId);
      } else toast.error(errorMessage(err));
    }
  };

  return (
    <div className="space-y-1">
      <Button onClick={onClick} loading={convert.isPending} data-testid="convert-lead" className="w-full">
        <BriefcaseBusiness aria-hidden="true" />{t.crm.convert.action}
      </Button>
      <p className="text-xs text-muted-foreground">{t.crm.convert.hint}</p>
    </div>
  );
}
