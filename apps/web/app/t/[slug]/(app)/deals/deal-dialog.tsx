"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { RouterOutputs } from "@vendaflow/api/root";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Button } from "@vendaflow/ui/button";
import { Dialog } from "@vendaflow/ui/dialog";
import { FormField } from "@vendaflow/ui/form-field";
import { Input } from "@vendaflow/ui/input";
import { Select, SelectOption } from "@vendaflow/ui/select";
import { useToast } from "@vendaflow/ui/toast";
import type { CustomFieldValue } from "@vendaflow/validators/custom-fields";
import { useState, type FormEvent } from "react";
import { CustomFieldInputs } from "@/components/crm/custom-field-inputs";
import type { PipelineView } from "@/lib/crm/board";
import { t } from "@/lib/i18n";
import { centsToInput, parseBrl } from "@/lib/money";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage, fieldErrors } from "@/lib/trpc/errors";

export type DealView = RouterOutputs["crm"]["deals"]["get"];

const tagsOf = (s: string) => s.split(",").map((x) => x.trim()).filter(Boolean);

/** Create (in a chosen stage, the first by default) or edit a deal; the stage itself changes on the board. */
export function DealDialog({ deal, pipeline, onOpenChange, onSaved }: { deal: DealView | null; pipeline: PipelineView; onOpenChange: (open: boolean) => void; onSaved?: (id: string) => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const agents = useQuery(trpc.routing.agents.queryOptions());
  const companies = useQuery(trpc.crm.companies.list.queryOptions({ limit: 100 }));
  const contacts = useQuery(trpc.crm.contacts.list.queryOptions({ limit: 100 }));
  const defs = useQuery(trpc.crm.customFields.list.queryOptions({ entityType: "deal" }));
  const create = useMutation(trpc.crm.deals.create.mutationOptions());
  const update = useMutation(trpc.crm.deals.update.mutationOptions());

  const [title, setTitle] = useState(deal?.title ?? "");
  const [value, setValue] = useState(deal ? centsToInput(deal.value_cents) : "");
  const [stageId, setStageId] = useState("");
  const [close, setClose] = useState(deal?.expected_close_date ?? "");
  const [ownerId, setOwnerId] = useState(deal?.owner_id ?? "");
  const [companyId, setCompanyId] = useState(deal?.company_id ?? "");
  const [contactId, setContactId] = useState(deal?.contact_id ?? "");
  const [tags, setTags] = useState((deal?.tags ?? []).join(", "));
  const [custom, setCustom] = useState<Record<string, CustomFieldValue>>((deal?.custom_fields as Record<string, CustomFieldValue>) ?? {});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setErrors({});
    setFormError(null);
    const cents = value.trim() === "" ? 0 : parseBrl(value);
    if (cents === null) {
      setErrors({ valueCents: t.crm.deals.form.valueInvalid });
      return;
    }
    const input = {
      title,
      valueCents: cents,
      pipelineId: deal ? null : pipeline.id,
      stageId: deal ? null : stageId || null,
      expectedCloseDate: close || null,
      ownerId: ownerId || null,
      companyId: companyId || null,
      contactId: contactId || null,
      leadId: deal?.lead_id ?? null,
      tags: tagsOf(tags),
      customFields: custom,
    };
    try {
      const saved = deal ? await update.mutateAsync({ id: deal.id, ...input }) : await create.mutateAsync(input);
      toast.success(t.common.saved);
      await qc.invalidateQueries({ queryKey: trpc.crm.deals.pathKey() });
      onSaved?.(saved.id);
      onOpenChange(false);
    } catch (err) {
      const fe = fieldErrors(err);
      setErrors(fe);
      setFormError(Object.keys(fe).length ? null : errorMessage(err));
    }
  };

  return (
    <Dialog open onOpenChange={onOpenChange} title={deal ? t.crm.deals.editTitle : t.crm.deals.createTitle} description={deal?.title} className="max-w-2xl" contentClassName="max-w-2xl">
      <form onSubmit={onSubmit} className="space-y-4" noValidate data-testid="deal-form">
        <FormField label={t.crm.deals.form.title} error={errors.title} required>
          <Input name="title" value={title} onChange={(e) => setTitle(e.target.value)} placeholder={t.crm.deals.form.titlePlaceholder} maxLength={255} autoComplete="off" />
        </FormField>
        <div className="grid gap-4 sm:grid-cols-2">
          <FormField label={t.crm.deals.form.value} error={errors.valueCents}>
            <Input name="value" inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} placeholder={t.crm.deals.form.valuePlaceholder} />
          </FormField>
          {deal ? null : (
            <FormField label={t.crm.deals.form.stage} error={errors.stageId ?? errors.pipelineId}>
              <Select name="stage" value={stageId} onChange={(e) => setStageId(e.target.value)}>
                <SelectOption value="">{t.crm.deals.form.firstStage}</SelectOption>
                {pipeline.stages.filter((s) => s.kind !== "lost").map((s) => <SelectOption key={s.id} value={s.id}>{s.name}</SelectOption>)}
              </Select>
            </FormField>
          )}
          <FormField label={t.crm.deals.form.expectedClose} error={errors.expectedCloseDate}>
            <Input name="close" type="date" value={close} onChange={(e) => setClose(e.target.value)} />
          </FormField>
          <FormField label={t.crm.owner} error={errors.ownerId}>
            <Select name="owner" value={ownerId} onChange={(e) => setOwnerId(e.target.value)}>
              <SelectOption value="">{t.crm.noOwner}</SelectOption>
              {(agents.data ?? []).map((a) => <SelectOption key={a.id} value={a.id}>{a.name || a.email}</SelectOption>)}
            </Select>
          </FormField>
          <FormField label={t.crm.deals.form.company} error={errors.companyId}>
            <Select name="company" value={companyId} onChange={(e) => setCompanyId(e.target.value)}>
              <SelectOption value="">{t.crm.deals.form.noCompany}</SelectOption>
              {(companies.data?.items ?? []).map((c) => <SelectOption key={c.id} value={c.id}>{c.name}</SelectOption>)}
            </Select>
          </FormField>
          <FormField label={t.crm.deals.form.contact} error={errors.contactId}>
            <Select name="contact" value={contactId} onChange={(e) => setContactId(e.target.value)}>
              <SelectOption value="">{t.crm.deals.form.noContact}</SelectOption>
              {(contacts.data?.items ?? []).map((c) => <SelectOption key={c.id} value={c.id}>{c.name}</SelectOption>)}
            </Select>
          </FormField>
        </div>
        <FormField label={t.crm.tags} error={errors.tags} description={t.crm.tagsHint}>
          <Input name="tags" value={tags} onChange={(e) => setTags(e.target.value)} />
        </FormField>
        <CustomFieldInputs defs={defs.data ?? []} values={custom} onChange={(id, v) => setCustom((c) => ({ ...c, [id]: v }))} errors={errors} />
        {formError ? <Alert variant="destructive"><AlertDescription>{formError}</AlertDescription></Alert> : null}
        <div className="flex justify-end gap-2">
          <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>{t.common.cancel}</Button>
          <Button type="submit" loading={create.isPending || update.isPending}>{t.common.save}</Button>
        </div>
      </form>
    </Dialog>
  );
}
