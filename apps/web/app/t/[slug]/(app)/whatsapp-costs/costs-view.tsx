"use client";
import { useQuery } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Button } from "@vendaflow/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@vendaflow/ui/card";
import { EmptyState } from "@vendaflow/ui/empty-state";
import { FormField } from "@vendaflow/ui/form-field";
import { PageHeader } from "@vendaflow/ui/page-header";
import { Select, SelectOption } from "@vendaflow/ui/select";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@vendaflow/ui/table";
import { whatsapp as whatsappText } from "@/lib/i18n/pt-br/whatsapp";
import { useMemo, useState } from "react";
import { useTRPC } from "@/lib/trpc/client";
import { monthName, monthsBack, saoPauloMonth } from "@/lib/whatsapp/months";
import { errorMessage } from "@/lib/trpc/errors";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { whatsapp: whatsappText };

const m = t.whatsapp.costs;
const brl = new Intl.NumberFormat("pt-BR", { style: "currency", currency: "BRL" });
const count = new Intl.NumberFormat("pt-BR");
const categoryLabel = t.whatsapp.pricingCategoryName;
/** How far back the picker reaches (the report takes up to 24 months). */
const PICKER_MONTHS = 24;

/**
 * One São Paulo calendar month at a time (default: the current one), its categories and estimated
 * total; the picker lists the last 24 months. Loading, empty and error states keep the picker, so
 * another month is one choice away.
 */
export function CostsView() {
  const trpc = useTRPC();
  const current = useMemo(() => saoPauloMonth(new Date()), []);
  const [month, setMonth] = useState(current);
  const report = useQuery(trpc.whatsapp.costs.queryOptions({ month, months: 1 }));
  const rows = report.data?.rows.filter((r) => r.month === month) ?? [];
  const total = rows.reduce((s, r) => s + (r.estimatedCents ?? 0), 0);
  return (
    <div className="space-y-6">
      <PageHeader title={m.title} description={m.description} />
      <div className="max-w-xs">
        <FormField label={m.pickMonth}>
          <Select value={month} onChange={(e) => setMonth(e.target.value)} data-testid="whatsapp-cost-month-picker">
            {monthsBack(current, PICKER_MONTHS).map((mo) => <SelectOption key={mo} value={mo}>{monthName(mo)}</SelectOption>)}
          </Select>
        </FormField>
      </div>
      {report.isLoading ? (
        <Skeleton className="h-64" aria-busy="true" aria-label={monthName(month)} />
      ) : report.error ? (
        <Alert variant="destructive" data-testid="whatsapp-cost-error">
          <AlertDescription className="flex flex-wrap items-center gap-3">
            <span>{m.error} {errorMessage(report.error)}</span>
            <Button type="button" size="sm" variant="outline" onClick={() => void report.refetch()}>{m.retry}</Button>
          </AlertDescription>
        </Alert>
      ) : rows.length === 0 ? (
        <EmptyState title={m.emptyMonth(monthName(month).toLowerCase())} description={m.emptyHint} data-testid="whatsapp-cost-empty" />
      ) : (
        <Card data-testid="whatsapp-cost-month" data-month={month}>
          <CardHeader><CardTitle>{monthName(month)}</CardTitle></CardHeader>
          <CardContent>
            <Table>
              <TableHeader><TableRow><TableHead>{m.category}</TableHead><TableHead className="text-right">{m.messages}</TableHead><TableHead className="text-right">{m.billable}</TableHead><TableHead className="text-right">{m.estimated}</TableHead></TableRow></TableHeader>
              <TableBody>
                {rows.map((r) => (
                  <TableRow key={r.category} data-testid="whatsapp-cost-row" data-category={r.category}>
                    <TableCell>{categoryLabel(r.category)}</TableCell>
                    <TableCell className="text-right">{count.format(r.messages)}</TableCell>
                    <TableCell className="text-right">{count.format(r.billable)}</TableCell>
                    <TableCell className="text-right">{r.estimatedCents === null ? m.noPrice : brl.format(r.estimatedCents / 100)}</TableCell>
                  </TableRow>
                ))}
                <TableRow>
                  <TableCell className="font-medium">{m.total}</TableCell>
                  <TableCell className="text-right">{count.format(rows.reduce((s, r) => s + r.messages, 0))}</TableCell>
                  <TableCell className="text-right">{count.format(rows.reduce((s, r) => s + r.billable, 0))}</TableCell>
                  <TableCell className="text-right font-medium" data-testid="whatsapp-cost-total">{brl.format(total / 100)}</TableCell>
                </TableRow>
              </TableBody>
            </Table>
          </CardContent>
        </Card>
      )}
      {report.data ? (
      <Card>
        <CardHeader><CardTitle>{m.priceTable}</CardTitle></CardHeader>
        <CardContent>
          <ul className="grid gap-1 text-sm sm:grid-cols-2">
            {report.data.prices.map((p) => <li key={p.category}>{categoryLabel(p.category)}: {brl.format(p.perThousandCents / 100)}</li>)}
          </ul>
        </CardContent>
      </Card>
      ) : null}
    </div>
  );
}
