"use client";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Button } from "@vendaflow/ui/button";
import { EmptyState } from "@vendaflow/ui/empty-state";
import { Input } from "@vendaflow/ui/input";
import { PageHeader } from "@vendaflow/ui/page-header";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@vendaflow/ui/table";
import { Contact, Plus, Trash2 } from "lucide-react";
import Link from "next/link";
import { useDeferredValue, useState } from "react";
import { useUndoDelete } from "@/components/crm/use-undo-delete";
import { t } from "@/lib/i18n";
import { useTRPC } from "@/lib/trpc/client";
import { ContactDialog } from "./contact-dialog";

export function ContactsView({ canWrite }: { canWrite: boolean }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [q, setQ] = useState("");
  const search = useDeferredValue(q);
  const [creating, setCreating] = useState(false);
  const list = useInfiniteQuery(trpc.crm.contacts.list.infiniteQueryOptions({ q: search || undefined, limit: 25 }, { getNextPageParam: (p) => p.nextCursor ?? undefined }));
  const setDeleted = useMutation(trpc.crm.contacts.setDeleted.mutationOptions());
  const remove = useUndoDelete((input) => setDeleted.mutateAsync(input), () => void qc.invalidateQueries({ queryKey: trpc.crm.contacts.pathKey() }));
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const c = t.crm.contacts;
  const createButton = canWrite ? <Button onClick={() => setCreating(true)}><Plus aria-hidden="true" />{c.create}</Button> : null;

  return (
    <div className="space-y-6">
      <PageHeader title={c.title} description={c.description} actions={createButton} />
      <Input type="search" aria-label={t.crm.search} placeholder={t.crm.searchPlaceholder} value={q} onChange={(e) => setQ(e.target.value)} className="sm:max-w-sm" />
      {list.isLoading ? <Skeleton className="h-48" aria-busy="true" aria-label={t.common.loading} /> : null}
      {list.error ? <Alert variant="destructive"><AlertDescription>{t.common.loadError} <Button variant="link" onClick={() => list.refetch()}>{t.common.retry}</Button></AlertDescription></Alert> : null}
      {!list.isLoading && !list.error && rows.length === 0 ? <EmptyState icon={<Contact />} title={c.empty} description={c.emptyHint} action={createButton} /> : null}
      {rows.length > 0 ? (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{c.columns.name}</TableHead>
              <TableHead>{c.columns.email}</TableHead>
              <TableHead>{c.columns.phone}</TableHead>
              <TableHead>{c.columns.company}</TableHead>
              {canWrite ? <TableHead><span className="sr-only">{t.crm.delete}</span></TableHead> : null}
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((co) => (
              <TableRow key={co.id} data-testid="contact-row">
                <TableCell className="font-medium"><Link href={`/contacts/${co.id}`} className="hover:underline">{co.name}</Link></TableCell>
                <TableCell>{co.email ?? t.crm.none}</TableCell>
                <TableCell>{co.phone ?? t.crm.none}</TableCell>
                <TableCell>{co.company_id && co.company_name ? <Link href={`/companies/${co.company_id}`} className="hover:underline">{co.company_name}</Link> : t.crm.none}</TableCell>
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
      {creating ? <ContactDialog contact={null} onOpenChange={(open) => !open && setCreating(false)} /> : null}
    </div>
  );
}
