import type { RouterOutputs } from "@vendaflow/api/root";
import { csvLine, neutralise, type Cell } from "@vendaflow/core/csv";
import type { AnalyticsChart } from "@vendaflow/validators/analytics";
import { brMonth } from "@/lib/dates";
import { analytics as analyticsText } from "@/lib/i18n/pt-br/analytics";
import { sourceLabel } from "./source-label";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { analytics: analyticsText };

/**
 * Each chart's data as the CSV file its "Baixar CSV" button saves: pt-BR headers, `;` between
 * cells and a decimal comma (what Excel set to Portuguese (Brazil) opens as columns), a UTF-8 BOM
 * (so Excel reads the accents), money in reais, rates in percent, times in minutes. Built in the
 * browser from the data the chart already shows: the file always matches the screen.
 */
export type ChartData = {
  botFunnel: RouterOutputs["analytics"]["botFunnel"];
  salesFunnel: RouterOutputs["analytics"]["salesFunnel"];
  monthlyRates: RouterOutputs["analytics"]["monthlyRates"];
  sources: RouterOutputs["analytics"]["sources"];
  channels: RouterOutputs["analytics"]["channels"];
  agents: RouterOutputs["analytics"]["agents"];
  volumeByHour: RouterOutputs["analytics"]["volumeByHour"];
};

const c = t.analytics.charts;
const reais = (cents: number) => cents / 100;
const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);
const minutes = (seconds: number | null) => (seconds === null ? null : Math.round(seconds / 6) / 10);

const rowsOf: { [K in AnalyticsChart]: (d: ChartData[K]) => Cell[][] } = {
  botFunnel: (d) => [
    [c.botFunnel.started, d.started, null, null],
    ...d.steps.map((s) => [s.label, s.reached, s.answered, s.dropOff]),
    [c.botFunnel.qualified, d.qualified, null, null],
    [c.botFunnel.booked, d.booked, null, null],
    [c.botFunnel.handedOff, d.handedOff, null, null],
  ],
  salesFunnel: (d) => d.stages.map((s) => [s.name, t.analytics.stageKinds[s.kind] ?? s.kind, s.deals, reais(s.valueCents)]),
  monthlyRates: (d) => d.map((m) => [brMonth(m.month), m.started, m.qualified, percent(m.qualificationRate), m.won, m.lost, percent(m.closeRate), reais(m.wonValueCents)]),
  sources: (d) => d.map((s) => [sourceLabel(s), s.leads, s.campaign?.id ?? null]),
  channels: (d) => d.map((s) => [c.channels.labels[s.channel] ?? s.channel, s.conversations]),
  agents: (d) => d.map((a) => [a.name, a.conversations, minutes(a.firstResponseSeconds), minutes(a.resolutionSeconds), a.slaHit, a.slaMissed, percent(a.slaHitRate), a.dealsWon, reais(a.revenueCents)]),
  volumeByHour: (d) => d.map((h) => [`${String(h.hour).padStart(2, "0")}h`, h.inbound, h.outbound]),
};

/** A chart's data as a table (headers with their units, raw cells): the CSV's and the screen's table. */
export function chartTable<K extends AnalyticsChart>(chart: K, data: ChartData[K]): { headers: string[]; rows: Cell[][] } {
  const headers: Record<AnalyticsChart, string[]> = t.analytics.csvHeaders;
  return { headers: headers[chart], rows: rowsOf[chart](data) };
}

export function chartCsv<K extends AnalyticsChart>(chart: K, data: ChartData[K]): string {
  const { headers, rows } = chartTable(chart, data);
  return "\ufeff" + csvLine(headers) + rows.map((r) => csvLine(r.map(neutralise))).join("");
}

/** Saves the CSV through a temporary link (no server round trip). */
export function downloadCsv(fileName: string, content: string) {
  const url = URL.createObjectURL(new Blob([content], { type: "text/csv;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.click();
  // Revoked on the next task: revoking right after click() can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
