"use client";
import { Bar, BarChart, CartesianGrid, Line, LineChart, XAxis, YAxis } from "recharts";
import { ChartContainer, ChartLegend, ChartLegendContent, ChartTooltip, ChartTooltipContent, type ChartConfig } from "@vendaflow/ui/chart";
import { analytics as analyticsText } from "@/lib/i18n/pt-br/analytics";
import type { ChartData } from "@/lib/analytics/csv";
import { brMonth } from "@/lib/dates";
import { brl } from "@/lib/money";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { analytics: analyticsText };

// The dashboard's Recharts charts. Loaded only through next/dynamic (dashboard-view.tsx), so
// Recharts stays out of the route's first load.

const c = t.analytics.charts;
const count = new Intl.NumberFormat("pt-BR");
const pct = (v: number) => `${Math.round(v * 10) / 10}%`;

// A step's label is the bot's whole question; on the axis it gets one line (the tooltip and the
// "Onde os leads param" list below the chart show it in full).
const axisLabel = (v: unknown) => {
  const s = String(v);
  return s.length > 24 ? `${s.slice(0, 23).trimEnd()}…` : s;
};

const funnelConfig = { value: { label: c.botFunnel.reached, color: "var(--chart-1)" } } satisfies ChartConfig;

/** Started → each step answered → qualified → booked → handed off, one horizontal bar each. */
export function BotFunnelChart({ data }: { data: ChartData["botFunnel"] }) {
  const rows = [
    { name: c.botFunnel.started, value: data.started },
    ...data.steps.map((s) => ({ name: s.label, value: s.answered })),
    { name: c.botFunnel.qualified, value: data.qualified },
    { name: c.botFunnel.booked, value: data.booked },
    { name: c.botFunnel.handedOff, value: data.handedOff },
  ];
  return (
    <ChartContainer config={funnelConfig} className="aspect-auto" style={{ height: Math.max(200, rows.length * 36) }}>
      <BarChart data={rows} layout="vertical" margin={{ left: 8, right: 24 }}>
        <CartesianGrid horizontal={false} />
        <XAxis type="number" allowDecimals={false} tickFormatter={(v: number) => count.format(v)} />
        <YAxis type="category" dataKey="name" width={160} tickLine={false} axisLine={false} tickFormatter={axisLabel} />
        <ChartTooltip content={<ChartTooltipContent valueFormatter={(v) => count.format(v)} />} />
        <Bar dataKey="value" fill="var(--color-value)" radius={4} />
      </BarChart>
    </ChartContainer>
  );
}

// Axis ticks in compact reais ("R$ 120 mil"): the full "R$ 120.000,00" took the room the stage names needed.
const brlCompact = new Intl.NumberFormat("pt-BR", { style: "currency", currency: "BRL", notation: "compact", minimumFractionDigits: 0, maximumFractionDigits: 1 });

const salesConfig = { valueCents: { label: c.salesFunnel.value, color: "var(--chart-2)" } } satisfies ChartConfig;

/** Value per stage (BRL). */
export function SalesFunnelChart({ data }: { data: ChartData["salesFunnel"] }) {
  return (
    <ChartContainer config={salesConfig} className="max-h-72">
      <BarChart data={data.stages} margin={{ left: 16 }}>
        <CartesianGrid vertical={false} />
        <XAxis dataKey="name" tickLine={false} axisLine={false} />
        <YAxis tickFormatter={(v: number) => brlCompact.format(v / 100)} width={72} />
        <ChartTooltip content={<ChartTooltipContent valueFormatter={(v) => brl(v)} />} />
        <Bar dataKey="valueCents" fill="var(--color-valueCents)" radius={4} />
      </BarChart>
    </ChartContainer>
  );
}

const ratesConfig = {
  qualification: { label: c.monthlyRates.qualificationRate, color: "var(--chart-1)" },
  close: { label: c.monthlyRates.closeRate, color: "var(--chart-3)" },
} satisfies ChartConfig;

const monthLabel = (month: unknown) => brMonth(String(month));

/** Qualification and close rates (percent) by month. */
export function MonthlyRatesChart({ data }: { data: ChartData["monthlyRates"] }) {
  const rows = data.map((m) => ({ month: m.month, qualification: m.qualificationRate === null ? null : m.qualificationRate * 100, close: m.closeRate === null ? null : m.closeRate * 100 }));
  return (
    <ChartContainer config={ratesConfig} className="max-h-72">
      <LineChart data={rows} margin={{ left: 8, right: 16 }}>
        <CartesianGrid vertical={false} />
        <XAxis dataKey="month" tickFormatter={monthLabel} tickLine={false} axisLine={false} />
        <YAxis domain={[0, 100]} tickFormatter={(v: number) => `${v}%`} width={48} />
        <ChartTooltip content={<ChartTooltipContent labelFormatter={monthLabel} valueFormatter={pct} />} />
        <ChartLegend content={<ChartLegendContent />} />
        <Line dataKey="qualification" stroke="var(--color-qualification)" strokeWidth={2} connectNulls dot />
        <Line dataKey="close" stroke="var(--color-close)" strokeWidth={2} connectNulls dot />
      </LineChart>
    </ChartContainer>
  );
}

/** One bar per category (lead sources, channels). */
export function CategoryChart({ rows, label }: { rows: { name: string; value: number }[]; label: string }) {
  return (
    <ChartContainer config={{ value: { label, color: "var(--chart-4)" } }} className="aspect-auto" style={{ height: Math.max(160, rows.length * 40) }}>
      <BarChart data={rows} layout="vertical" margin={{ left: 8, right: 24 }}>
        <CartesianGrid horizontal={false} />
        <XAxis type="number" allowDecimals={false} tickFormatter={(v: number) => count.format(v)} />
        <YAxis type="category" dataKey="name" width={96} tickLine={false} axisLine={false} />
        <ChartTooltip content={<ChartTooltipContent valueFormatter={(v) => count.format(v)} />} />
        <Bar dataKey="value" fill="var(--color-value)" radius={4} />
      </BarChart>
    </ChartContainer>
  );
}

const volumeConfig = {
  inbound: { label: c.volumeByHour.inbound, color: "var(--chart-1)" },
  outbound: { label: c.volumeByHour.outbound, color: "var(--chart-2)" },
} satisfies ChartConfig;

const hourLabel = (h: unknown) => `${String(h).padStart(2, "0")}h`;

/** Messages in and out per hour of day, stacked. */
export function VolumeByHourChart({ data }: { data: ChartData["volumeByHour"] }) {
  return (
    <ChartContainer config={volumeConfig} className="max-h-72">
      <BarChart data={data}>
        <CartesianGrid vertical={false} />
        <XAxis dataKey="hour" tickFormatter={hourLabel} tickLine={false} axisLine={false} interval={2} />
        <YAxis allowDecimals={false} tickFormatter={(v: number) => count.format(v)} width={48} />
        <ChartTooltip content={<ChartTooltipContent labelFormatter={hourLabel} valueFormatter={(v) => count.format(v)} />} />
        <ChartLegend content={<ChartLegendContent />} />
        <Bar dataKey="inbound" stackId="v" fill="var(--color-inbound)" />
        <Bar dataKey="outbound" stackId="v" fill="var(--color-outbound)" radius={[4, 4, 0, 0]} />
      </BarChart>
    </ChartContainer>
  );
}
