"use client";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import type { RouterOutputs } from "@vendaflow/api/root";
import { Badge } from "@vendaflow/ui/badge";
import { Select, SelectOption } from "@vendaflow/ui/select";
import { dealStatuses } from "@vendaflow/validators/plain/crm";
import type { DealStatus } from "@vendaflow/validators/crm";
import { Button } from "@vendaflow/ui/button";
import { Briefcase, Plus } from "lucide-react";
import Link from "next/link";
import { statusBadgeAddsInfo } from "@/lib/crm/deal-stage-cell";
import { BulkBar, EmptyList, EntityListBody, ListToolbar, rowsOf, TagsCell, type Column } from "@/components/crm/entity-list";
import { CreatedCustomControls } from "@/components/crm/created-custom-filter";
import { ExportLinks } from "@/components/crm/export-links";
import { useCrmListFilter, visibleColumns } from "@/components/crm/list-view";
import { CreatedFilterChip, RecordFilterChips } from "@/components/crm/record-filter";
import { useSelection } from "@/components/crm/selection";
import { useUndoDelete } from "@/components/crm/use-undo-delete";
import type { PipelineView } from "@/lib/crm/board";
import { crm as crmText } from "@/lib/i18n/pt-br/crm";
import { brDay } from "@/lib/dates";
import { brl } from "@/lib/money";
import { useTRPC } from "@/lib/trpc/client";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { crm: crmText };

type DealRow = RouterOutputs["crm"]["deals"]["list"]["items"][number];
const statusVariant = { open: "secondary", won: "success", lost: "destructive" } as const;
// A date-only value: its own day, in no time zone (lib/dates).
const day = (iso: string | null) => (iso ? brDay(iso) : t.crm.none);
const c = t.crm.deals.columns;

const columns: Column<DealRow>[] = [
  { id: "title", header: c.title, cell: (d) => <Link href={`/deals/${d.id}`} className="hover:underline">{d.title}</Link> },
  { id: "value", header: c.value, cell: (d) => brl(d.value_cents), className: "text-right tabular-nums" },
  {
    id: "stage",
    header: c.stage,
    cell: (d) => {
      const status = t.crm.deals.status[d.status as DealStatus];
      return <><span className="mr-2">{d.stage_name}</span>{statusBadgeAddsInfo(d.stage_name, status) ? <Badge variant={statusVariant[d.status as DealStatus]}>{status}</Badge> : null}</>;
    },
  },
  { id: "company", header: c.company, cell: (d) => d.company_name ?? t.crm.none },
  { id: "owner", header: c.owner, cell: (d) => d.owner_name ?? t.crm.noOwner },
  { id: "close", header: c.close, cell: (d) => day(d.expected_close_date) },
  { id: "tags", header: t.crm.tags, cell: (d) => <TagsCell tags={d.tags} /> },
];

/** `onCreate` opens the page's new-deal form (absent for viewers). */
export function DealList({ pipeline, canWrite, onCreate }: { pipeline: PipelineView; canWrite: boolean; onCreate?: () => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const base = useCrmListFilter("deal", columns);
  const { view, dateCustom } = base;
  const selection = useSelection();
  const status = (view.filters.status ?? "") as DealStatus | "";
  // ?company=… / ?contact=…: one record's deals (its page's "Ver todos"), in every pipeline like its
  // card; moving them to this pipeline's stages is then not offered.
  const companyId = view.filters.company || undefined;
  const contactId = view.filters.contact || undefined;
  const byRecord = Boolean(companyId || contactId);
  const filter = { pipelineId: byRecord ? undefined : pipeline.id, status: status || undefined, companyId, contactId, ...base.filter };
  const list = useInfiniteQuery(
    trpc.crm.deals.list.infiniteQueryOptions({ ...filter, limit: 25 }, { getNextPageParam: (p) => p.nextCursor ?? undefined }),
  );
  const setDeleted = useMutation(trpc.crm.deals.setDeleted.mutationOptions());
  const refresh = () => void qc.invalidateQueries({ queryKey: trpc.crm.deals.pathKey() });
  const remove = useUndoDelete((input) => setDeleted.mutateAsync(input), refresh);
  const stages = pipeline.stages.filter((s) => s.kind !== "lost").map((s) => ({ value: s.id, label: s.name }));

  return (
    <div className="space-y-4">
      <ListToolbar view={view} columns={columns} searchPlaceholder={t.crm.deals.searchPlaceholder} actions={<ExportLinks entity="deals" filter={filter} />}>
        <RecordFilterChips view={view} kinds={["company", "contact"]} />
        <CreatedFilterChip view={view} />
        <Select aria-label={t.crm.deals.allStatuses} value={status} onChange={(e) => view.setFilter("status", e.target.value)} wrapperClassName="sm:w-48">
          <SelectOption value="">{t.crm.deals.allStatuses}</SelectOption>
          {dealStatuses.map((s) => <SelectOption key={s} value={s}>{t.crm.deals.status[s]}</SelectOption>)}
        </Select>
        <CreatedCustomControls state={dateCustom} />
      </ListToolbar>
      {canWrite ? <BulkBar entity="deal" selection={selection} stages={byRecord ? undefined : stages} onDone={refresh} matching={{ filter, loaded: rowsOf(list).length }} /> : null}
      <EntityListBody
        list={list}
        columns={visibleColumns(columns, view.visible)}
        selection={canWrite ? selection : undefined}
        rowTestId="deal-row"
        onDelete={canWrite ? { name: (d) => d.title, confirm: t.crm.deals.confirmDelete, run: (d) => remove(d.id, t.crm.deals.deleted(d.title)) } : undefined}
        empty={<EmptyList view={view} icon={<Briefcase />} title={t.crm.deals.empty} hint={t.crm.deals.emptyHint} action={canWrite && onCreate ? <Button onClick={onCreate}><Plus aria-hidden="true" />{t.crm.deals.create}</Button> : undefined} />}
      />
    </div>
  );
}
