"use client";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Button } from "@vendaflow/ui/button";
import { Input } from "@vendaflow/ui/input";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { PageHeader } from "@vendaflow/ui/page-header";
import { Plus } from "lucide-react";
import { useEffect, useState, type ComponentType, type ReactNode } from "react";
import type { BulkEntity } from "@vendaflow/validators/crm-bulk";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { crmCommon } from "@/lib/i18n/pt-br/crm-common";
import { ColumnChooser, SavedViews, visibleColumns, type ListView } from "./list-view";
import { useSelection, type Selection } from "./selection";
import { onDemand } from "@/components/loading";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText, crm: crmCommon };

/** What a CRM list needs from a tRPC infinite query (keyset pages of `{ items, nextCursor }`). */
export interface PagedList<Row> {
  isLoading: boolean;
  error: unknown;
  data?: { pages: { items: Row[] }[] };
  refetch: () => unknown;
  hasNextPage: boolean;
  fetchNextPage: () => unknown;
  isFetchingNextPage: boolean;
}

export interface Column<Row> {
  id: string;
  header: string;
  cell: (row: Row) => ReactNode;
  /** e.g. "text-right tabular-nums" for money; applied to the header and the cells. */
  className?: string;
}

export const rowsOf = <Row,>(list: PagedList<Row>): Row[] => list.data?.pages.flatMap((p) => p.items) ?? [];

export function SearchInput({ value, onChange, placeholder }: { value: string; onChange: (q: string) => void; placeholder: string }) {
  return <Input type="search" aria-label={t.crm.search} placeholder={placeholder} value={value} onChange={(e) => onChange(e.target.value)} className="sm:max-w-sm" />;
}

/** A list's skeleton, until its rows (and the table's code) have come. */
function ListLoading() {
  return <Skeleton className="h-48" aria-busy="true" aria-label={t.common.loading} />;
}

// The table, the empty state and the bulk bar are not in the lists' first load (200 KB gzipped
// budget): the table and the empty state show only once the query has answered, and their code
// (./list-results) is fetched on mount beside it, the skeleton standing in until both are there; the
// bar shows only once a row is ticked, and draws nothing while its code comes.
const loadResults = () => import("./list-results");
const EntityTable = onDemand<EntityTableProps<{ id: string }>>(() => loadResults().then((m) => m.EntityTable as ComponentType<EntityTableProps<{ id: string }>>), ListLoading) as <Row extends { id: string }>(props: EntityTableProps<Row>) => ReactNode;
/** A CRM list's empty state: "nothing matches" + "Limpar filtros" under the view's filters, else "nothing yet" + `action`. */
export const EmptyList = onDemand(() => loadResults().then((m) => m.EmptyList), ListLoading);
export const BulkBar = onDemand(() => import("./bulk-bar").then((m) => m.BulkBar), () => null);

/** Loading skeleton, load error with retry, or the empty state; nothing once rows are there. */
export function ListStates<Row>({ list, empty }: { list: PagedList<Row>; empty: ReactNode }) {
  if (list.isLoading) return <ListLoading />;
  if (list.error) {
    return <Alert variant="destructive"><AlertDescription>{t.common.loadError} <Button variant="link" onClick={() => list.refetch()}>{t.common.retry}</Button></AlertDescription></Alert>;
  }
  return rowsOf(list).length === 0 ? <>{empty}</> : null;
}

export function LoadMore<Row>({ list }: { list: PagedList<Row> }) {
  if (!list.hasNextPage) return null;
  return <div className="flex justify-center"><Button variant="outline" onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>{t.crm.loadMore}</Button></div>;
}

/** What ./entity-table's table draws: the loaded rows, their columns, selection and delete. */
export interface EntityTableProps<Row> {
  rows: Row[];
  columns: Column<Row>[];
  rowTestId: string;
  onDelete?: RowDelete<Row>;
  selection?: Selection;
  rowName?: (row: Row) => string;
}

export interface RowDelete<Row> {
  /** The row's name in the confirm question and the button's accessible label. */
  name: (row: Row) => string;
  confirm: (name: string) => string;
  run: (row: Row) => void;
}

