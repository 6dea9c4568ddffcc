"use client";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Badge } from "@vendaflow/ui/badge";
import { Button } from "@vendaflow/ui/button";
import { EmptyState } from "@vendaflow/ui/empty-state";
import { Input } from "@vendaflow/ui/input";
import { Select, SelectOption } from "@vendaflow/ui/select";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@vendaflow/ui/table";
import { dealStatuses, type DealStatus } from "@vendaflow/validators/crm";
import { Briefcase, Trash2 } from "lucide-react";
import Link from "next/link";
import { useDeferredValue, useState } from "react";
import { useUndoDelete } from "@/components/crm/use-undo-delete";
import type { PipelineView } from "@/lib/crm/board";
import { t } from "@/lib/i18n";
import { brl } from "@/lib/money";
import { useTRPC } from "@/lib/trpc/client";

const statusVariant = { open: "secondary", won: "success", lost: "destructive" } as const;
const day = (iso: string | null) => (iso ? new Date(`${iso}T12:00:00`).toLocaleDateString("pt-BR") : t.crm.none);

export function DealList({ pipeline, canWrite }: { pipeline: PipelineView; canWrite: boolean }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [q, setQ] = useState("");
  const [status, setStatus] = useState<DealStatus | "">("");
  const search = useDeferredValue(q);
  const list = useInfiniteQuery(
    trpc.crm.deals.list.infiniteQueryOptions({ pipelineId: pipeline.id, q: search || undefined, status: status || undefined, limit: 25 }, { getNextPageParam: (p) => p.nextCursor ?? undefined }),
  );
  const setDeleted = useMutation(trpc.crm.deals.setDeleted.mutationOptions());
  const remove = useUndoDelete((input) => setDeleted.mutateAsync(input), () => void qc.invalidateQueries({ queryKey: trpc.crm.deals.pathKey() }));
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div className="space-y-4">
      <div className="flex flex-col gap-3 sm:flex-row">
        <Input type="search" aria-label={t.crm.search} placeholder={t.crm.searchPlaceholder} value={q} onChange={(e) => setQ(e.target.value)} className="sm:max-w-sm" />
        <Select aria-label={t.crm.deals.allStatuses} value={status} onChange={(e) => setStatus(e.target.value as DealStatus | "")} wrapperClassName="sm:w-48">
          <SelectOption value="">{t.crm.deals.allStatuses}</SelectOption>
          {dealStatuses.map((s) => <SelectOption key={s} value={s}>{t.crm.deals.status[s]}</SelectOption>)}
        </Select>
      </div>
      {list.isLoading ? <Skeleton className="h-48" aria-busy="true" aria-label={t.common.loading} /> : null}
      {list.error ? (
        <Alert variant="destructive"><AlertDescription>{t.common.loadError} <Button variant="link" onClick={() => list.refetch()}>{t.common.retry}</Button></AlertDescription></Alert>
      ) : null}
      {!list.isLoading && !list.error && rows.length === 0 ? <EmptyState icon={<Briefcase />} title={t.crm.deals.empty} description={t.crm.deals.emptyHint} /> : null}
      {rows.length > 0 ? (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{t.crm.deals.columns.title}</TableHead>
              <TableHead className="text-right">{t.crm.deals.columns.value}</TableHead>
              <TableHead>{t.crm.deals.columns.stage}</TableHead>
              <TableHead>{t.crm.deals.columns.company}</TableHead>
              <TableHead>{t.crm.deals.columns.owner}</TableHead>
              <TableHead>{t.crm.deals.columns.close}</TableHead>
              {canWrite ? <TableHead><span className="sr-only">{t.crm.delete}</span></TableHead> : null}
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((d) => (
              <TableRow key={d.id} data-testid="deal-row">
                <TableCell className="font-medium"><Link href={`/deals/${d.id}`} className="hover:underline">{d.title}</Link></TableCell>
                <TableCell className="text-right tabular-nums">{brl(d.value_cents)}</TableCell>
                <TableCell>
                  <span className="mr-2">{d.stage_name}</span>
                  <Badge variant={statusVariant[d.status as DealStatus]}>{t.crm.deals.status[d.status as DealStatus]}</Badge>
                </TableCell>
                <TableCell>{d.company_name ?? t.crm.none}</TableCell>
                <TableCell>{d.owner_name ?? t.crm.noOwner}</TableCell>
                <TableCell>{day(d.expected_close_date)}</TableCell>
                {canWrite ? (
                  <TableCell className="text-right">
                    <Button size="sm" variant="ghost" aria-label={`${t.crm.delete} ${d.title}`} onClick={() => window.confirm(t.crm.deals.confirmDelete(d.title)) && remove(d.id, t.crm.deals.deleted(d.title))}>
                      <Trash2 aria-hidden="true" />
                    </Button>
                  </TableCell>
                ) : null}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
      {list.hasNextPage ? (
        <div className="flex justify-center"><Button variant="outline" onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>{t.crm.loadMore}</Button></div>
      ) : null}
    </div>
  );
}
