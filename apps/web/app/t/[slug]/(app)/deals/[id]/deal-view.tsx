"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Badge } from "@vendaflow/ui/badge";
import { Button } from "@vendaflow/ui/button";
import { useToast } from "@vendaflow/ui/toast";
import type { RouterOutputs } from "@vendaflow/api/root";
import type { DealStatus } from "@vendaflow/validators/crm";
import { ThumbsDown, ThumbsUp, Trash2 } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ActivityTimeline } from "@/components/crm/activity-timeline";
import type { Back } from "@/components/crm/detail-states";
import { DetailLayout, EditButton, FactList, FactsCard } from "@/components/crm/entity-detail";
import { useUndoDelete } from "@/components/crm/use-undo-delete";
import { crm as crmText } from "@/lib/i18n/pt-br/crm";
import { brDay } from "@/lib/dates";
import { brl } from "@/lib/money";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";
import { DialogLoading, onDemand } from "@/components/loading";
import { useConfirm } from "@/components/confirm";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { crm: crmText };

const statusVariant = { open: "secondary", won: "success", lost: "destructive" } as const;

// The edit and lost forms load when opened.
const DealDialog = onDemand(() => import("@/app/t/[slug]/(app)/deals/deal-dialog").then((m) => m.DealDialog), DialogLoading);
const LoseDialog = onDemand(() => import("@/app/t/[slug]/(app)/deals/lose-dialog").then((m) => m.LoseDialog), DialogLoading);

type Deal = RouterOutputs["crm"]["deals"]["get"];
type Pipeline = RouterOutputs["crm"]["pipelines"]["list"][number];
type LostReason = RouterOutputs["crm"]["pipelines"]["lostReasons"][number];

/** The loaded deal page (deal-detail.tsx loads it on demand); pipelines and reasons are undefined until their queries answer. */
export function DealView({ id, deal: d, pipelines, reasons, back, canWrite, me }: { id: string; deal: Deal; pipelines: Pipeline[] | undefined; reasons: LostReason[] | undefined; back: Back; canWrite: boolean; me: string }) {
  const confirm = useConfirm();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const router = useRouter();
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: trpc.crm.deals.pathKey() });
    void qc.invalidateQueries({ queryKey: trpc.crmLists.timeline.pathKey() });
  };
  const win = useMutation(trpc.crm.deals.win.mutationOptions({ onSuccess: () => { toast.success(t.crm.deals.won); refresh(); }, onError: (e) => toast.error(errorMessage(e)) }));
  const setDeleted = useMutation(trpc.crm.deals.setDeleted.mutationOptions());
  const remove = useUndoDelete((input) => setDeleted.mutateAsync(input), () => { refresh(); });
  const [editing, setEditing] = useState(false);
  const [losing, setLosing] = useState(false);

  const pipeline = pipelines?.find((p) => p.id === d.pipeline_id);
  const reason = reasons?.find((r) => r.id === d.lost_reason_id);
  const dd = t.crm.deals.detail;

  return (
    <DetailLayout
      back={back}
      title={d.title}
      description={<span className="inline-flex items-center gap-2"><span data-testid="deal-stage">{d.stage_name}</span><Badge variant={statusVariant[d.status as DealStatus]}>{t.crm.deals.status[d.status as DealStatus]}</Badge></span>}
      actions={
        canWrite ? (
          <div className="flex flex-wrap gap-2">
            <EditButton onClick={() => setEditing(true)} />
            {d.status !== "won" ? <Button variant="outline" onClick={() => win.mutate({ id })} loading={win.isPending}><ThumbsUp aria-hidden="true" />{t.crm.deals.win}</Button> : null}
            {d.status !== "lost" ? <Button variant="outline" onClick={() => setLosing(true)}><ThumbsDown aria-hidden="true" />{t.crm.deals.lose}</Button> : null}
            <Button variant="outline" onClick={async () => (await confirm({ title: t.crm.deals.confirmDelete(d.title), actionLabel: t.crm.delete })) && remove(id, t.crm.deals.deleted(d.title)).then(() => router.push("/deals"))}>
              <Trash2 aria-hidden="true" />{t.crm.delete}
            </Button>
          </div>
        ) : null
      }
      side={
        <FactsCard title={dd.summary}>
          <FactList
            entityType="deal"
            custom={d.custom_fields}
            facts={[
              [dd.value, <span data-testid="deal-value">{brl(d.value_cents)}</span>, "font-semibold tabular-nums"],
              [dd.probability, t.crm.deals.probability(d.probability)],
              [dd.expectedClose, <span data-testid="deal-expected-close">{d.expected_close_date ? brDay(d.expected_close_date) : t.crm.none}</span>],
              [t.crm.owner, d.owner_name ?? t.crm.noOwner],
              [dd.company, d.company_id && d.company_name ? <Link className="hover:underline" href={`/companies/${d.company_id}`}>{d.company_name}</Link> : t.crm.none],
              [dd.contact, d.contact_id && d.contact_name ? <Link className="hover:underline" href={`/contacts/${d.contact_id}`}>{d.contact_name}</Link> : t.crm.none],
              d.conversation_id ? [dd.lead, <Link className="hover:underline" href={`/conversations/${d.conversation_id}`}>{dd.conversation}</Link>] : null,
              d.status === "lost" ? [dd.lostReason, `${reason?.name ?? t.crm.none}${d.lost_note ? ` — ${d.lost_note}` : ""}`] : null,
              d.tags.length ? [t.crm.tags, d.tags.map((tag) => <Badge key={tag} variant="outline">{tag}</Badge>), "flex flex-wrap gap-1"] : null,
            ]}
          />
        </FactsCard>
      }
      timeline={<ActivityTimeline target={{ dealId: id }} canWrite={canWrite} me={me} />}
    >
      {editing && pipeline ? <DealDialog deal={d} pipeline={pipeline} onOpenChange={(open) => !open && setEditing(false)} /> : null}
      {losing ? <LoseDialog deal={d} onOpenChange={(open) => !open && setLosing(false)} onDone={() => { toast.success(t.crm.deals.lost); refresh(); }} /> : null}
    </DetailLayout>
  );
}
