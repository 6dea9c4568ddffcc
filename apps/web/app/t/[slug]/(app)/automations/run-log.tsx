"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Badge } from "@vendaflow/ui/badge";
import { Button } from "@vendaflow/ui/button";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@vendaflow/ui/table";
import { automations as automationsText } from "@/lib/i18n/pt-br/automations";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { crm as crmText } from "@/lib/i18n/pt-br/crm";
import { useTRPC } from "@/lib/trpc/client";
import { brDateTime } from "@/lib/dates";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { automations: automationsText, common: commonText, crm: crmText };

const a = t.automations;
const variant = (s: string) => (s === "succeeded" ? "success" : s === "failed" || s === "loop_blocked" ? "destructive" : "secondary") as "success" | "destructive" | "secondary";

/** One automation's runs, newest first, refreshed while some are still queued. */
export function RunLog({ automationId }: { automationId: string }) {
  const trpc = useTRPC();
  const runs = useInfiniteQuery(
    trpc.automations.runs.infiniteQueryOptions({ automationId, limit: 25 }, { getNextPageParam: (p) => p.nextCursor ?? undefined, refetchInterval: 5000 }),
  );
  const rows = runs.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="space-y-2" data-testid="run-log">
      <h3 className="text-sm font-semibold">{a.log}</h3>
      {runs.isLoading ? <Skeleton className="h-16" aria-busy="true" aria-label={t.common.loading} /> : null}
      {runs.isError && rows.length === 0 ? (
        <Alert variant="destructive">
          <AlertDescription className="flex flex-wrap items-center justify-between gap-2">
            {a.logError}
            <Button size="sm" variant="outline" onClick={() => void runs.refetch()} loading={runs.isRefetching}>{t.common.retry}</Button>
          </AlertDescription>
        </Alert>
      ) : null}
      {!runs.isLoading && !runs.isError && rows.length === 0 ? <p className="text-sm text-muted-foreground">{a.logEmpty}</p> : null}
      {rows.length ? (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{a.logColumns.when}</TableHead>
              <TableHead>{a.logColumns.status}</TableHead>
              <TableHead>{a.logColumns.attempts}</TableHead>
              <TableHead>{a.logColumns.entity}</TableHead>
              <TableHead>{a.logColumns.detail}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((r) => (
              <TableRow key={r.id} data-testid="run-row" data-status={r.status}>
                <TableCell>{brDateTime(r.created_at)}</TableCell>
                <TableCell><Badge variant={variant(r.status)}>{a.statuses[r.status] ?? r.status}</Badge></TableCell>
                <TableCell>{r.attempts}</TableCell>
                <TableCell>{r.entity_type === "deal" ? <a className="hover:underline" href={`/deals/${r.entity_id}`}>{a.entityTypes.deal}</a> : (a.entityTypes[r.entity_type] ?? r.entity_type)}</TableCell>
                <TableCell className="max-w-md break-words text-xs text-muted-foreground">{r.error ?? (Array.isArray(r.result) ? (r.result as { note?: string }[]).map((x) => x.note).filter(Boolean).join(" ") : "")}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
      {runs.hasNextPage ? <Button variant="outline" size="sm" onClick={() => runs.fetchNextPage()} loading={runs.isFetchingNextPage}>{t.crm.loadMore}</Button> : null}
    </section>
  );
}
