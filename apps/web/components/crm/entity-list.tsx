"use client";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Button } from "@vendaflow/ui/button";
import { EmptyState } from "@vendaflow/ui/empty-state";
import { Input } from "@vendaflow/ui/input";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@vendaflow/ui/table";
import { PageHeader } from "@vendaflow/ui/page-header";
import { Plus, Trash2 } from "lucide-react";
import { useState, type ReactNode } from "react";
import { t } from "@/lib/i18n";

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

export function SearchInput({ value, onChange }: { value: string; onChange: (q: string) => void }) {
  return <Input type="search" aria-label={t.crm.search} placeholder={t.crm.searchPlaceholder} value={value} onChange={(e) => onChange(e.target.value)} className="sm:max-w-sm" />;
}

/** Loading skeleton, load error with retry, or the empty state; nothing once rows are there. */
export function ListStates<Row>({ list, empty }: { list: PagedList<Row>; empty: ReactNode }) {
  if (list.isLoading) return <Skeleton className="h-48" aria-busy="true" aria-label={t.common.loading} />;
  if (list.error) {
    return <Alert variant="destructive"><AlertDescription>{t.common.loadError} <Button variant="link" onClick={() => list.refetch()}>{t.common.retry}</Button></AlertDescription></Alert>;
  }
  return rowsOf(list).length === 0 ? <>{empty}</> : null;
}

export function LoadMore<Row>({ list }: { list: PagedList<Row> }) {
  if (!list.hasNextPage) return null;
  return <div className="flex justify-center"><Button variant="outline" onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>{t.crm.loadMore}</Button></div>;
}

export interface RowDelete<Row> {
  /** The row's name in the confirm question and the button's accessible label. */
  name: (row: Row) => string;
  confirm: (name: string) => string;
  run: (row: Row) => void;
}

/** The CRM data table: one row per record, a delete button at the end when the user may write. */
export function EntityTable<Row extends { id: string }>({ rows, columns, rowTestId, onDelete }: { rows: Row[]; columns: Column<Row>[]; rowTestId: string; onDelete?: RowDelete<Row> }) {
  if (rows.length === 0) return null;
  return (
    <Table>
      <TableHeader>
        <TableRow>
          {columns.map((c) => <TableHead key={c.id} className={c.className}>{c.header}</TableHead>)}
          {onDelete ? <TableHead><span className="sr-only">{t.crm.delete}</span></TableHead> : null}
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.id} data-testid={rowTestId}>
            {columns.map((c, i) => <TableCell key={c.id} className={[i === 0 ? "font-medium" : "", c.className ?? ""].join(" ").trim() || undefined}>{c.cell(row)}</TableCell>)}
            {onDelete ? (
              <TableCell className="text-right">
                <Button size="sm" variant="ghost" aria-label={`${t.crm.delete} ${onDelete.name(row)}`} onClick={() => window.confirm(onDelete.confirm(onDelete.name(row))) && onDelete.run(row)}>
                  <Trash2 aria-hidden="true" />
                </Button>
              </TableCell>
            ) : null}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** A list's body: states, table, "load more". Filters above it belong to the page. */
export function EntityListBody<Row extends { id: string }>({ list, columns, rowTestId, onDelete, empty }: { list: PagedList<Row>; columns: Column<Row>[]; rowTestId: string; onDelete?: RowDelete<Row>; empty: ReactNode }) {
  return (
    <>
      <ListStates list={list} empty={empty} />
      <EntityTable rows={rowsOf(list)} columns={columns} rowTestId={rowTestId} onDelete={onDelete} />
      <LoadMore list={list} />
    </>
  );
}

export function EmptyList({ icon, title, hint, action }: { icon: ReactNode; title: string; hint?: string; action?: ReactNode }) {
  return <EmptyState icon={icon} title={title} description={hint} action={action} />;
}

interface ListPageTexts {
  title: string;
  description: string;
  create: string;
  empty: string;
  emptyHint: string;
}

/**
 * A CRM record list page (companies, contacts…): header with "create", search, the list, and the
 * create dialog. The page owns its query, columns and dialog; the layout and states live here.
 */
export function EntityListPage<Row extends { id: string }>({
  texts,
  icon,
  canWrite,
  q,
  onSearch,
  list,
  columns,
  rowTestId,
  onDelete,
  createDialog,
}: {
  texts: ListPageTexts;
  icon: ReactNode;
  canWrite: boolean;
  q: string;
  onSearch: (q: string) => void;
  list: PagedList<Row>;
  columns: Column<Row>[];
  rowTestId: string;
  onDelete: RowDelete<Row>;
  /** Rendered while creating; call close() when the dialog closes. */
  createDialog: (close: () => void) => ReactNode;
}) {
  const [creating, setCreating] = useState(false);
  const createButton = canWrite ? <Button onClick={() => setCreating(true)}><Plus aria-hidden="true" />{texts.create}</Button> : null;
  return (
    <div className="space-y-6">
      <PageHeader title={texts.title} description={texts.description} actions={createButton} />
      <SearchInput value={q} onChange={onSearch} />
      <EntityListBody list={list} columns={columns} rowTestId={rowTestId} onDelete={canWrite ? onDelete : undefined} empty={<EmptyList icon={icon} title={texts.empty} hint={texts.emptyHint} action={createButton} />} />
      {creating ? createDialog(() => setCreating(false)) : null}
    </div>
  );
}
