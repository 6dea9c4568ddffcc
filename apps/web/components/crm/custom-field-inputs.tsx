"use client";
import { FormField } from "@vendaflow/ui/form-field";
import { Input } from "@vendaflow/ui/input";
import { Select, SelectOption } from "@vendaflow/ui/select";
import type { CustomFieldValue } from "@vendaflow/validators/custom-fields";
import { brDay } from "@/lib/dates";
import { crm as crmText } from "@/lib/i18n/pt-br/crm";
import { centsToInput, parseBrl } from "@/lib/money";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { crm: crmText };

export interface FieldDefView {
  id: string;
  label: string;
  field_type: string;
  options: unknown;
  is_required: boolean;
}

/**
 * One input per custom field. Values go to the server as typed values (numbers, cents, booleans,
 * lists); the server checks them against the definitions and its errors come back keyed
 * `customFields.<id>`. A currency the user typed badly is sent as text so the server names it.
 */
export function CustomFieldInputs({
  defs,
  values,
  onChange,
  errors,
}: {
  defs: FieldDefView[];
  values: Record<string, CustomFieldValue>;
  onChange: (id: string, value: CustomFieldValue) => void;
  errors: Record<string, string>;
}) {
  if (!defs.length) return null;
  return (
    <fieldset className="grid gap-4 rounded-lg border p-3 sm:grid-cols-2">
      <legend className="px-1 text-sm font-medium">{t.crm.customFields}</legend>
      {defs.map((d) => <CustomFieldInput key={d.id} def={d} value={values[d.id] ?? null} onChange={(v) => onChange(d.id, v)} error={errors[`customFields.${d.id}`]} />)}
    </fieldset>
  );
}

/** One custom field's input (a form of its own may name it with `label`, e.g. an automation's "Valor"). */
export function CustomFieldInput({ def: d, value: v, onChange, error, label }: { def: FieldDefView; value: CustomFieldValue; onChange: (value: CustomFieldValue) => void; error?: string; label?: string }) {
  const options = (d.options as string[]) ?? [];
  const name = `cf-${d.id}`;
  switch (d.field_type) {
    case "boolean":
      return (
        <FormField label={label ?? d.label} error={error} required={d.is_required}>
          <Select name={name} value={v === null ? "" : v ? "true" : "false"} onChange={(e) => onChange(e.target.value === "" ? null : e.target.value === "true")}>
            <SelectOption value="">{t.crm.none}</SelectOption>
            <SelectOption value="true">{t.crm.yes}</SelectOption>
            <SelectOption value="false">{t.crm.no}</SelectOption>
          </Select>
        </FormField>
      );
    case "select":
      return (
        <FormField label={label ?? d.label} error={error} required={d.is_required}>
          <Select name={name} value={typeof v === "string" ? v : ""} onChange={(e) => onChange(e.target.value || null)}>
            <SelectOption value="">{t.crm.none}</SelectOption>
            {options.map((o) => <SelectOption key={o} value={o}>{o}</SelectOption>)}
          </Select>
        </FormField>
      );
    case "multiselect":
      return (
        <FormField label={label ?? d.label} error={error} required={d.is_required}>
          <Select name={name} multiple value={Array.isArray(v) ? v : []} onChange={(e) => onChange([...e.target.selectedOptions].map((o) => o.value))}>
            {options.map((o) => <SelectOption key={o} value={o}>{o}</SelectOption>)}
          </Select>
        </FormField>
      );
    case "number":
      return (
        <FormField label={label ?? d.label} error={error} required={d.is_required}>
          <Input name={name} inputMode="decimal" value={v === null ? "" : String(v)} onChange={(e) => onChange(e.target.value === "" ? null : Number.isNaN(Number(e.target.value.replace(",", "."))) ? e.target.value : Number(e.target.value.replace(",", ".")))} />
        </FormField>
      );
    case "currency":
      return (
        <FormField label={label ?? d.label} error={error} required={d.is_required}>
          <Input name={name} inputMode="decimal" placeholder="0,00" defaultValue={typeof v === "number" ? centsToInput(v) : ""} onChange={(e) => onChange(e.target.value === "" ? null : (parseBrl(e.target.value) ?? e.target.value))} />
        </FormField>
      );
    case "date":
      return (
        <FormField label={label ?? d.label} error={error} required={d.is_required}>
          <Input name={name} type="date" value={typeof v === "string" ? v : ""} onChange={(e) => onChange(e.target.value || null)} />
        </FormField>
      );
    default:
      return (
        <FormField label={label ?? d.label} error={error} required={d.is_required}>
          <Input name={name} value={typeof v === "string" ? v : ""} onChange={(e) => onChange(e.target.value || null)} />
        </FormField>
      );
  }
}

/** Stored values shown read-only on a detail page. */
export function customValueText(def: FieldDefView, v: unknown, brl: (c: number) => string): string {
  if (v === null || v === undefined || v === "") return t.crm.none;
  if (def.field_type === "boolean") return v ? t.crm.yes : t.crm.no;
  if (def.field_type === "currency" && typeof v === "number") return brl(v);
  if (def.field_type === "date" && typeof v === "string") return brDay(v);
  if (Array.isArray(v)) return v.join(", ");
  return String(v);
}
