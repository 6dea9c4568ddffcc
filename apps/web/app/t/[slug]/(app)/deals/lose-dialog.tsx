"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Button } from "@vendaflow/ui/button";
import { Dialog } from "@vendaflow/ui/dialog";
import { FormField } from "@vendaflow/ui/form-field";
import { Select, SelectOption } from "@vendaflow/ui/select";
import { Textarea } from "@vendaflow/ui/textarea";
import { useState } from "react";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { crm as crmText } from "@/lib/i18n/pt-br/crm";
import { useTRPC } from "@/lib/trpc/client";
import { useSubmitErrors } from "@/components/use-submit-errors";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText, crm: crmText };

/** Losing a deal asks for the reason (the tenant's list) and an optional note; `onDone` gets the lost stage's id. */
export function LoseDialog({ deal, onOpenChange, onDone }: { deal: { id: string; title: string }; onOpenChange: (open: boolean) => void; onDone: (lostStageId: string) => void }) {
  const trpc = useTRPC();
  const reasons = useQuery(trpc.crm.pipelines.lostReasons.queryOptions());
  const lose = useMutation(trpc.crm.deals.lose.mutationOptions());
  const [reason, setReason] = useState("");
  const [note, setNote] = useState("");
  const { errors, formError, submit } = useSubmitErrors();

  const onSubmit = submit(async () => {
    const lost = await lose.mutateAsync({ id: deal.id, lostReasonId: reason, note: note || null });
    onDone(lost.stageId);
    onOpenChange(false);
  });

  return (
    <Dialog open onOpenChange={onOpenChange} title={t.crm.deals.loseTitle} description={deal.title}>
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <FormField label={t.crm.deals.loseReason} error={errors.lostReasonId ?? errors.id} required>
          <Select name="reason" value={reason} onChange={(e) => setReason(e.target.value)}>
            <SelectOption value="">{t.crm.deals.loseReasonPick}</SelectOption>
            {(reasons.data ?? []).map((r) => <SelectOption key={r.id} value={r.id}>{r.name}</SelectOption>)}
          </Select>
        </FormField>
        <FormField label={t.crm.deals.loseNote} error={errors.note}>
          <Textarea name="note" value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} />
        </FormField>
        {formError ? <Alert variant="destructive"><AlertDescription>{formError}</AlertDescription></Alert> : null}
        <div className="flex justify-end gap-2">
          <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>{t.common.cancel}</Button>
          <Button type="submit" variant="destructive" loading={lose.isPending}>{t.crm.deals.lose}</Button>
        </div>
      </form>
    </Dialog>
  );
}
