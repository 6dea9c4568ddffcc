"use client";
import { useState } from "react";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { cn } from "@vendaflow/ui/cn";
import { textLink } from "@vendaflow/ui/text-link";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@vendaflow/ui/table";
import type { AnalyticsFilter } from "@vendaflow/validators/analytics";
import { dashboardFilterFrom, withDashboardFilter } from "@/lib/analytics/filter-params";
import { funnelDealsHref } from "@/lib/analytics/funnel-deals-href";
import { funnelTotals } from "@/lib/analytics/funnel-totals";
import type { Preset } from "@/lib/analytics/range";
import { sourceLabel } from "@/lib/analytics/source-label";
import { analytics as analyticsText } from "@/lib/i18n/pt-br/analytics";
import { brl } from "@/lib/money";
import { useTRPC } from "@/lib/trpc/client";
import { showInAddress } from "@/lib/url-params";
import { ChartCard } from "./chart-card";
import { DashboardFilters } from "./filters";
import { usePresetRollover } from "./use-preset-rollover";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { analytics: analyticsText };

// Recharts is loaded on demand, after the page's first paint: the route's first load stays small.
const loading = () => <Skeleton className="h-56 w-full" />;
const BotFunnelChart = dynamic(() => import("./charts").then((m) => m.BotFunnelChart), { ssr: false, loading });
const SalesFunnelChart = dynamic(() => import("./charts").then((m) => m.SalesFunnelChart), { ssr: false, loading });
const MonthlyRatesChart = dynamic(() => import("./charts").then((m) => m.MonthlyRatesChart), { ssr: false, loading });
const CategoryChart = dynamic(() => import("./charts").then((m) => m.CategoryChart), { ssr: false, loading });
const VolumeByHourChart = dynamic(() => import("./charts").then((m) => m.VolumeByHourChart), { ssr: false, loading });

