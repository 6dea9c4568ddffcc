"use client";
import { useQuery } from "@tanstack/react-query";
import { Input } from "@vendaflow/ui/input";
import { Select, SelectOption } from "@vendaflow/ui/select";
import type { CustomFieldEntity } from "@vendaflow/validators/custom-fields";
import type { ListView } from "@/components/crm/list-view";
import { DateRangeInputs } from "@/components/date-range-inputs";
import { customFilterValue } from "@/lib/crm/custom-filter";
import { createdRange } from "@/lib/crm/created-range";
import { crmCommon } from "@/lib/i18n/pt-br/crm-common";
import { crmLists as crmListsText } from "@/lib/i18n/pt-br/crm-lists";
import { useTRPC } from "@/lib/trpc/client";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { crm: crmCommon, crmLists: crmListsText };

const l = t.crmLists.filters;

/**
 * Every CRM list's creation date range and custom field value filter: the entity's custom fields,
 * the picked one, and the part of the list query's filter they make (view filters from, to, cf, cfv).
 */
export function useCreatedCustomFilter(entityType: CustomFieldEntity, view: ListView) {
  const trpc = useTRPC();
  const f = view.filters;
  const fields = useQuery(trpc.crm.customFields.list.queryOptions({ entityType }));
  const field = (fields.data ?? []).find((d) => d.id === f.cf);
  const customValue = field ? customFilterValue(field.field_type, f.cfv ?? "") : undefined;
  const filter = {
    // São Paulo days, as the dashboard's, whatever zone the browser is in.
    ...createdRange(f.from, f.to),
    custom: field && customValue !== undefined ? [{ fieldId: field.id, value: customValue }] : undefined,
  };
  return { view, fields: fields.data ?? [], field, filter };
}

/** The controls of useCreatedCustomFilter, for a list's toolbar. */
export function CreatedCustomControls({ state }: { state: ReturnType<typeof useCreatedCustomFilter> }) {
  const { view, fields, field } = state;
  const f = view.filters;
  return (
    <>
      <DateRangeInputs from={f.from ?? ""} to={f.to ?? ""} onFrom={(v) => view.setFilter("from", v)} onTo={(v) => view.setFilter("to", v)} names={{ from: l.createdFrom, to: l.createdTo }} />
      {fields.length ? (
        <>
          <Select aria-label={l.customField} value={f.cf ?? ""} onChange={(e) => { view.setFilter("cf", e.target.value); view.setFilter("cfv", ""); }} wrapperClassName="lg:w-44">
            <SelectOption value="">{l.anyCustomField}</SelectOption>
            {fields.map((d) => <SelectOption key={d.id} value={d.id}>{d.label}</SelectOption>)}
          </Select>
          {field ? (
            field.field_type === "select" || field.field_type === "multiselect" || field.field_type === "boolean" ? (
              <Select aria-label={l.customValue(field.label)} value={f.cfv ?? ""} onChange={(e) => view.setFilter("cfv", e.target.value)} wrapperClassName="lg:w-44">
                <SelectOption value="">{l.anyValue}</SelectOption>
                {(field.field_type === "boolean" ? [["true", t.crm.yes], ["false", t.crm.no]] : (field.options as string[]).map((o) => [o, o])).map(([v, label]) => <SelectOption key={v} value={v}>{label}</SelectOption>)}
              </Select>
            ) : (
              <Input aria-label={l.customValue(field.label)} placeholder={l.customValue(field.label)} type={field.field_type === "date" ? "date" : "text"} value={f.cfv ?? ""} onChange={(e) => view.setFilter("cfv", e.target.value)} className="lg:w-44" />
            )
          ) : null}
        </>
      ) : null}
    </>
  );
}
