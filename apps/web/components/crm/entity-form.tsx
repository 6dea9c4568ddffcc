"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Dialog } from "@vendaflow/ui/dialog";
import { cn } from "@vendaflow/ui/cn";
import { FormField, type FormFieldControlProps } from "@vendaflow/ui/form-field";
import { fieldClassName } from "@vendaflow/ui/input";
import { Select, SelectOption } from "@vendaflow/ui/select";
import { useToast } from "@vendaflow/ui/toast";
import type { CustomFieldEntity, CustomFieldValue } from "@vendaflow/validators/custom-fields";
import { X } from "lucide-react";
import { useDeferredValue, useId, useState, type FormEvent, type KeyboardEvent, type ReactNode } from "react";
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

/** How many matches the record picker shows: the user types more to narrow them down. */
const PICKER_LIMIT = 20;

type RecordKind = "companies" | "contacts";
type RecordOption = { id: string; name: string };
type RecordSelectProps = {
  label: string;
  /** What the list procedure to search: crm.companies.list or crm.contacts.list (its `q`). */
  kind: RecordKind;
  /** The "no link" choice ("Sem empresa"): the input's placeholder and the first option. */
  none: string;
  value: string;
  /** The linked record's name as the record being edited carries it (null when it was deleted). */
  valueName: string | null;
  onChange: (e: { target: { value: string } }) => void;
  error?: string;
};

/**
 * A link to another CRM record (company, contact): a combobox that searches the list procedure as
 * the user types and shows the first matches. The linked record shows by the name the edited
 * record carries, whatever page of the list it is on; only choosing "Sem …" (or the clear button)
 * unlinks it: closing the picker without a choice keeps the link.
 */
export function RecordSelect({ label, error, ...props }: RecordSelectProps) {
  return (
    <FormField label={label} error={error}>
      <RecordCombobox label={label} {...props} />
    </FormField>
  );
}

function RecordCombobox({ id, "aria-invalid": invalid, "aria-describedby": describedBy, label, kind, none, value, valueName, onChange }: FormFieldControlProps & Omit<RecordSelectProps, "error">) {
  const trpc = useTRPC();
  const listId = useId();
  const [name, setName] = useState(valueName);
  // null: closed, the input shows the linked name; a string: the open picker's search text.
  const [text, setText] = useState<string | null>(null);
  const [active, setActive] = useState(-1);
  const open = text !== null;
  const typed = text?.trim() ?? "";
  const q = useDeferredValue(typed);
  const input = { q: q || undefined, limit: PICKER_LIMIT };
  const queryOpts = { enabled: open, placeholderData: keepPreviousData, staleTime: 30_000 };
  const companies = useQuery(trpc.crm.companies.list.queryOptions(input, { ...queryOpts, enabled: open && kind === "companies" }));
  const contacts = useQuery(trpc.crm.contacts.list.queryOptions(input, { ...queryOpts, enabled: open && kind === "contacts" }));
  const results = kind === "companies" ? companies : contacts;
  const items: RecordOption[] = results.data?.items ?? [];
  // While searching, only matches; with an empty search, "Sem …" first, then the latest records.
  const options: RecordOption[] = typed ? items : [{ id: "", name: none }, ...items];
  // Results of an earlier search, shown (dimmed, aria-busy) while the current one loads; Enter picks what is shown.
  const stale = results.isPlaceholderData || q !== typed;
  const activeIndex = active < options.length ? active : -1;
  const shown = value ? (name ?? t.crm.picker.deleted) : "";

  const close = () => {
    setText(null);
    setActive(-1);
  };
  const pick = (o: RecordOption) => {
    setName(o.id ? o.name : null);
    onChange({ target: { value: o.id } });
    close();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (!open) {
        setText("");
        return;
      }
      const n = options.length;
      if (n) setActive((a) => (e.key === "ArrowDown" ? (Math.min(a, n - 1) + 1) % n : a <= 0 ? n - 1 : Math.min(a, n) - 1));
    } else if (e.key === "Enter" && open) {
      // Never submits the form while the picker is open.
      e.preventDefault();
      const o = options[activeIndex];
      if (o) pick(o);
    } else if (e.key === "Escape" && open) {
      // Closes the picker, not the dialog.
      e.preventDefault();
      e.stopPropagation();
      close();
    } else if (e.key === "Tab" && open) {
      close();
    }
  };

  let status: ReactNode = null;
  if (results.isError && !results.data) {
    status = (
      <span className="flex items-center justify-between gap-2">
        {t.crm.picker.failed}
        <button type="button" className="text-sm font-medium text-brand-ink underline" onMouseDown={(e) => e.preventDefault()} onClick={() => void results.refetch()}>
          {t.crm.picker.retry}
        </button>
      </span>
    );
  } else if (!results.data) status = t.crm.picker.searching;
  else if (!items.length && !stale) status = t.crm.picker.noResults(typed);
  else if (results.data.nextCursor && !stale) status = t.crm.picker.refine(items.length);

  return (
    <div className="relative">
      <div className="relative">
        <input
          id={id}
          type="text"
          role="combobox"
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={open && activeIndex >= 0 ? `${listId}-${activeIndex}` : undefined}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          autoComplete="off"
          spellCheck={false}
          data-testid={`record-picker-${kind}`}
          data-value={value}
          className={cn(fieldClassName, "h-9 py-1", value && !open && "pr-9")}
          value={open ? text : shown}
          placeholder={open ? shown || t.crm.picker.placeholder : none}
          onChange={(e) => {
            setText(e.target.value);
            setActive(e.target.value.trim() ? 0 : -1);
          }}
          onClick={() => (open ? undefined : setText(""))}
          onKeyDown={onKeyDown}
          onBlur={close}
        />
        {value && !open ? (
          <button
            type="button"
            aria-label={t.crm.picker.clear(label)}
            className="absolute inset-y-0 right-0 grid w-9 place-items-center rounded-md text-muted-foreground hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none"
            onClick={() => pick({ id: "", name: none })}
          >
            <X aria-hidden="true" className="size-4" />
          </button>
        ) : null}
      </div>
      {open ? (
        <div className="absolute right-0 left-0 z-20 mt-1 overflow-hidden rounded-lg border bg-popover text-popover-foreground shadow-lg">
          <ul id={listId} role="listbox" aria-label={label} aria-busy={stale} className={cn("max-h-60 overflow-y-auto py-1", stale && "opacity-60")}>
            {options.map((o, i) => (
              <li
                key={o.id || "none"}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === activeIndex}
                data-testid="record-option"
                onMouseDown={(e) => {
                  e.preventDefault();
                  pick(o);
                }}
                onMouseEnter={() => setActive(i)}
                className={cn("cursor-pointer truncate px-3 py-2 text-sm", !o.id && "text-muted-foreground", i === activeIndex && "bg-accent text-accent-foreground", o.id && o.id === value && "font-medium")}
              >
                {o.name}
              </li>
            ))}
          </ul>
          {status ? (
            <p role="status" className="border-t px-3 py-2 text-sm text-muted-foreground" data-testid="record-picker-status">
              {status}
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
