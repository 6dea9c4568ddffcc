"use client";
import type { ReactNode } from "react";
import Link from "next/link";
import { Download } from "lucide-react";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Button } from "@vendaflow/ui/button";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@vendaflow/ui/card";
import { EmptyState } from "@vendaflow/ui/empty-state";
import { Skeleton } from "@vendaflow/ui/skeleton";
import type { AnalyticsChart } from "@vendaflow/validators/analytics";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@vendaflow/ui/table";
import { chartCsv, chartTable, downloadCsv, type ChartData } from "@/lib/analytics/csv";
import { analytics as analyticsText } from "@/lib/i18n/pt-br/analytics";
import { errorMessage } from "@/lib/trpc/errors";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { analytics: analyticsText };

interface ChartTexts {
  title: string;
  description: string;
  empty: string;
  hint: string;
}

interface QueryState<T> {
  data: T | undefined;
  error: unknown;
  isLoading: boolean;
  refetch: () => unknown;
}

const number = new Intl.NumberFormat("pt-BR", { maximumFractionDigits: 1 });
const money = new Intl.NumberFormat("pt-BR", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** A chart's numbers as a table (the CSV's rows): what a screen reader, or a phone too narrow for the bars, reads. */
function NumbersTable<K extends AnalyticsChart>({ chart, data }: { chart: K; data: ChartData[K] }) {
  const { headers, rows } = chartTable(chart, data);
  // Money columns are the ones whose header says "(R$)": cents always shown, as on a bill.
  const isMoney = headers.map((h) => h.endsWith("(R$)"));
  return (
    <Table>
      <TableHeader>
        <TableRow>{headers.map((h, i) => <TableHead key={h} className={i > 0 ? "text-right" : undefined}>{h}</TableHead>)}</TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((r, ri) => (
          <TableRow key={ri}>
            {r.map((v, i) => (
              <TableCell key={i} className={i > 0 ? "text-right tabular-nums" : undefined}>
                {typeof v === "number" ? (isMoney[i] ? money : number).format(v) : (v ?? "—")}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/**
 * One chart of the dashboard: title, the CSV download of exactly the data shown, its numbers as a
 * table folded under it (the chart's text alternative), and the states (loading, error with retry,
 * empty with what a new tenant should do first).
 */
export function ChartCard<K extends AnalyticsChart>({
  chart,
  query,
  isEmpty,
  range,
  action,
  texts: own,
  className,
  withTable = true,
  children,
}: {
  chart: K;
  query: QueryState<ChartData[K]>;
  isEmpty: (data: ChartData[K]) => boolean;
  range: { from: string; to: string };
  /** Where the empty state sends a new tenant (a page of the app). */
  action?: { href: string; label: string };
  /** The card's title and states when it shows something else than the chart's default (an agent's own figures). */
  texts?: ChartTexts;
  className?: string;
  /** False where the card already is a table (agent performance). */
  withTable?: boolean;
  children: (data: ChartData[K]) => ReactNode;
}) {
  const texts: Record<AnalyticsChart, ChartTexts> = t.analytics.charts;
  const text = own ?? texts[chart];
  const data = query.data;
  const empty = data !== undefined && isEmpty(data);
  return (
    <Card className={className} data-testid={`chart-${chart}`} data-state={query.isLoading ? "loading" : query.error ? "error" : empty ? "empty" : "ready"}>
      <CardHeader>
        <CardTitle>{text.title}</CardTitle>
        <CardDescription>{text.description}</CardDescription>
        <CardAction>
          <Button
            variant="outline"
            size="sm"
            disabled={data === undefined || empty}
            data-testid={`csv-${chart}`}
            onClick={() => data !== undefined && downloadCsv(t.analytics.csvFile(chart, range.from, range.to), chartCsv(chart, data))}
          >
            <Download className="size-4" />
            {t.analytics.csv}
          </Button>
        </CardAction>
      </CardHeader>
      <CardContent>
        {query.isLoading ? (
          <Skeleton className="h-56 w-full" aria-label={t.analytics.loading} />
        ) : query.error ? (
          <Alert variant="destructive">
            <AlertDescription className="flex items-center justify-between gap-3">
              {errorMessage(query.error)}
              <Button variant="outline" size="sm" onClick={() => void query.refetch()}>{t.analytics.retry}</Button>
            </AlertDescription>
          </Alert>
        ) : empty || data === undefined ? (
          <EmptyState
            title={text.empty}
            description={text.hint}
            action={action ? <Button asChild variant="outline" size="sm"><Link href={action.href}>{action.label}</Link></Button> : undefined}
          />
        ) : (
          <>
            {children(data)}
            {withTable ? (
              <details className="mt-3 text-sm" data-testid={`numbers-${chart}`}>
                <summary className="cursor-pointer text-muted-foreground">{t.analytics.asTable}</summary>
                <NumbersTable chart={chart} data={data} />
              </details>
            ) : null}
          </>
        )}
      </CardContent>
    </Card>
  );
}
