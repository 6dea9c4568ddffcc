"use client";
import { useQuery } from "@tanstack/react-query";
import { X } from "lucide-react";
import { createdRangeLabel } from "@/lib/crm/created-range";
import { crmLists as crmListsText } from "@/lib/i18n/pt-br/crm-lists";
import { useTRPC } from "@/lib/trpc/client";
import type { ListView } from "./list-view";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { crmLists: crmListsText };

/**
 * "Empresa: Acme ×" / "Contato: Ana ×": a list narrowed to one record's items (a record page's
 * "Ver todos", lib/crm/list-params.ts), named so the narrowing is never invisible; × clears it.
 * Nothing when the view has no such filter.
 */
export function RecordFilterChips({ view, kinds }: { view: ListView; kinds: readonly ("company" | "contact")[] }) {
  return (
    <>
      {kinds.map((kind) => (view.filters[kind] ? <RecordFilterChip key={kind} kind={kind} id={view.filters[kind]} onClear={() => view.setFilter(kind, "")} /> : null))}
    </>
  );
}

/**
 * "Criados: 01/11 – 30/11 ×": the list's creation-day filter named as a chip, as a link from the
 * dashboard's funnel opens it; × clears both days. Nothing without a day.
 */
export function CreatedFilterChip({ view }: { view: ListView }) {
  const period = createdRangeLabel(view.filters.from, view.filters.to, new Date().getFullYear());
  if (!period) return null;
  return <FilterChip label={t.crmLists.filters.created(period)} kind="created" onClear={() => { view.setFilter("from", ""); view.setFilter("to", ""); }} />;
}

function RecordFilterChip({ kind, id, onClear }: { kind: "company" | "contact"; id: string; onClear: () => void }) {
  const trpc = useTRPC();
  const company = useQuery(trpc.crm.companies.get.queryOptions({ id }, { enabled: kind === "company", retry: false }));
  const contact = useQuery(trpc.crm.contacts.get.queryOptions({ id }, { enabled: kind === "contact", retry: false }));
  const record = kind === "company" ? company : contact;
  // Loading: an ellipsis; gone or another workspace's: said so (the list under it is empty anyway).
  const name = record.data?.name ?? (record.isError ? t.crmLists.filters.unknownRecord : "…");
  return <FilterChip label={t.crmLists.filters[kind](name)} kind={kind} onClear={onClear} />;
}

function FilterChip({ label, kind, onClear }: { label: string; kind: string; onClear: () => void }) {
  return (
    <span className="inline-flex h-9 w-fit max-w-full items-center gap-1 rounded-full border bg-secondary pl-3 pr-1 text-sm" data-testid="record-filter" data-kind={kind}>
      <span className="truncate">{label}</span>
      <button type="button" onClick={onClear} aria-label={t.crmLists.filters.clearRecord(label)} className="inline-flex size-7 shrink-0 items-center justify-center rounded-full hover:bg-accent focus-visible:outline-2 focus-visible:outline-ring">
        <X className="size-4" aria-hidden="true" />
      </button>
    </span>
  );
}
