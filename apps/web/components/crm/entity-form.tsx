"use client";
import { useQuery } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Dialog } from "@vendaflow/ui/dialog";
import { FormField } from "@vendaflow/ui/form-field";
import { Select, SelectOption } from "@vendaflow/ui/select";
import { useToast } from "@vendaflow/ui/toast";
import type { CustomFieldEntity, CustomFieldValue } from "@vendaflow/validators/custom-fields";
import { useState, type FormEvent, type ReactNode } from "react";
import { FormActions } from "@/components/form-actions";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { crm as crmText } from "@/lib/i18n/pt-br/crm";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage, fieldErrors } from "@/lib/trpc/errors";
import { CustomFieldInputs } from "./custom-field-inputs";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText, crm: crmText };

/** "a, b ,, c" → ["a", "b", "c"]: the tags input of every CRM form. */
export const tagsOf = (s: string) => s.split(",").map((x) => x.trim()).filter(Boolean);

type Errors = Record<string, string>;

/**
 * State of a CRM record form: text values, custom field values, per-field errors (zod paths from
 * the server) and a form-level error. `submit` returns false to stop without closing (a local
 * check failed and set its own errors through `setErrors`).
 */
export function useEntityForm<T extends Record<string, string>>(initial: T, initialCustom: unknown, submit: (values: T, custom: Record<string, CustomFieldValue>, setErrors: (e: Errors) => void) => Promise<boolean | void>) {
  const toast = useToast();
  const [values, setValues] = useState<T>(initial);
  const [custom, setCustom] = useState<Record<string, CustomFieldValue>>((initialCustom as Record<string, CustomFieldValue> | null) ?? {});
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const set = (k: keyof T & string) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [k]: e.target.value }));
  const setCustomValue = (id: string, v: CustomFieldValue) => setCustom((c) => ({ ...c, [id]: v }));

  const onSubmit = async (e: FormEvent, close: () => void) => {
    e.preventDefault();
    setErrors({});
    setFormError(null);
    setPending(true);
    try {
      if ((await submit(values, custom, setErrors)) === false) return;
      toast.success(t.common.saved);
      close();
    } catch (err) {
      const fe = fieldErrors(err);
      setErrors(fe);
      setFormError(Object.keys(fe).length ? null : errorMessage(err));
    } finally {
      setPending(false);
    }
  };
  return { values, set, custom, setCustomValue, errors, formError, pending, onSubmit };
}

export type EntityForm = ReturnType<typeof useEntityForm>;

/** The dialog around a CRM record form: fields, the entity's custom fields, the error, Cancel / Salvar. */
export function EntityFormDialog({
  title,
  description,
  entityType,
  form,
  onOpenChange,
  testId,
  children,
}: {
  title: string;
  description?: string;
  entityType: CustomFieldEntity;
  form: Pick<EntityForm, "custom" | "setCustomValue" | "errors" | "formError" | "pending" | "onSubmit">;
  onOpenChange: (open: boolean) => void;
  testId?: string;
  children: ReactNode;
}) {
  const trpc = useTRPC();
  const defs = useQuery(trpc.crm.customFields.list.queryOptions({ entityType }));
  const close = () => onOpenChange(false);
  return (
    <Dialog open onOpenChange={onOpenChange} title={title} description={description} className="max-w-2xl" contentClassName="max-w-2xl">
      <form onSubmit={(e) => form.onSubmit(e, close)} className="space-y-4" noValidate data-testid={testId}>
        {children}
        <CustomFieldInputs defs={defs.data ?? []} values={form.custom} onChange={form.setCustomValue} errors={form.errors} />
        {form.formError ? <Alert variant="destructive"><AlertDescription>{form.formError}</AlertDescription></Alert> : null}
        <FormActions onCancel={close} pending={form.pending} />
      </form>
    </Dialog>
  );
}

/** The record's owner: one of the tenant's agents, or none. */
export function OwnerSelect({ value, onChange, error }: { value: string; onChange: (e: { target: { value: string } }) => void; error?: string }) {
  const trpc = useTRPC();
  const agents = useQuery(trpc.routing.agents.queryOptions());
  return (
    <FormField label={t.crm.owner} error={error}>
      <Select name="owner" value={value} onChange={onChange}>
        <SelectOption value="">{t.crm.noOwner}</SelectOption>
        {(agents.data ?? []).map((a) => <SelectOption key={a.id} value={a.id}>{a.name || a.email}</SelectOption>)}
      </Select>
    </FormField>
  );
}

/** A link to another CRM record (company, contact) chosen from the first 100 of the list. */
export function RecordSelect({ label, name, none, options, value, onChange, error }: { label: string; name: string; none: string; options: { id: string; name: string }[]; value: string; onChange: (e: { target: { value: string } }) => void; error?: string }) {
  return (
    <FormField label={label} error={error}>
      <Select name={name} value={value} onChange={onChange}>
        <SelectOption value="">{none}</SelectOption>
        {options.map((o) => <SelectOption key={o.id} value={o.id}>{o.name}</SelectOption>)}
      </Select>
    </FormField>
  );
}
