"use client";
import { useQuery } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Card, CardContent, CardHeader, CardTitle } from "@vendaflow/ui/card";
import { EmptyState } from "@vendaflow/ui/empty-state";
import { PageHeader } from "@vendaflow/ui/page-header";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@vendaflow/ui/table";
import { whatsapp as whatsappText } from "@/lib/i18n/pt-br/whatsapp";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { whatsapp: whatsappText };

const m = t.whatsapp.costs;
const brl = new Intl.NumberFormat("pt-BR", { style: "currency", currency: "BRL" });
const count = new Intl.NumberFormat("pt-BR");
const monthLabel = (month: string) => new Date(`${month}-15T12:00:00Z`).toLocaleDateString("pt-BR", { month: "long", year: "numeric", timeZone: "UTC" });
const categoryLabel = (c: string) => m.categories[c] ?? c;

/** Months newest first; each with its categories and the month's estimated total. */
export function CostsView() {
  const trpc = useTRPC();
  const report = useQuery(trpc.whatsapp.costs.queryOptions({ months: 6 }));
  if (report.isLoading) return <Skeleton className="h-64" />;
  if (report.error) return <Alert variant="destructive"><AlertDescription>{errorMessage(report.error)}</AlertDescription></Alert>;
  const data = report.data!;
  const months = [...data.months].reverse();
  return (
    <div className="space-y-6">
      <PageHeader title={m.title} description={m.description} />
      {data.rows.length === 0 ? <EmptyState title={m.empty} /> : null}
      {months.map((month) => {
        const rows = data.rows.filter((r) => r.month === month);
        if (rows.length === 0) return null;
        const total = rows.reduce((s, r) => s + (r.estimatedCents ?? 0), 0);
        return (
          <Card key={month} data-testid="whatsapp-cost-month" data-month={month}>
            <CardHeader><CardTitle className="capitalize">{monthLabel(month)}</CardTitle></CardHeader>
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
        );
      })}
      <Card>
        <CardHeader><CardTitle>{m.priceTable}</CardTitle></CardHeader>
        <CardContent>
          <ul className="grid gap-1 text-sm sm:grid-cols-2">
            {data.prices.map((p) => <li key={p.category}>{categoryLabel(p.category)}: {brl.format(p.perThousandCents / 100)}</li>)}
          </ul>
        </CardContent>
      </Card>
    </div>
  );
}
