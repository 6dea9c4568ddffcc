"use client";
import { useQuery } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Button } from "@vendaflow/ui/button";
import { PageHeader } from "@vendaflow/ui/page-header";
import { Select, SelectOption } from "@vendaflow/ui/select";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { Plus } from "lucide-react";
import { useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { crm as crmText } from "@/lib/i18n/pt-br/crm";
import { crmLists as crmListsText } from "@/lib/i18n/pt-br/crm-lists";
import { useTRPC } from "@/lib/trpc/client";
import { CardLoading, DialogLoading, onDemand } from "@/components/loading";
import { SegmentedTabs, type SegmentedTab } from "@/components/segmented-tabs";
import { idOrBlank, one, paramsOf, showInAddress, withParams } from "@/lib/url-params";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText, crm: crmText, crmLists: crmListsText };

const MODES: SegmentedTab<"board" | "list">[] = (["board", "list"] as const).map((m) => ({ value: m, label: t.crm.deals[m], testId: `deals-${m}` }));

// The board (drag and drop: @dnd-kit) loads after the page's first paint, like the dashboard's
// charts; the list view and the new-deal form when asked for.
const DealBoard = onDemand(() => import("./deal-board").then((m) => m.DealBoard), () => <CardLoading className="h-96" />);
const DealList = onDemand(() => import("./deal-list").then((m) => m.DealList), () => <CardLoading className="h-64" />);
const DealDialog = onDemand(() => import("./deal-dialog").then((m) => m.DealDialog), DialogLoading);

/** Deals: the pipeline's kanban (default) or a searchable list; create, edit, move, win / lose. */
export function DealsView({ canWrite }: { canWrite: boolean }) {
  const trpc = useTRPC();
  const pipelines = useQuery(trpc.crm.pipelines.list.queryOptions());
  // The pipeline and the list / board choice live in the address (?pipeline=…&view=list), beside
  // the list's or the board's own filters: Back from a deal returns to what was on screen.
  const search = useSearchParams();
  const [address] = useState(() => paramsOf(search));
  const [pipelineId, setPipelineId] = useState(() => idOrBlank(one(address, "pipeline")));
  const [mode, setMode] = useState<"board" | "list">(() => (one(address, "view") === "list" ? "list" : "board"));
  useEffect(() => showInAddress(withParams(new URL(window.location.href), { view: mode === "list" ? mode : null, pipeline: pipelineId })), [mode, pipelineId]);
  const [creating, setCreating] = useState(false);
  const current = pipelines.data?.find((p) => p.id === pipelineId) ?? pipelines.data?.[0];
  // The list narrowed to a company's or contact's deals spans every pipeline (deal-list.tsx, which
  // keeps that filter in the address): no pipeline to pick then.
  const live = paramsOf(search);
  const byRecord = mode === "list" && Boolean(idOrBlank(one(live, "company")) || idOrBlank(one(live, "contact")));

  return (
    <div className="space-y-6">
      <PageHeader
        title={t.crm.deals.title}
        description={t.crm.deals.description}
        actions={canWrite ? <Button onClick={() => setCreating(true)} data-testid="new-deal"><Plus aria-hidden="true" />{t.crm.deals.create}</Button> : null}
      />
      <div className="flex flex-col gap-3 md:flex-row md:items-center md:justify-between">
        <SegmentedTabs label={t.crm.deals.title} tabs={MODES} value={mode} onChange={setMode} className="inline-flex w-fit gap-1" />
        {!pipelines.data || pipelines.data.length < 2 ? null : byRecord ? (
          <p className="text-sm text-muted-foreground" data-testid="deals-all-pipelines">{t.crmLists.filters.allPipelines}</p>
        ) : (
          <Select aria-label={t.crm.deals.pipeline} value={current?.id ?? ""} onChange={(e) => setPipelineId(e.target.value)} wrapperClassName="md:w-64">
            {pipelines.data.map((p) => <SelectOption key={p.id} value={p.id}>{p.name}</SelectOption>)}
          </Select>
        )}
      </div>
      {pipelines.isLoading ? <Skeleton className="h-64" aria-busy="true" aria-label={t.common.loading} /> : null}
      {pipelines.error ? (
        <Alert variant="destructive"><AlertDescription>{t.common.loadError} <Button variant="link" onClick={() => pipelines.refetch()}>{t.common.retry}</Button></AlertDescription></Alert>
      ) : null}
      {current ? (mode === "board" ? <DealBoard pipeline={current} canWrite={canWrite} /> : <DealList pipeline={current} canWrite={canWrite} onCreate={canWrite ? () => setCreating(true) : undefined} />) : null}
      {creating && current ? <DealDialog deal={null} pipeline={current} onOpenChange={(open) => !open && setCreating(false)} /> : null}
    </div>
  );
}
