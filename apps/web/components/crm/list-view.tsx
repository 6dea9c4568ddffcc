"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Button } from "@vendaflow/ui/button";
import { Checkbox } from "@vendaflow/ui/checkbox";
import { Select, SelectOption } from "@vendaflow/ui/select";
import { useToast } from "@vendaflow/ui/toast";
import type { ViewConfig, ViewEntity } from "@vendaflow/validators/crm-views";
import { Columns3, Trash2 } from "lucide-react";
import { useDeferredValue, useEffect, useRef, useState } from "react";
import { crmLists as crmListsText } from "@/lib/i18n/pt-br/crm-lists";
import { useTRPC } from "@/lib/trpc/client";
import { filtersOfView, LIST_PARAMS, viewFiltersToSave, type Filters } from "@/lib/crm/list-params";
import { crmClearedFilters } from "@/lib/list-filters";
import { errorMessage } from "@/lib/trpc/errors";
import { useCreatedCustomFilter } from "./created-custom-filter";
import { useAddressFilters, useFiltersInAddress } from "./use-address-filters";
import type { Column } from "./entity-list";
import { useConfirm } from "@/components/confirm";
import { DialogLoading, onDemand } from "@/components/loading";

// Loads when "Salvar visão" is clicked: the lists' first load (within the 200 KB budget) does without it.
const SaveViewDialog = onDemand(() => import("./save-view-dialog").then((m) => m.SaveViewDialog), DialogLoading);

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { crmLists: crmListsText };

export type { Filters };
/** Visible columns in the table's order; the first column (the record's name) always shows. */
export function visibleColumns<Row>(columns: Column<Row>[], visible: readonly string[] | null): Column<Row>[] {
  if (!visible) return columns;
  return columns.filter((c, i) => i === 0 || visible.includes(c.id));
}

/**
 * A CRM table's view: which columns show and the list's filters, saved per user as named views
 * (crmLists.views). The filters live in the address too (lib/crm/list-params.ts): an address that
 * carries filters (Back from a record, a reload, a shared link) opens the list with them, else with
 * the user's default view's; the default view's columns apply either way.
 */
function useListView(entity: ViewEntity, columns: readonly { id: string }[], initialFilters: Filters = {}) {
  const trpc = useTRPC();
  const rules = LIST_PARAMS[entity];
  const views = useQuery(trpc.crmLists.views.list.queryOptions({ entity }));
  const [visible, setVisible] = useState<string[] | null>(null);
  const fromAddress = useAddressFilters(rules);
  const [filters, setFilters] = useState<Filters>(() => ({ ...initialFilters, ...fromAddress }));
  const [viewId, setViewId] = useState("");
  const appliedDefault = useRef(false);
  useFiltersInAddress(filters, rules, initialFilters);

  /** Shows a saved view: its columns and, unless `keepFilters` (the address brought some), its filters; a record filter on screen stays. */
  const apply = (id: string, keepFilters = false) => {
    setViewId(id);
    const v = views.data?.find((x) => x.id === id);
    const config = (v?.config ?? null) as ViewConfig | null;
    setVisible(config?.columns.length ? config.columns : null);
    if (!keepFilters) setFilters((current) => filtersOfView(current, config?.filters ?? null, initialFilters));
  };
  useEffect(() => {
    if (appliedDefault.current || !views.data) return;
    appliedDefault.current = true;
    const d = views.data.find((v) => v.is_default);
    if (d) apply(d.id, Object.keys(fromAddress).length > 0);
  }, [views.data]);

  // A company's or contact's filter (the way here from its page) is not saved with the view (lib/crm/list-params.ts).
  const config = (): ViewConfig => ({ columns: visible ?? columns.map((c) => c.id), filters: viewFiltersToSave(filters) });
  const setFilter = (k: string, v: string) => setFilters((f) => ({ ...f, [k]: v }));
  const clearFilters = () => setFilters(crmClearedFilters);
  // After saving, the columns and filters on screen are the view's: only its id changes.
  const markSaved = (id: string) => setViewId(id);
  return { entity, views: views.data ?? [], viewId, apply, markSaved, visible, setVisible, filters, setFilter, clearFilters, config };
}