const c = t.analytics.charts;
const count = new Intl.NumberFormat("pt-BR");
const duration = (seconds: number | null) => {
  if (seconds === null) return c.agents.none;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toLocaleString("pt-BR", { maximumFractionDigits: 1 })} h`;
};
const percent = (rate: number | null) => (rate === null ? c.agents.none : `${Math.round(rate * 100)}%`);

/**
 * The tenant's cockpit. Admins and viewers see every chart with the inbox and team filters; an
 * agent sees their own performance only (the server enforces the same: analytics router). The
 * filter lives in the address too, so Back, a reload or a shared link shows the same figures.
 */
export function DashboardView({ wholeTenant, canSetUp, params }: { wholeTenant: boolean; canSetUp: boolean; params: Record<string, string | string[] | undefined> }) {
  const trpc = useTRPC();
  // The empty states' "Criar fluxo", "Importar leads"… lead to admin pages: a viewer would land on a 404.
  const setUp = (action: { href: string; label: string }) => (canSetUp ? action : undefined);
  // The address's filter (lib/analytics/filter-params.ts), else the last 30 days.
  const [initial] = useState(() => dashboardFilterFrom(params, new Date()));
  const [preset, setPreset] = useState<Preset | "custom">(initial.preset);
  const [filter, setFilter] = useState<AnalyticsFilter>(() => ({ from: initial.from, to: initial.to, inboxId: initial.inboxId, teamId: initial.teamId }));
  usePresetRollover(preset, setFilter);
  const opts = { enabled: wholeTenant };
  const bot = useQuery({ ...trpc.analytics.botFunnel.queryOptions(filter), ...opts });
  const sales = useQuery({ ...trpc.analytics.salesFunnel.queryOptions(filter), ...opts });
  const rates = useQuery({ ...trpc.analytics.monthlyRates.queryOptions(filter), ...opts });
  const sources = useQuery({ ...trpc.analytics.sources.queryOptions(filter), ...opts });
  const channels = useQuery({ ...trpc.analytics.channels.queryOptions(filter), ...opts });
  const volume = useQuery({ ...trpc.analytics.volumeByHour.queryOptions(filter), ...opts });
  const agents = useQuery(trpc.analytics.agents.queryOptions(filter));
  const range = { from: filter.from, to: filter.to };

  const agentCard = (
    <ChartCard chart="agents" query={agents} range={range} isEmpty={(d) => d.length === 0} action={setUp({ href: "/users", label: c.agents.action })} texts={wholeTenant ? undefined : c.ownAgents} className="lg:col-span-2" withTable={false}>
      {(rows) => (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{c.agents.agent}</TableHead>
              <TableHead className="text-right">{c.agents.conversations}</TableHead>
              <TableHead className="text-right">{c.agents.firstResponse}</TableHead>
              <TableHead className="text-right">{c.agents.resolution}</TableHead>
              <TableHead className="text-right">{c.agents.sla}</TableHead>
              <TableHead className="text-right">{c.agents.dealsWon}</TableHead>
              <TableHead className="text-right">{c.agents.revenue}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((r) => (
              <TableRow key={r.userId} data-testid="agent-row">
                <TableCell className="font-medium">{r.name}</TableCell>
                <TableCell className="text-right">{count.format(r.conversations)}</TableCell>
                <TableCell className="text-right">{duration(r.firstResponseSeconds)}</TableCell>
                <TableCell className="text-right">{duration(r.resolutionSeconds)}</TableCell>
                <TableCell className="text-right">{percent(r.slaHitRate)}</TableCell>
                <TableCell className="text-right">{count.format(r.dealsWon)}</TableCell>
                <TableCell className="text-right">{brl(r.revenueCents)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </ChartCard>
  );

  return (
    <div className="space-y-6">
      {!wholeTenant ? <p className="text-sm text-muted-foreground">{t.analytics.ownDescription}</p> : null}
      <DashboardFilters
        value={filter}
        preset={preset}
        showScope={wholeTenant}
        onChange={(v, p) => {
          setFilter(v);
          setPreset(p);
          showInAddress(withDashboardFilter(new URL(window.location.href), { preset: p, from: v.from, to: v.to, inboxId: v.inboxId ?? null, teamId: v.teamId ?? null }));
        }}
      />
      {wholeTenant ? (
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
          <ChartCard chart="botFunnel" query={bot} range={range} isEmpty={(d) => d.started === 0} action={setUp({ href: "/flows", label: c.botFunnel.action })}>
            {(d) => (
              <div className="space-y-4">
                <BotFunnelChart data={d} />
                {d.steps.some((s) => s.dropOff > 0) ? (
                  <div>
                    <p className="mb-1 text-sm font-medium">{c.botFunnel.dropOffTitle}</p>
                    <ul className="grid grid-cols-1 gap-1 text-sm" data-testid="drop-off">
                      {d.steps.map((s) => (
                        <li key={s.stepId} className="flex justify-between gap-3">
                          <span className="truncate">{s.label}</span>
                          <span className="shrink-0 whitespace-nowrap tabular-nums text-muted-foreground">{count.format(s.dropOff)} / {count.format(s.reached)}</span>
                        </li>
                      ))}
                    </ul>
                  </div>
                ) : null}
              </div>
            )}
          </ChartCard>
          {/* "Ver negócios" lists the deals the funnel counts (same pipeline and period); narrowed to an inbox or team it has no such list, and the empty state's falls back to the board. */}
          <ChartCard chart="salesFunnel" query={sales} range={range} isEmpty={(d) => d.stages.every((s) => s.deals === 0)} action={{ href: funnelDealsHref(filter, sales.data?.pipelineId) ?? "/deals", label: c.salesFunnel.action }}>
            {(d) => {
              const dealsHref = funnelDealsHref(filter, d.pipelineId);
              return (
                <div className="space-y-3">
                  <SalesFunnelChart data={d} />
                  <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-muted-foreground" data-testid="funnel-totals">
                    {funnelTotals(d.stages).map((x) => (
                      <li key={x.kind}>
                        {c.salesFunnel.totals[x.kind]}: {c.salesFunnel.dealCount(x.deals)} · {brl(x.valueCents)}
                      </li>
                    ))}
                  </ul>
                  {dealsHref ? <Link href={dealsHref} className={cn(textLink, "block w-fit text-sm")} data-testid="funnel-deals">{c.salesFunnel.action}</Link> : null}
                </div>
              );
            }}
          </ChartCard>
          <ChartCard chart="monthlyRates" query={rates} range={range} isEmpty={(d) => d.every((m) => m.started === 0 && m.won + m.lost === 0)}>
            {(d) => <MonthlyRatesChart data={d} />}
          </ChartCard>
          <ChartCard chart="volumeByHour" query={volume} range={range} isEmpty={(d) => d.every((h) => h.inbound + h.outbound === 0)}>
            {(d) => <VolumeByHourChart data={d} />}
          </ChartCard>
          <ChartCard chart="sources" query={sources} range={range} isEmpty={(d) => d.length === 0} action={setUp({ href: "/lead-import", label: c.sources.action })}>
            {(d) => <CategoryChart label={c.sources.leads} rows={d.map((s) => ({ name: sourceLabel(s), value: s.leads }))} />}
          </ChartCard>
          <ChartCard chart="channels" query={channels} range={range} isEmpty={(d) => d.length === 0} action={setUp({ href: "/inboxes", label: c.channels.action })}>
            {(d) => <CategoryChart label={c.channels.conversations} rows={d.map((s) => ({ name: c.channels.labels[s.channel] ?? s.channel, value: s.conversations }))} />}
          </ChartCard>
          {agentCard}
        </div>
      ) : (
        agentCard
      )}
    </div>
  );
}