/** A list's body: states, table, "load more". Filters above it belong to the page. */
export function EntityListBody<Row extends { id: string }>({ list, columns, rowTestId, onDelete, empty, selection, rowName }: { list: PagedList<Row>; columns: Column<Row>[]; rowTestId: string; onDelete?: RowDelete<Row>; empty: ReactNode; selection?: Selection; rowName?: (row: Row) => string }) {
  useEffect(() => {
    // Fetches the table's and empty state's code while the query runs (the module system keeps it for onDemand's render).
    void loadResults();
  }, []);
  const rows = rowsOf(list);
  return (
    <>
      <ListStates list={list} empty={empty} />
      {rows.length ? <EntityTable rows={rows} columns={columns} rowTestId={rowTestId} onDelete={onDelete} selection={selection} rowName={rowName} /> : null}
      <LoadMore list={list} />
    </>
  );
}


interface ListPageTexts {
  title: string;
  description: string;
  create: string;
  empty: string;
  emptyHint: string;
  /** What the list's search reads (each table's search column differs). */
  searchPlaceholder: string;
}

/** Search, saved views and the column chooser above a CRM table. */
/** `actions` go beside the saved views (the lists' export links). */
export function ListToolbar<Row>({ view, columns, searchPlaceholder, children, actions }: { view: ListView; columns: Column<Row>[]; searchPlaceholder: string; children?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="flex flex-col gap-3 lg:flex-row lg:flex-wrap lg:items-center">
      <SearchInput value={view.filters.q ?? ""} onChange={(q) => view.setFilter("q", q)} placeholder={searchPlaceholder} />
      {children}
      <div className="flex flex-wrap items-center gap-2 lg:ml-auto">
        <SavedViews view={view} />
        <ColumnChooser columns={columns} view={view} />
        {actions}
      </div>
    </div>
  );
}

/**
 * A CRM record list page (companies, contacts…): header with "create", search, saved views and
 * column chooser, bulk actions on the selection, the list, and the create dialog. The page owns its
 * query (reading `view.filters`), columns and dialog; the layout and states live here.
 */
export function EntityListPage<Row extends { id: string }>({
  entity,
  texts,
  icon,
  canWrite,
  view,
  list,
  columns,
  rowTestId,
  onDelete,
  onChanged,
  createDialog,
  filter,
  filters,
}: {
  entity: BulkEntity;
  texts: ListPageTexts;
  icon: ReactNode;
  canWrite: boolean;
  view: ListView;
  list: PagedList<Row>;
  columns: Column<Row>[];
  rowTestId: string;
  onDelete: RowDelete<Row>;
  /** Refreshes the list after a bulk action. */
  onChanged: () => void;
  /** Rendered while creating; call close() when the dialog closes. */
  createDialog: (close: () => void) => ReactNode;
  /** The list query's filter (without cursor and limit), for "select all matching". */
  filter: Record<string, unknown>;
  /** The list's filter controls, in the toolbar beside the search. */
  filters?: ReactNode;
}) {
  const [creating, setCreating] = useState(false);
  const selection = useSelection();
  const createButton = canWrite ? <Button onClick={() => setCreating(true)}><Plus aria-hidden="true" />{texts.create}</Button> : null;
  return (
    <div className="space-y-6">
      <PageHeader title={texts.title} description={texts.description} actions={createButton} />
      <ListToolbar view={view} columns={columns} searchPlaceholder={texts.searchPlaceholder}>{filters}</ListToolbar>
      {canWrite ? <BulkBar entity={entity} selection={selection} onDone={onChanged} matching={{ filter, loaded: rowsOf(list).length }} /> : null}
      <EntityListBody
        list={list}
        columns={visibleColumns(columns, view.visible)}
        rowTestId={rowTestId}
        onDelete={canWrite ? onDelete : undefined}
        selection={canWrite ? selection : undefined}
        empty={<EmptyList view={view} icon={icon} title={texts.empty} hint={texts.emptyHint} action={createButton} />}
      />
      {creating ? createDialog(() => setCreating(false)) : null}
    </div>
  );
}

/** Tags as badges, "—" when none: the tags column of every CRM table. */
// Cells a detail page shows too: in ./cells, so importing them does not bring the list's code.
export { dateCell, TagsCell } from "./cells";
