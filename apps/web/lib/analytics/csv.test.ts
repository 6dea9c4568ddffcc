import { describe, expect, it } from "vitest";
import { leadSources } from "@vendaflow/validators/crm";
import { analytics } from "@/lib/i18n/pt-br/analytics";
import { chartCsv } from "./csv";

const lines = (csv: string) => csv.replace(/^\ufeff/, "").split("\r\n").slice(0, -1);

describe("dashboard CSV", () => {
  it("opens in Brazilian Excel: BOM, pt-BR headers, ; separated, decimal comma, reais and percent", () => {
    const csv = chartCsv("monthlyRates", [{ month: "2026-11", started: 4, qualified: 1, qualificationRate: 0.25, won: 2, lost: 1, closeRate: 2 / 3, wonValueCents: 800_050 }]);
    expect(csv.startsWith("\ufeff")).toBe(true);
    expect(lines(csv)).toEqual(["Mês;Conversas iniciadas;Qualificadas;Taxa de qualificação (%);Ganhos;Perdidos;Taxa de fechamento (%);Valor ganho (R$)", "nov/2026;4;1;25;2;1;66,7;8000,5"]);
  });

  it("bot funnel: started, each step with reached / answered / dropped, then qualified, booked, handed off", () => {
    const csv = chartCsv("botFunnel", { started: 4, steps: [{ stepId: "budget", label: "Qual é o orçamento; aproximado?", reached: 3, answered: 2, dropOff: 1 }], qualified: 1, booked: 1, handedOff: 2 });
    expect(lines(csv)).toEqual(["Etapa;Conversas;Responderam;Pararam aqui", "Iniciadas;4;;", '"Qual é o orçamento; aproximado?";3;2;1', "Qualificadas;1;;", "Agendadas;1;;", "Transferidas;2;;"]);
  });

  it("agents: times in minutes, empty cells for no data; names that would run as formulas are neutralised", () => {
    const csv = chartCsv("agents", [
      { userId: "u1", name: "=HYPERLINK(\"x\")", conversations: 2, firstResponseSeconds: 90, resolutionSeconds: 2700, slaHit: 1, slaMissed: 0, slaHitRate: 1, dealsWon: 1, revenueCents: 500_000 },
      { userId: "u2", name: "Bruna", conversations: 0, firstResponseSeconds: null, resolutionSeconds: null, slaHit: 0, slaMissed: 0, slaHitRate: null, dealsWon: 0, revenueCents: 0 },
    ]);
    expect(lines(csv).slice(1)).toEqual([`"'=HYPERLINK(""x"")";2;1,5;45;1;0;100;1;5000`, "Bruna;0;;;0;0;;0;0"]);
  });

  it("labels sources, channels, stage kinds and hours in pt-BR", () => {
    expect(lines(chartCsv("sources", [{ source: "import", leads: 3 }]))[1]).toBe("Importação;3;");
    expect(lines(chartCsv("channels", [{ channel: "web", conversations: 2 }]))[1]).toBe("Site;2");
    expect(lines(chartCsv("salesFunnel", { pipelineId: null, pipelineName: "Vendas", stages: [{ stageId: "s", name: "Ganho", kind: "won", deals: 1, valueCents: 250_050 }] }))[1]).toBe("Ganho;Ganho;1;2500,5");
    expect(lines(chartCsv("volumeByHour", [{ hour: 9, inbound: 1, outbound: 2 }]))[1]).toBe("09h;1;2");
  });

  it("every lead source has a pt-BR name (calendar: leads from bookings of unknown invitees)", () => {
    expect(leadSources.filter((s) => !analytics.charts.sources.labels[s])).toEqual([]);
    expect(lines(chartCsv("sources", [{ source: "calendar", leads: 3 }]))).toEqual(["Origem;Leads;ID do anúncio", "Agenda;3;"]);
  });

  it("click-to-WhatsApp leads: one row per ad, named by its headline (else its id), with the ad id", () => {
    const csv = chartCsv("sources", [
      { source: "whatsapp_ad", campaign: { id: "120208", label: "Promoção de verão" }, leads: 2 },
      { source: "whatsapp_ad", campaign: { id: "120209", label: null }, leads: 1 },
      { source: "whatsapp_ad", leads: 1 },
    ]);
    expect(lines(csv).slice(1)).toEqual(["Anúncio: Promoção de verão;2;120208", "Anúncio: 120209;1;120209", "Anúncio no WhatsApp;1;"]);
  });
});