export type ListView = ReturnType<typeof useListView>;

/**
 * What every CRM list's query starts from: its view (saved columns and filters), the deferred
 * search and the creation date / custom field filter. The page adds its own filters to `filter`.
 */
export function useCrmListFilter(entity: ViewEntity, columns: readonly { id: string }[], initialFilters?: Filters) {
  const view = useListView(entity, columns, initialFilters);
  const search = useDeferredValue(view.filters.q ?? "");
  const dateCustom = useCreatedCustomFilter(entity, view);
  return { view, dateCustom, filter: { q: search || undefined, ...dateCustom.filter } };
}

/** "Colunas": a checkbox per column; the first (the record's name) cannot be hidden. */
export function ColumnChooser<Row>({ columns, view }: { columns: Column<Row>[]; view: ListView }) {
  const shown = view.visible ?? columns.map((c) => c.id);
  const toggle = (id: string, on: boolean) => {
    const next = on ? columns.map((c) => c.id).filter((c) => c === id || shown.includes(c)) : shown.filter((c) => c !== id);
    view.setVisible(next);
  };
  return (
    <details className="relative" data-testid="column-chooser">
      <summary className="inline-flex h-9 cursor-pointer list-none items-center gap-2 rounded-md border border-input bg-background px-3 text-sm shadow-xs hover:bg-accent">
        <Columns3 className="size-4" aria-hidden="true" />{t.crmLists.columns.button}
      </summary>
      {/* Below lg the toolbar stacks and the button sits at its left: open rightwards, or the box leaves the phone's screen. */}
      <fieldset className="absolute left-0 z-20 lg:right-0 lg:left-auto mt-1 grid min-w-48 gap-2 rounded-md border bg-popover p-3 shadow-md">
        <legend className="sr-only">{t.crmLists.columns.title}</legend>
        {columns.map((c, i) => <Checkbox key={c.id} label={c.header} checked={i === 0 || shown.includes(c.id)} disabled={i === 0} onChange={(e) => toggle(c.id, e.target.checked)} />)}
      </fieldset>
    </details>
  );
}

/** The user's saved views of this list: pick one, save the current columns and filters as one, delete one. */
export function SavedViews({ view }: { view: ListView }) {
  const confirm = useConfirm();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const [saving, setSaving] = useState(false);
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.crmLists.views.list.queryKey({ entity: view.entity }) });
  const remove = useMutation(trpc.crmLists.views.delete.mutationOptions({ onSuccess: () => { toast.success(t.crmLists.views.deleted); view.apply(""); void refresh(); }, onError: (e) => toast.error(errorMessage(e)) }));
  const current = view.views.find((v) => v.id === view.viewId);
  const v = t.crmLists.views;
  return (
    <div className="flex items-center gap-2">
      <Select aria-label={v.label} value={view.viewId} onChange={(e) => view.apply(e.target.value)} wrapperClassName="w-48">
        <SelectOption value="">{v.none}</SelectOption>
        {view.views.map((x) => <SelectOption key={x.id} value={x.id}>{x.name}</SelectOption>)}
      </Select>
      <Button variant="outline" onClick={() => setSaving(true)}>{v.save}</Button>
      {current ? (
        <Button variant="ghost" size="sm" aria-label={v.delete} loading={remove.isPending} onClick={async () => (await confirm({ title: v.confirmDelete(current.name), actionLabel: v.delete })) && remove.mutate({ id: current.id })}>
          <Trash2 aria-hidden="true" />
        </Button>
      ) : null}
      {saving ? <SaveViewDialog view={view} name={current?.name ?? ""} id={current?.id ?? null} onClose={(savedId) => { setSaving(false); if (savedId) { view.markSaved(savedId); void refresh(); } }} /> : null}
    </div>
  );
}
