"use client";
import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import type { RouterOutputs } from "@vendaflow/api/root";
import { Badge } from "@vendaflow/ui/badge";
import { Input } from "@vendaflow/ui/input";
import { PageHeader } from "@vendaflow/ui/page-header";
import { Select, SelectOption } from "@vendaflow/ui/select";
import { leadSorts, leadSources, leadStages } from "@vendaflow/validators/plain/crm";
import { Button } from "@vendaflow/ui/button";
import { Upload, UserRoundSearch } from "lucide-react";
import Link from "next/link";
import { CreatedCustomControls } from "@/components/crm/created-custom-filter";
import { ExportLinks } from "@/components/crm/export-links";
import { BulkBar, dateCell, EmptyList, EntityListBody, ListToolbar, rowsOf, TagsCell, type Column } from "@/components/crm/entity-list";
import { useCrmListFilter, visibleColumns } from "@/components/crm/list-view";
import { useSelection } from "@/components/crm/selection";
import { crmCommon } from "@/lib/i18n/pt-br/crm-common";
import { crmLeads } from "@/lib/i18n/pt-br/crm-leads";
import { leadStageLabel } from "@/lib/i18n/pt-br/lead-stages";
import { formatPhone } from "@vendaflow/validators/phone-display";
import { useTRPC } from "@/lib/trpc/client";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { crm: crmCommon, crmLists: { leads: crmLeads } };

type LeadRow = RouterOutputs["crm"]["leads"]["list"]["items"][number];
type Source = (typeof leadSources)[number];
const l = t.crmLists.leads;
const oneOf = <T extends string>(values: readonly T[], v: string | undefined): T | undefined => values.find((x) => x === v);

const columns: Column<LeadRow>[] = [
  { id: "name", header: l.columns.name, cell: (r) => <Link href={`/leads/${r.id}`} className="hover:underline">{r.name ?? l.unnamed}</Link> },
  { id: "contact", header: l.columns.contact, cell: (r) => [r.email, r.phone && formatPhone(r.phone)].filter(Boolean).join(" · ") || t.crm.none },
  { id: "stage", header: l.columns.stage, cell: (r) => <Badge variant="secondary">{leadStageLabel(r.stage)}</Badge> },
  { id: "score", header: l.columns.score, cell: (r) => r.bant_score, className: "text-right tabular-nums" },
  { id: "source", header: l.columns.source, cell: (r) => l.sources[r.source as Source] ?? r.source },
  { id: "tags", header: l.columns.tags, cell: (r) => <TagsCell tags={r.tags} /> },
  { id: "created", header: l.columns.created, cell: (r) => dateCell(r.created_at) },
];
const stages = leadStages.map((s) => ({ value: s, label: leadStageLabel(s) }));
// Bulk moves exclude "converted": only the conversion (lead page) makes a lead converted.
const moveStages = stages.filter((s) => s.value !== "converted");

/** Every lead of the tenant: filters, sort, saved views, column chooser, bulk tag and stage. */
export function LeadsView({ canWrite }: { canWrite: boolean }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const base = useCrmListFilter("lead", columns, { sort: "created" });
  const { view, dateCustom } = base;
  const selection = useSelection();
  const f = view.filters;
  const minScore = Number.parseInt(f.minScore ?? "", 10);
  const filter = {
    ...base.filter,
    // A saved view may hold a value no longer offered: it filters nothing rather than failing the list.
    stage: oneOf(leadStages, f.stage),
    source: oneOf(leadSources, f.source),
    minScore: Number.isFinite(minScore) && minScore >= 0 ? Math.min(minScore, 1000) : undefined,
    sort: (f.sort === "score" ? "score" : "created") as "score" | "created",
  };
  const list = useInfiniteQuery(trpc.crm.leads.list.infiniteQueryOptions({ ...filter, limit: 25 }, { getNextPageParam: (p) => p.nextCursor ?? undefined }));
  const refresh = () => void qc.invalidateQueries({ queryKey: trpc.crm.leads.list.pathKey() });

  return (
    <div className="space-y-6">
      <PageHeader title={l.title} description={l.description} />
      <ListToolbar view={view} columns={columns} searchPlaceholder={l.searchPlaceholder} actions={<ExportLinks entity="leads" filter={filter} />}>
        <Select aria-label={l.allStages} value={f.stage ?? ""} onChange={(e) => view.setFilter("stage", e.target.value)} wrapperClassName="lg:w-44">
          <SelectOption value="">{l.allStages}</SelectOption>
          {stages.map((s) => <SelectOption key={s.value} value={s.value}>{s.label}</SelectOption>)}
        </Select>
        <Select aria-label={l.allSources} value={f.source ?? ""} onChange={(e) => view.setFilter("source", e.target.value)} wrapperClassName="lg:w-44">
          <SelectOption value="">{l.allSources}</SelectOption>
          {leadSources.map((s) => <SelectOption key={s} value={s}>{l.sources[s]}</SelectOption>)}
        </Select>
        <Input aria-label={l.minScore} placeholder={l.minScore} type="number" min={0} max={1000} value={f.minScore ?? ""} onChange={(e) => view.setFilter("minScore", e.target.value)} className="lg:w-40" />
        <CreatedCustomControls state={dateCustom} />
        <Select aria-label={l.sortLabel} value={f.sort ?? "created"} onChange={(e) => view.setFilter("sort", e.target.value)} wrapperClassName="lg:w-44">
          {leadSorts.map((s) => <SelectOption key={s} value={s}>{l.sort[s]}</SelectOption>)}
        </Select>
      </ListToolbar>
      {canWrite ? <BulkBar entity="lead" selection={selection} stages={moveStages} onDone={refresh} matching={{ filter, loaded: rowsOf(list).length }} /> : null}
      <EntityListBody
        list={list}
        columns={visibleColumns(columns, view.visible)}
        rowTestId="lead-row"
        selection={canWrite ? selection : undefined}
        rowName={(r) => r.name ?? r.email ?? (r.phone && formatPhone(r.phone)) ?? l.unnamed}
        // Leads are not created one by one here; whoever may work them may import a spreadsheet (viewers: /lead-import is a 404).
        empty={<EmptyList view={view} icon={<UserRoundSearch />} title={l.empty} hint={l.emptyHint} action={canWrite ? <Button asChild><Link href="/lead-import"><Upload aria-hidden="true" />{l.importAction}</Link></Button> : undefined} />}
      />
    </div>
  );
}
