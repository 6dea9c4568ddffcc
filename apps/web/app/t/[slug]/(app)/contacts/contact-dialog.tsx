"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { RouterOutputs } from "@vendaflow/api/root";
import { Checkbox } from "@vendaflow/ui/checkbox";
import { FormField } from "@vendaflow/ui/form-field";
import { Input } from "@vendaflow/ui/input";
import { useState } from "react";
import { EntityFormDialog, OwnerSelect, RecordSelect, tagsOf, useEntityForm } from "@/components/crm/entity-form";
import { crm as crmText } from "@/lib/i18n/pt-br/crm";
import { useTRPC } from "@/lib/trpc/client";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { crm: crmText };

export type ContactView = RouterOutputs["crm"]["contacts"]["get"];

export function ContactDialog({ contact, onOpenChange }: { contact: ContactView | null; onOpenChange: (open: boolean) => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const save = useMutation(trpc.crm.contacts.save.mutationOptions());
  const [isPrimary, setPrimary] = useState(contact?.is_primary ?? false);
  const initial = {
    name: contact?.name ?? "",
    email: contact?.email ?? "",
    phone: contact?.phone ?? "",
    position: contact?.position ?? "",
    linkedin: contact?.linkedin ?? "",
    companyId: contact?.company_id ?? "",
    ownerId: contact?.owner_id ?? "",
    tags: (contact?.tags ?? []).join(", "),
  };
  const form = useEntityForm(initial, contact?.custom_fields, async (v, custom) => {
    await save.mutateAsync({ id: contact?.id ?? null, ...v, companyId: v.companyId || null, ownerId: v.ownerId || null, isPrimary, tags: tagsOf(v.tags), customFields: custom });
    await qc.invalidateQueries({ queryKey: trpc.crm.contacts.pathKey() });
  });
  const { values, set, errors } = form;
  const f = t.crm.contacts.form;
  return (
    <EntityFormDialog title={contact ? t.crm.contacts.editTitle : t.crm.contacts.createTitle} description={contact?.name} entityType="contact" form={form} onOpenChange={onOpenChange}>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label={f.name} error={errors.name} required><Input name="name" value={values.name} onChange={set("name")} maxLength={255} /></FormField>
        <FormField label={f.email} error={errors.email}><Input name="email" type="email" value={values.email} onChange={set("email")} /></FormField>
        <FormField label={f.phone} error={errors.phone}><Input name="phone" type="tel" value={values.phone} onChange={set("phone")} placeholder={f.phonePlaceholder} /></FormField>
        <FormField label={f.position} error={errors.position}><Input name="position" value={values.position} onChange={set("position")} /></FormField>
        <RecordSelect label={f.company} kind="companies" none={f.noCompany} value={values.companyId} valueName={contact?.company_name ?? null} onChange={set("companyId")} error={errors.companyId} />
        <OwnerSelect value={values.ownerId} onChange={set("ownerId")} error={errors.ownerId} />
        <FormField label={f.linkedin} error={errors.linkedin}><Input name="linkedin" value={values.linkedin} onChange={set("linkedin")} /></FormField>
        <FormField label={t.crm.tags} error={errors.tags} description={t.crm.tagsHint}><Input name="tags" value={values.tags} onChange={set("tags")} /></FormField>
      </div>
      <Checkbox label={f.primary} checked={isPrimary} onChange={(e) => setPrimary(e.target.checked)} />
    </EntityFormDialog>
  );
}
