"use client";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Badge } from "@vendaflow/ui/badge";
import { Button } from "@vendaflow/ui/button";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@vendaflow/ui/table";
import { useToast } from "@vendaflow/ui/toast";
import type { WebhookEventType } from "@vendaflow/validators/outbound-webhooks";
import { brDateTime } from "@/lib/dates";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { developers as developersText } from "@/lib/i18n/pt-br/developers";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText, developers: developersText };

const d = t.developers.hooks.deliveries;
const variant = (s: string) => (s === "succeeded" ? "success" : s === "failed" ? "destructive" : s === "retrying" ? "warning" : "secondary") as "success" | "destructive" | "warning" | "secondary";

/** A subscription's deliveries, newest first, refreshed while open; each can be sent again. */
export function DeliveryLog({ subscriptionId, canReplay }: { subscriptionId: string; canReplay: boolean }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const log = useInfiniteQuery(trpc.webhooks.deliveries.infiniteQueryOptions({ subscriptionId, limit: 25 }, { getNextPageParam: (p) => p.nextCursor ?? undefined, refetchInterval: 5000 }));
  const replay = useMutation(trpc.webhooks.replay.mutationOptions());
  const rows = log.data?.pages.flatMap((p) => p.items) ?? [];
  const resend = async (id: string) => {
    try {
      await replay.mutateAsync({ id });
      toast.success(d.replayed);
      await qc.invalidateQueries({ queryKey: trpc.webhooks.deliveries.pathKey() });
    } catch (err) {
      toast.error(errorMessage(err));
    }
  };
  return (
    <section className="space-y-2" data-testid="delivery-log">
      <h3 className="text-sm font-semibold">{d.title}</h3>
      {log.isLoading ? <Skeleton className="h-16" aria-busy="true" aria-label={t.common.loading} /> : null}
      {log.error ? <Alert variant="destructive"><AlertDescription>{t.common.loadError} <Button variant="link" onClick={() => log.refetch()}>{t.common.retry}</Button></AlertDescription></Alert> : null}
      {log.data && rows.length === 0 ? <p className="text-sm text-muted-foreground">{d.empty}</p> : null}
      {rows.length ? (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{d.columns.when}</TableHead>
              <TableHead>{d.columns.event}</TableHead>
              <TableHead>{d.columns.status}</TableHead>
              <TableHead>{d.columns.code}</TableHead>
              <TableHead>{d.columns.latency}</TableHead>
              <TableHead>{d.columns.attempts}</TableHead>
              <TableHead>{d.columns.detail}</TableHead>
              <TableHead><span className="sr-only">{t.common.actions}</span></TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((r) => {
              const last = r.attemptLog.at(-1);
              return (
                <TableRow key={r.id} data-testid="delivery-row" data-event={r.event_type} data-status={r.status} data-code={r.last_status_code ?? ""}>
                  <TableCell className="whitespace-nowrap">{brDateTime(last?.created_at ?? r.created_at)}</TableCell>
                  <TableCell>{t.developers.hooks.eventTypes[r.event_type as WebhookEventType] ?? r.event_type} <code className="text-xs text-muted-foreground">{r.message_id}</code></TableCell>
                  <TableCell><Badge variant={variant(r.status)}>{d.statuses[r.status] ?? r.status}</Badge></TableCell>
                  <TableCell className="tabular-nums">{r.last_status_code ?? "—"}</TableCell>
                  <TableCell className="tabular-nums">{r.last_latency_ms === null ? "—" : d.latency(r.last_latency_ms)}</TableCell>
                  <TableCell className="tabular-nums" title={r.attemptLog.map((a) => `#${a.attempt} ${brDateTime(a.created_at)} ${a.status_code ?? a.error ?? ""}`).join("\n")}>{r.attempts}</TableCell>
                  <TableCell className="max-w-xs break-words text-xs text-muted-foreground">{r.last_error ?? ""}</TableCell>
                  <TableCell className="text-right">
                    <Button size="sm" variant="outline" aria-label={d.replayLabel(r.message_id)} disabled={!canReplay} loading={replay.isPending && replay.variables?.id === r.id} onClick={() => resend(r.id)}>{d.replay}</Button>
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      ) : null}
      {log.hasNextPage ? <Button variant="outline" size="sm" onClick={() => log.fetchNextPage()} loading={log.isFetchingNextPage}>{d.loadMore}</Button> : null}
    </section>
  );
}
