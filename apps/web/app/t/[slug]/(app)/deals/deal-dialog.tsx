"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { RouterOutputs } from "@vendaflow/api/root";
import { FormField } from "@vendaflow/ui/form-field";
import { Input } from "@vendaflow/ui/input";
import { Select, SelectOption } from "@vendaflow/ui/select";
import { EntityFormDialog, OwnerSelect, RecordSelect, tagsOf, useEntityForm } from "@/components/crm/entity-form";
import type { PipelineView } from "@/lib/crm/board";
import { crm as crmText } from "@/lib/i18n/pt-br/crm";
import { centsToInput, parseBrl } from "@/lib/money";
import { useTRPC } from "@/lib/trpc/client";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { crm: crmText };

export type DealView = RouterOutputs["crm"]["deals"]["get"];

/** Create (in a chosen stage, the first by default) or edit a deal; the stage itself changes on the board. */
export function DealDialog({ deal, pipeline, onOpenChange, onSaved }: { deal: DealView | null; pipeline: PipelineView; onOpenChange: (open: boolean) => void; onSaved?: (id: string) => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const create = useMutation(trpc.crm.deals.create.mutationOptions());
  const update = useMutation(trpc.crm.deals.update.mutationOptions());
  const initial = {
    title: deal?.title ?? "",
    value: deal ? centsToInput(deal.value_cents) : "",
    stageId: "",
    close: deal?.expected_close_date ?? "",
    ownerId: deal?.owner_id ?? "",
    companyId: deal?.company_id ?? "",
    contactId: deal?.contact_id ?? "",
    tags: (deal?.tags ?? []).join(", "),
  };
  const form = useEntityForm(initial, deal?.custom_fields, async (v, custom, setErrors) => {
    const cents = v.value.trim() === "" ? 0 : parseBrl(v.value);
    if (cents === null) {
      setErrors({ valueCents: t.crm.deals.form.valueInvalid });
      return false;
    }
    const input = {
      title: v.title,
      valueCents: cents,
      pipelineId: deal ? null : pipeline.id,
      stageId: deal ? null : v.stageId || null,
      expectedCloseDate: v.close || null,
      ownerId: v.ownerId || null,
      companyId: v.companyId || null,
      contactId: v.contactId || null,
      leadId: deal?.lead_id ?? null,
      tags: tagsOf(v.tags),
      customFields: custom,
    };
    const saved = deal ? await update.mutateAsync({ id: deal.id, ...input }) : await create.mutateAsync(input);
    await qc.invalidateQueries({ queryKey: trpc.crm.deals.pathKey() });
    onSaved?.(saved.id);
  });
  const { values, set, errors } = form;
  const f = t.crm.deals.form;

  return (
    <EntityFormDialog title={deal ? t.crm.deals.editTitle : t.crm.deals.createTitle} description={deal?.title} entityType="deal" form={form} onOpenChange={onOpenChange} testId="deal-form">
      <FormField label={f.title} error={errors.title} required>
        <Input name="title" value={values.title} onChange={set("title")} placeholder={f.titlePlaceholder} maxLength={255} autoComplete="off" />
      </FormField>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label={f.value} error={errors.valueCents}>
          <Input name="value" inputMode="decimal" value={values.value} onChange={set("value")} placeholder={f.valuePlaceholder} />
        </FormField>
        {deal ? null : (
          <FormField label={f.stage} error={errors.stageId ?? errors.pipelineId}>
            <Select name="stage" value={values.stageId} onChange={set("stageId")}>
              <SelectOption value="">{f.firstStage}</SelectOption>
              {pipeline.stages.filter((s) => s.kind !== "lost").map((s) => <SelectOption key={s.id} value={s.id}>{s.name}</SelectOption>)}
            </Select>
          </FormField>
        )}
        <FormField label={f.expectedClose} error={errors.expectedCloseDate}>
          <Input name="close" type="date" value={values.close} onChange={set("close")} />
        </FormField>
        <OwnerSelect value={values.ownerId} onChange={set("ownerId")} error={errors.ownerId} />
        <RecordSelect label={f.company} kind="companies" none={f.noCompany} value={values.companyId} valueName={deal?.company_name ?? null} onChange={set("companyId")} error={errors.companyId} />
        <RecordSelect label={f.contact} kind="contacts" none={f.noContact} value={values.contactId} valueName={deal?.contact_name ?? null} onChange={set("contactId")} error={errors.contactId} />
      </div>
      <FormField label={t.crm.tags} error={errors.tags} description={t.crm.tagsHint}>
        <Input name="tags" value={values.tags} onChange={set("tags")} />
      </FormField>
    </EntityFormDialog>
  );
}
