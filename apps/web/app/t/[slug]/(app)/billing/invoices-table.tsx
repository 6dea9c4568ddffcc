"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Button } from "@vendaflow/ui/button";
import { EmptyState } from "@vendaflow/ui/empty-state";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@vendaflow/ui/table";
import { FileText } from "lucide-react";
import { billing as billingText } from "@/lib/i18n/pt-br/billing";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { useTRPC } from "@/lib/trpc/client";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { billing: billingText, common: commonText };

/** The mirrored Stripe invoices, newest first, with their PDF links; keyset "load more". */
export function InvoicesTable() {
  const trpc = useTRPC();
  const invoices = useInfiniteQuery(trpc.billing.invoices.infiniteQueryOptions({ limit: 12 }, { getNextPageParam: (p) => p.nextCursor ?? undefined }));
  const rows = invoices.data?.pages.flatMap((p) => p.items) ?? [];
  if (invoices.isLoading) return <Skeleton className="h-24" aria-busy="true" aria-label={t.common.loading} />;
  if (invoices.error) return <Alert variant="destructive"><AlertDescription>{t.common.loadError} <Button variant="link" onClick={() => invoices.refetch()}>{t.common.retry}</Button></AlertDescription></Alert>;
  if (rows.length === 0) return <EmptyState icon={<FileText />} title={t.billing.invoicesEmpty} />;
  return (
    <div className="space-y-3">
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>{t.billing.invoiceColumns.number}</TableHead>
            <TableHead>{t.billing.invoiceColumns.date}</TableHead>
            <TableHead>{t.billing.invoiceColumns.amount}</TableHead>
            <TableHead>{t.billing.invoiceColumns.status}</TableHead>
            <TableHead>{t.billing.invoiceColumns.pdf}</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((inv) => (
            <TableRow key={inv.id}>
              <TableCell>{inv.number ?? "—"}</TableCell>
              <TableCell>{t.billing.day(inv.issued_at)}</TableCell>
              <TableCell className="tabular-nums">{t.billing.brl(inv.status === "paid" ? inv.amount_paid_cents : inv.amount_due_cents)}</TableCell>
              <TableCell>{t.billing.invoiceStatus[inv.status] ?? inv.status}</TableCell>
              <TableCell>{inv.invoice_pdf ? <a className="underline" href={inv.invoice_pdf} target="_blank" rel="noreferrer">{t.billing.download}</a> : "—"}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {invoices.hasNextPage ? <Button variant="outline" onClick={() => invoices.fetchNextPage()} disabled={invoices.isFetchingNextPage}>{t.billing.more}</Button> : null}
    </div>
  );
}
