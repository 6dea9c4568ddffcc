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
import { companySizes, type CompanySize } from "@vendaflow/validators/crm";
import type { CustomFieldValue } from "@vendaflow/validators/custom-fields";
import { useState, type FormEvent } from "react";
import { CustomFieldInputs } from "@/components/crm/custom-field-inputs";
import { t } from "@/lib/i18n";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage, fieldErrors } from "@/lib/trpc/errors";

export type CompanyView = RouterOutputs["crm"]["companies"]["get"];
const tagsOf = (s: string) => s.split(",").map((x) => x.trim()).filter(Boolean);

export function CompanyDialog({ company, onOpenChange }: { company: CompanyView | null; onOpenChange: (open: boolean) => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const agents = useQuery(trpc.routing.agents.queryOptions());
  const defs = useQuery(trpc.crm.customFields.list.queryOptions({ entityType: "company" }));
  const save = useMutation(trpc.crm.companies.save.mutationOptions());
  const [form, setForm] = useState({
    name: company?.name ?? "",
    domain: company?.domain ?? "",
    industry: company?.industry ?? "",
    size: (company?.size ?? "") as CompanySize | "",
    website: company?.website ?? "",
    linkedin: company?.linkedin ?? "",
    phone: company?.phone ?? "",
    ownerId: company?.owner_id ?? "",
    tags: (company?.tags ?? []).join(", "),
  });
  const [custom, setCustom] = useState<Record<string, CustomFieldValue>>((company?.custom_fields as Record<string, CustomFieldValue>) ?? {});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setErrors({});
    setFormError(null);
    try {
      await save.mutateAsync({ id: company?.id ?? null, ...form, size: form.size || null, ownerId: form.ownerId || null, tags: tagsOf(form.tags), customFields: custom });
      toast.success(t.common.saved);
      await qc.invalidateQueries({ queryKey: trpc.crm.companies.pathKey() });
      onOpenChange(false);
    } catch (err) {
      const fe = fieldErrors(err);
      setErrors(fe);
      setFormError(Object.keys(fe).length ? null : errorMessage(err));
    }
  };

  const f = t.crm.companies.form;
  return (
    <Dialog open onOpenChange={onOpenChange} title={company ? t.crm.companies.editTitle : t.crm.companies.createTitle} description={company?.name} className="max-w-2xl" contentClassName="max-w-2xl">
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <div className="grid gap-4 sm:grid-cols-2">
          <FormField label={f.name} error={errors.name} required><Input name="name" value={form.name} onChange={set("name")} maxLength={255} /></FormField>
          <FormField label={f.domain} error={errors.domain}><Input name="domain" value={form.domain} onChange={set("domain")} placeholder={f.domainPlaceholder} /></FormField>
          <FormField label={f.industry} error={errors.industry}><Input name="industry" value={form.industry} onChange={set("industry")} maxLength={100} /></FormField>
          <FormField label={f.size} error={errors.size}>
            <Select name="size" value={form.size} onChange={set("size")}>
              <SelectOption value="">{f.noSize}</SelectOption>
              {companySizes.map((s) => <SelectOption key={s} value={s}>{t.crm.companies.sizes[s]}</SelectOption>)}
            </Select>
          </FormField>
          <FormField label={f.website} error={errors.website}><Input name="website" value={form.website} onChange={set("website")} /></FormField>
          <FormField label={f.linkedin} error={errors.linkedin}><Input name="linkedin" value={form.linkedin} onChange={set("linkedin")} /></FormField>
          <FormField label={f.phone} error={errors.phone}><Input name="phone" type="tel" value={form.phone} onChange={set("phone")} /></FormField>
          <FormField label={t.crm.owner} error={errors.ownerId}>
            <Select name="owner" value={form.ownerId} onChange={set("ownerId")}>
              <SelectOption value="">{t.crm.noOwner}</SelectOption>
              {(agents.data ?? []).map((a) => <SelectOption key={a.id} value={a.id}>{a.name || a.email}</SelectOption>)}
            </Select>
          </FormField>
        </div>
        <FormField label={t.crm.tags} error={errors.tags} description={t.crm.tagsHint}><Input name="tags" value={form.tags} onChange={set("tags")} /></FormField>
        <CustomFieldInputs defs={defs.data ?? []} values={custom} onChange={(id, v) => setCustom((c) => ({ ...c, [id]: v }))} errors={errors} />
        {formError ? <Alert variant="destructive"><AlertDescription>{formError}</AlertDescription></Alert> : null}
        <div className="flex justify-end gap-2">
          <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>{t.common.cancel}</Button>
          <Button type="submit" loading={save.isPending}>{t.common.save}</Button>
        </div>
      </form>
    </Dialog>
  );
}
