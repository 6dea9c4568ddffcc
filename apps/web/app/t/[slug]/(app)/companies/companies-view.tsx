"use client";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Button } from "@vendaflow/ui/button";
import { EmptyState } from "@vendaflow/ui/empty-state";
import { Input } from "@vendaflow/ui/input";
import { PageHeader } from "@vendaflow/ui/page-header";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@vendaflow/ui/table";
import type { CompanySize } from "@vendaflow/validators/crm";
import { Building2, Plus, Trash2 } from "lucide-react";
import Link from "next/link";
import { useDeferredValue, useState } from "react";
import { useUndoDelete } from "@/components/crm/use-undo-delete";
import { t } from "@/lib/i18n";
import { useTRPC } from "@/lib/trpc/client";
import { CompanyDialog } from "./company-dialog";

export function CompaniesView({ canWrite }: { canWrite: boolean }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [q, setQ] = useState("");
  const search = useDeferredValue(q);
  const [creating, setCreating] = useState(false);
  const list = useInfiniteQuery(trpc.crm.companies.list.infiniteQueryOptions({ q: search || undefined, limit: 25 }, { getNextPageParam: (p) => p.nextCursor ?? undefined }));
  const setDeleted = useMutation(trpc.crm.companies.setDeleted.mutationOptions());
  const remove = useUndoDelete((input) => setDeleted.mutateAsync(input), () => void qc.invalidateQueries({ queryKey: trpc.crm.companies.pathKey() }));
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const c = t.crm.companies;
  const createButton = canWrite ? <Button onClick={() => setCreating(true)}><Plus aria-hidden="true" />{c.create}</Button> : null;

  return (
    <div className="space-y-6">
      <PageHeader title={c.title} description={c.description} actions={createButton} />
      <Input type="search" aria-label={t.crm.search} placeholder={t.crm.searchPlaceholder} value={q} onChange={(e) => setQ(e.target.value)} className="sm:max-w-sm" />
      {list.isLoading ? <Skeleton className="h-48" aria-busy="true" aria-label={t.common.loading} /> : null}
      {list.error ? <Alert variant="destructive"><AlertDescription>{t.common.loadError} <Button variant="link" onClick={() => list.refetch()}>{t.common.retry}</Button></AlertDescription></Alert> : null}
      {!list.isLoading && !list.error && rows.length === 0 ? <EmptyState icon={<Building2 />} title={c.empty} description={c.emptyHint} action={createButton} /> : null}
      {rows.length > 0 ? (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{c.columns.name}</TableHead>
              <TableHead>{c.columns.domain}</TableHead>
              <TableHead>{c.columns.industry}</TableHead>
              <TableHead>{c.columns.size}</TableHead>
              {canWrite ? <TableHead><span className="sr-only">{t.crm.delete}</span></TableHead> : null}
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((co) => (
              <TableRow key={co.id} data-testid="company-row">
                <TableCell className="font-medium"><Link href={`/companies/${co.id}`} className="hover:underline">{co.name}</Link></TableCell>
                <TableCell>{co.domain ?? t.crm.none}</TableCell>
                <TableCell>{co.industry ?? t.crm.none}</TableCell>
                <TableCell>{co.size ? c.sizes[co.size as CompanySize] : t.crm.none}</TableCell>
                {canWrite ? (
                  <TableCell className="text-right">
                    <Button size="sm" variant="ghost" aria-label={`${t.crm.delete} ${co.name}`} onClick={() => window.confirm(c.confirmDelete(co.name)) && remove(co.id, c.deleted(co.name))}><Trash2 aria-hidden="true" /></Button>
                  </TableCell>
                ) : null}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
      {list.hasNextPage ? <div className="flex justify-center"><Button variant="outline" onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>{t.crm.loadMore}</Button></div> : null}
      {creating ? <CompanyDialog company={null} onOpenChange={(open) => !open && setCreating(false)} /> : null}
    </div>
  );
}
