"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { RouterOutputs } from "@vendaflow/api/root";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Button } from "@vendaflow/ui/button";
import { Checkbox } from "@vendaflow/ui/checkbox";
import { Dialog } from "@vendaflow/ui/dialog";
import { FormField } from "@vendaflow/ui/form-field";
import { Input } from "@vendaflow/ui/input";
import { Select, SelectOption } from "@vendaflow/ui/select";
import { useToast } from "@vendaflow/ui/toast";
import type { CustomFieldValue } from "@vendaflow/validators/custom-fields";
import { useState, type FormEvent } from "react";
import { CustomFieldInputs } from "@/components/crm/custom-field-inputs";
import { t } from "@/lib/i18n";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage, fieldErrors } from "@/lib/trpc/errors";

export type ContactView = RouterOutputs["crm"]["contacts"]["get"];
const tagsOf = (s: string) => s.split(",").map((x) => x.trim()).filter(Boolean);

export function ContactDialog({ contact, onOpenChange }: { contact: ContactView | null; onOpenChange: (open: boolean) => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const agents = useQuery(trpc.routing.agents.queryOptions());
  const companies = useQuery(trpc.crm.companies.list.queryOptions({ limit: 100 }));
  const defs = useQuery(trpc.crm.customFields.list.queryOptions({ entityType: "contact" }));
  const save = useMutation(trpc.crm.contacts.save.mutationOptions());
  const [form, setForm] = useState({
    name: contact?.name ?? "",
    email: contact?.email ?? "",
    phone: contact?.phone ?? "",
    position: contact?.position ?? "",
    linkedin: contact?.linkedin ?? "",
    companyId: contact?.company_id ?? "",
    ownerId: contact?.owner_id ?? "",
    tags: (contact?.tags ?? []).join(", "),
  });
  const [isPrimary, setPrimary] = useState(contact?.is_primary ?? false);
  const [custom, setCustom] = useState<Record<string, CustomFieldValue>>((contact?.custom_fields as Record<string, CustomFieldValue>) ?? {});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setErrors({});
    setFormError(null);
    try {
      await save.mutateAsync({ id: contact?.id ?? null, ...form, companyId: form.companyId || null, ownerId: form.ownerId || null, isPrimary, tags: tagsOf(form.tags), customFields: custom });
      toast.success(t.common.saved);
      await qc.invalidateQueries({ queryKey: trpc.crm.contacts.pathKey() });
      onOpenChange(false);
    } catch (err) {
      const fe = fieldErrors(err);
      setErrors(fe);
      setFormError(Object.keys(fe).length ? null : errorMessage(err));
    }
  };

  const f = t.crm.contacts.form;
  return (
    <Dialog open onOpenChange={onOpenChange} title={contact ? t.crm.contacts.editTitle : t.crm.contacts.createTitle} description={contact?.name} className="max-w-2xl" contentClassName="max-w-2xl">
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <div className="grid gap-4 sm:grid-cols-2">
          <FormField label={f.name} error={errors.name} required><Input name="name" value={form.name} onChange={set("name")} maxLength={255} /></FormField>
          <FormField label={f.email} error={errors.email}><Input name="email" type="email" value={form.email} onChange={set("email")} /></FormField>
          <FormField label={f.phone} error={errors.phone}><Input name="phone" type="tel" value={form.phone} onChange={set("phone")} placeholder={f.phonePlaceholder} /></FormField>
          <FormField label={f.position} error={errors.position}><Input name="position" value={form.position} onChange={set("position")} /></FormField>
          <FormField label={f.company} error={errors.companyId}>
            <Select name="company" value={form.companyId} onChange={set("companyId")}>
              <SelectOption value="">{f.noCompany}</SelectOption>
              {(companies.data?.items ?? []).map((c) => <SelectOption key={c.id} value={c.id}>{c.name}</SelectOption>)}
            </Select>
          </FormField>
          <FormField label={t.crm.owner} error={errors.ownerId}>
            <Select name="owner" value={form.ownerId} onChange={set("ownerId")}>
              <SelectOption value="">{t.crm.noOwner}</SelectOption>
              {(agents.data ?? []).map((a) => <SelectOption key={a.id} value={a.id}>{a.name || a.email}</SelectOption>)}
            </Select>
          </FormField>
          <FormField label={f.linkedin} error={errors.linkedin}><Input name="linkedin" value={form.linkedin} onChange={set("linkedin")} /></FormField>
          <FormField label={t.crm.tags} error={errors.tags} description={t.crm.tagsHint}><Input name="tags" value={form.tags} onChange={set("tags")} /></FormField>
        </div>
        <Checkbox label={f.primary} checked={isPrimary} onChange={(e) => setPrimary(e.target.checked)} />
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
