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
import { chartCsv, downloadCsv, type ChartData } from "@/lib/analytics/csv";
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

/**
 * One chart of the dashboard: title, the CSV download of exactly the data shown, and the states
 * (loading, error with retry, empty with what a new tenant should do first).
 */
export function ChartCard<K extends AnalyticsChart>({
  chart,
  query,
  isEmpty,
  range,
  action,
  texts: own,
  className,
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
          children(data)
        )}
      </CardContent>
    </Card>
  );
}
