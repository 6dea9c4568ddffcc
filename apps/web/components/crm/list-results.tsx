"use client";
import { Button } from "@vendaflow/ui/button";
import { Checkbox } from "@vendaflow/ui/checkbox";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@vendaflow/ui/table";
import { Trash2 } from "lucide-react";
import type { ReactNode } from "react";
import { useConfirm } from "@/components/confirm";
import { ListEmpty } from "@/components/list-empty";
import { crmCommon } from "@/lib/i18n/pt-br/crm-common";
import { crmSelection } from "@/lib/i18n/pt-br/crm-bulk";
import { crmFiltersActive } from "@/lib/list-filters";
import type { EntityTableProps } from "./entity-list";
import type { ListView } from "./list-view";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { crm: crmCommon, crmLists: crmSelection };

// What a CRM list shows once its query has answered, the table or the empty state: loaded on demand
// by ./entity-list, not in the lists' first load.

/**
 * The CRM data table: one row per record, a checkbox per row when rows can be selected for bulk
 * actions, a delete button at the end when the user may write.
 */
export function EntityTable<Row extends { id: string }>({ rows, columns, rowTestId, onDelete, selection, rowName }: EntityTableProps<Row>) {
  const confirm = useConfirm();
  if (rows.length === 0) return null;
  const allOn = selection ? rows.every((r) => selection.ids.has(r.id)) : false;
  return (
    <Table>
      <TableHeader>
        <TableRow>
          {selection ? <TableHead className="w-8"><Checkbox aria-label={t.crmLists.selectAll} checked={allOn} onChange={(e) => selection.setAll(rows.map((r) => r.id), e.target.checked)} /></TableHead> : null}
          {columns.map((c) => <TableHead key={c.id} className={c.className}>{c.header}</TableHead>)}
          {onDelete ? <TableHead><span className="sr-only">{t.crm.delete}</span></TableHead> : null}
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.id} data-testid={rowTestId} data-state={selection?.ids.has(row.id) ? "selected" : undefined}>
            {selection ? (
              <TableCell><Checkbox aria-label={t.crmLists.selectRow(rowName?.(row) ?? onDelete?.name(row) ?? row.id)} checked={selection.ids.has(row.id)} onChange={(e) => selection.toggle(row.id, e.target.checked)} /></TableCell>
            ) : null}
            {columns.map((c, i) => <TableCell key={c.id} className={[i === 0 ? "font-medium" : "", c.className ?? ""].join(" ").trim() || undefined}>{c.cell(row)}</TableCell>)}
            {onDelete ? (
              <TableCell className="text-right">
                <Button size="sm" variant="ghost" aria-label={`${t.crm.delete} ${onDelete.name(row)}`} onClick={async () => (await confirm({ title: onDelete.confirm(onDelete.name(row)), actionLabel: t.crm.delete })) && onDelete.run(row)}>
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


/** A CRM list's empty state: "nothing matches" + "Limpar filtros" under the view's filters, else "nothing yet" + `action`. */
export function EmptyList({ view, icon, title, hint, action }: { view: ListView; icon: ReactNode; title: string; hint?: string; action?: ReactNode }) {
  return <ListEmpty filtered={crmFiltersActive(view.filters)} onClear={view.clearFilters} icon={icon} title={title} hint={hint} action={action} />;
}
