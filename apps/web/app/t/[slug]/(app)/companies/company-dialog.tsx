"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { RouterOutputs } from "@vendaflow/api/root";
import { FormField } from "@vendaflow/ui/form-field";
import { Input } from "@vendaflow/ui/input";
import { Select, SelectOption } from "@vendaflow/ui/select";
import { companySizes } from "@vendaflow/validators/plain/crm";
import type { CompanySize } from "@vendaflow/validators/crm";
import { EntityFormDialog, OwnerSelect, tagsOf, useEntityForm } from "@/components/crm/entity-form";
import { crm as crmText } from "@/lib/i18n/pt-br/crm";
import { useTRPC } from "@/lib/trpc/client";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { crm: crmText };

export type CompanyView = RouterOutputs["crm"]["companies"]["get"];

export function CompanyDialog({ company, onOpenChange }: { company: CompanyView | null; onOpenChange: (open: boolean) => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const save = useMutation(trpc.crm.companies.save.mutationOptions());
  const initial = {
    name: company?.name ?? "",
    domain: company?.domain ?? "",
    industry: company?.industry ?? "",
    size: company?.size ?? "",
    website: company?.website ?? "",
    linkedin: company?.linkedin ?? "",
    phone: company?.phone ?? "",
    ownerId: company?.owner_id ?? "",
    tags: (company?.tags ?? []).join(", "),
  };
  const form = useEntityForm(initial, company?.custom_fields, async (v, custom) => {
    await save.mutateAsync({ id: company?.id ?? null, ...v, size: (v.size || null) as CompanySize | null, ownerId: v.ownerId || null, tags: tagsOf(v.tags), customFields: custom });
    await qc.invalidateQueries({ queryKey: trpc.crm.companies.pathKey() });
  });
  const { values, set, errors } = form;
  const f = t.crm.companies.form;
  return (
    <EntityFormDialog title={company ? t.crm.companies.editTitle : t.crm.companies.createTitle} description={company?.name} entityType="company" form={form} onOpenChange={onOpenChange}>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label={f.name} error={errors.name} required><Input name="name" value={values.name} onChange={set("name")} maxLength={255} /></FormField>
        <FormField label={f.domain} error={errors.domain}><Input name="domain" value={values.domain} onChange={set("domain")} placeholder={f.domainPlaceholder} /></FormField>
        <FormField label={f.industry} error={errors.industry}><Input name="industry" value={values.industry} onChange={set("industry")} maxLength={100} /></FormField>
        <FormField label={f.size} error={errors.size}>
          <Select name="size" value={values.size} onChange={set("size")}>
            <SelectOption value="">{f.noSize}</SelectOption>
            {companySizes.map((s) => <SelectOption key={s} value={s}>{t.crm.companies.sizes[s]}</SelectOption>)}
          </Select>
        </FormField>
        <FormField label={f.website} error={errors.website}><Input name="website" value={values.website} onChange={set("website")} /></FormField>
        <FormField label={f.linkedin} error={errors.linkedin}><Input name="linkedin" value={values.linkedin} onChange={set("linkedin")} /></FormField>
        <FormField label={f.phone} error={errors.phone}><Input name="phone" type="tel" value={values.phone} onChange={set("phone")} /></FormField>
        <OwnerSelect value={values.ownerId} onChange={set("ownerId")} error={errors.ownerId} />
      </div>
      <FormField label={t.crm.tags} error={errors.tags} description={t.crm.tagsHint}><Input name="tags" value={values.tags} onChange={set("tags")} /></FormField>
    </EntityFormDialog>
  );
}
