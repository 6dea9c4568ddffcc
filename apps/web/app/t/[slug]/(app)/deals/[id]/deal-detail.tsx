"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Badge } from "@vendaflow/ui/badge";
import { Button } from "@vendaflow/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@vendaflow/ui/card";
import { PageHeader } from "@vendaflow/ui/page-header";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { useToast } from "@vendaflow/ui/toast";
import type { DealStatus } from "@vendaflow/validators/crm";
import { ArrowLeft, Pencil, ThumbsDown, ThumbsUp, Trash2 } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ActivityTimeline } from "@/components/crm/activity-timeline";
import { customValueText } from "@/components/crm/custom-field-inputs";
import { useUndoDelete } from "@/components/crm/use-undo-delete";
import { t } from "@/lib/i18n";
import { brl } from "@/lib/money";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";
import { DealDialog } from "@/app/t/[slug]/(app)/deals/deal-dialog";
import { LoseDialog } from "@/app/t/[slug]/(app)/deals/lose-dialog";

const statusVariant = { open: "secondary", won: "success", lost: "destructive" } as const;

export function DealDetail({ id, canWrite }: { id: string; canWrite: boolean }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const router = useRouter();
  const deal = useQuery(trpc.crm.deals.get.queryOptions({ id }));
  const pipelines = useQuery(trpc.crm.pipelines.list.queryOptions());
  const defs = useQuery(trpc.crm.customFields.list.queryOptions({ entityType: "deal" }));
  const reasons = useQuery(trpc.crm.pipelines.lostReasons.queryOptions({ includeInactive: true }));
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: trpc.crm.deals.pathKey() });
    void qc.invalidateQueries({ queryKey: trpc.crm.activities.list.pathKey() });
  };
  const win = useMutation(trpc.crm.deals.win.mutationOptions({ onSuccess: () => { toast.success(t.crm.deals.won); refresh(); }, onError: (e) => toast.error(errorMessage(e)) }));
  const setDeleted = useMutation(trpc.crm.deals.setDeleted.mutationOptions());
  const remove = useUndoDelete((input) => setDeleted.mutateAsync(input), () => { refresh(); });
  const [editing, setEditing] = useState(false);
  const [losing, setLosing] = useState(false);

  if (deal.isLoading) return <Skeleton className="h-96" aria-busy="true" aria-label={t.common.loading} />;
  if (deal.error || !deal.data) {
    return (
      <Alert variant="destructive">
        <AlertDescription>{deal.error?.data?.code === "NOT_FOUND" ? t.crm.deals.detail.notFound : t.common.loadError} <Button variant="link" onClick={() => router.push("/deals")}>{t.crm.deals.detail.back}</Button></AlertDescription>
      </Alert>
    );
  }
  const d = deal.data;
  const pipeline = pipelines.data?.find((p) => p.id === d.pipeline_id);
  const reason = reasons.data?.find((r) => r.id === d.lost_reason_id);
  const custom = d.custom_fields as Record<string, unknown>;

  return (
    <div className="space-y-6">
      <Link href="/deals" className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:underline"><ArrowLeft className="size-4" aria-hidden="true" />{t.crm.deals.detail.back}</Link>
      <PageHeader
        title={d.title}
        description={<span className="inline-flex items-center gap-2"><span data-testid="deal-stage">{d.stage_name}</span><Badge variant={statusVariant[d.status as DealStatus]}>{t.crm.deals.status[d.status as DealStatus]}</Badge></span>}
        actions={
          canWrite ? (
            <div className="flex flex-wrap gap-2">
              <Button variant="outline" onClick={() => setEditing(true)}><Pencil aria-hidden="true" />{t.crm.edit}</Button>
              {d.status !== "won" ? <Button variant="outline" onClick={() => win.mutate({ id })} loading={win.isPending}><ThumbsUp aria-hidden="true" />{t.crm.deals.win}</Button> : null}
              {d.status !== "lost" ? <Button variant="outline" onClick={() => setLosing(true)}><ThumbsDown aria-hidden="true" />{t.crm.deals.lose}</Button> : null}
              <Button variant="outline" onClick={() => window.confirm(t.crm.deals.confirmDelete(d.title)) && remove(id, t.crm.deals.deleted(d.title)).then(() => router.push("/deals"))}>
                <Trash2 aria-hidden="true" />{t.crm.delete}
              </Button>
            </div>
          ) : null
        }
      />
      <div className="grid gap-6 lg:grid-cols-[20rem_1fr]">
        <Card>
          <CardHeader><CardTitle>{t.crm.deals.detail.summary}</CardTitle></CardHeader>
          <CardContent>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
              <dt className="text-muted-foreground">{t.crm.deals.detail.value}</dt><dd className="font-semibold tabular-nums" data-testid="deal-value">{brl(d.value_cents)}</dd>
              <dt className="text-muted-foreground">{t.crm.deals.detail.probability}</dt><dd>{t.crm.deals.probability(d.probability)}</dd>
              <dt className="text-muted-foreground">{t.crm.deals.detail.expectedClose}</dt><dd>{d.expected_close_date ? new Date(`${d.expected_close_date}T12:00:00`).toLocaleDateString("pt-BR") : t.crm.none}</dd>
              <dt className="text-muted-foreground">{t.crm.owner}</dt><dd>{d.owner_name ?? t.crm.noOwner}</dd>
              <dt className="text-muted-foreground">{t.crm.deals.detail.company}</dt><dd>{d.company_id && d.company_name ? <Link className="hover:underline" href={`/companies/${d.company_id}`}>{d.company_name}</Link> : t.crm.none}</dd>
              <dt className="text-muted-foreground">{t.crm.deals.detail.contact}</dt><dd>{d.contact_id && d.contact_name ? <Link className="hover:underline" href={`/contacts/${d.contact_id}`}>{d.contact_name}</Link> : t.crm.none}</dd>
              {d.conversation_id ? (<><dt className="text-muted-foreground">{t.crm.deals.detail.lead}</dt><dd><Link className="hover:underline" href={`/conversations/${d.conversation_id}`}>{t.crm.deals.detail.conversation}</Link></dd></>) : null}
              {d.status === "lost" ? (<><dt className="text-muted-foreground">{t.crm.deals.detail.lostReason}</dt><dd>{reason?.name ?? t.crm.none}{d.lost_note ? ` — ${d.lost_note}` : ""}</dd></>) : null}
              {d.tags.length ? (<><dt className="text-muted-foreground">{t.crm.tags}</dt><dd className="flex flex-wrap gap-1">{d.tags.map((tag) => <Badge key={tag} variant="outline">{tag}</Badge>)}</dd></>) : null}
              {(defs.data ?? []).map((f) => (
                <div key={f.id} className="contents"><dt className="text-muted-foreground">{f.label}</dt><dd>{customValueText(f, custom[f.id], brl)}</dd></div>
              ))}
            </dl>
          </CardContent>
        </Card>
        <ActivityTimeline target={{ dealId: id }} canWrite={canWrite} />
      </div>
      {editing && pipeline ? <DealDialog deal={d} pipeline={pipeline} onOpenChange={(open) => !open && setEditing(false)} /> : null}
      {losing ? <LoseDialog deal={d} onOpenChange={(open) => !open && setLosing(false)} onDone={() => { toast.success(t.crm.deals.lost); refresh(); }} /> : null}
    </div>
  );
}
