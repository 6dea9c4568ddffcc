import type { SlackNotifyEvent } from "@vendaflow/validators/slack";
import type { ChatMessage } from "../ports/chat";

// Block Kit messages (https://api.slack.com/reference/block-kit/blocks), pure: no database, no
// clock. Text in mrkdwn has &, < and > escaped (Slack's rule), and every field is cut to the
// limits Block Kit enforces (a header's plain_text 150, a section field 2000, a button's text 75).

/** Slack's control characters in mrkdwn text (https://api.slack.com/reference/surfaces/formatting#escaping). */
export const escapeMrkdwn = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

const cut = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
const brl = new Intl.NumberFormat("pt-BR", { style: "currency", currency: "BRL" });
const str = (v: unknown) => (v === null || v === undefined || v === "" ? null : String(v));

const header = (text: string) => ({ type: "header", text: { type: "plain_text", text: cut(text, 150), emoji: true } });
const section = (text: string) => ({ type: "section", text: { type: "mrkdwn", text: cut(text, 3000) } });
const fields = (pairs: [string, string | null][]) => ({
  type: "section",
  fields: pairs
    .filter((p): p is [string, string] => p[1] !== null)
    .slice(0, 10)
    .map(([label, value]) => ({ type: "mrkdwn", text: cut(`*${label}*\n${escapeMrkdwn(value)}`, 2000) })),
});
/** The "Ver no CRM" button: a link to the record on the tenant's subdomain. */
const openButton = (url: string) => ({
  type: "actions",
  elements: [{ type: "button", text: { type: "plain_text", text: "Ver no CRM", emoji: false }, url: cut(url, 3000), action_id: "open_in_crm", style: "primary" }],
});

export interface NotificationInput {
  event: SlackNotifyEvent;
  /** The record as it is now (automations/entity.ts facts): lead or deal fields. */
  facts: Record<string, unknown>;
  /** What happened (a BANT score, a handoff reason…). */
  data: Record<string, unknown>;
  /** The record's page on the tenant's subdomain. */
  url: string;
}

/** A CRM event as a Slack message with a "Ver no CRM" button. */
export function notificationMessage(n: NotificationInput): ChatMessage {
  const f = n.facts;
  const leadFields = (): [string, string | null][] => [
    ["Nome", str(f.name) ?? "Sem nome"],
    ["E-mail", str(f.email)],
    ["Telefone", str(f.phone)],
    ["Empresa", str(f.company)],
  ];
  if (n.event === "deal.won") {
    const title = str(f.title) ?? "Negócio";
    const value = typeof f.value_cents === "number" ? brl.format(f.value_cents / 100) : null;
    return {
      text: escapeMrkdwn(`Negócio ganho: ${title}${value ? ` (${value})` : ""}`),
      blocks: [header("🏆 Negócio ganho"), section(`*${escapeMrkdwn(title)}*`), fields([["Valor", value], ["Etapa", str(f.stage)]]), openButton(n.url)],
    };
  }
  if (n.event === "lead.qualified") {
    const score = str(n.data.bant_score ?? f.bant_score);
    const name = str(f.name) ?? "Sem nome";
    return {
      text: escapeMrkdwn(`Lead qualificado: ${name}${score ? ` (BANT ${score})` : ""}`),
      blocks: [header("🔥 Lead qualificado"), fields([...leadFields(), ["Pontuação BANT", score], ["Origem", str(f.source)]]), openButton(n.url)],
    };
  }
  const name = str(f.name) ?? "Sem nome";
  const reason = str(n.data.reason);
  return {
    text: escapeMrkdwn(`Conversa transferida para a equipe: ${name}`),
    blocks: [header("🙋 Conversa aguardando atendimento"), section(`O bot transferiu a conversa com *${escapeMrkdwn(name)}* para a equipe.${reason ? `\n>${escapeMrkdwn(reason)}` : ""}`), fields(leadFields()), openButton(n.url)],
  };
}

export interface LeadStatus {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  stage: string;
  score: number;
  bant_score: number | null;
  conversation: string | null;
  openDeals: number;
  url: string;
}

/** `/lead-status <e-mail|telefone>`: the lead's stage, scores and open deals, only for the caller. */
export function leadStatusMessage(query: string, lead: LeadStatus | null): ChatMessage {
  if (!lead) return { responseType: "ephemeral", text: escapeMrkdwn(`Nenhum lead encontrado para ${query}.`), blocks: [section(`Nenhum lead encontrado para *${escapeMrkdwn(query)}*.`)] };
  const name = lead.name ?? "Sem nome";
  return {
    responseType: "ephemeral",
    text: escapeMrkdwn(`${name}: etapa ${lead.stage}, pontuação ${lead.score}`),
    blocks: [
      header(`Lead: ${name}`),
      fields([
        ["E-mail", lead.email],
        ["Telefone", lead.phone],
        ["Etapa", lead.stage],
        ["Pontuação", String(lead.score)],
        ["BANT", lead.bant_score === null ? null : String(lead.bant_score)],
        ["Conversa", lead.conversation],
        ["Negócios abertos", String(lead.openDeals)],
      ]),
      openButton(lead.url),
    ],
  };
}

export interface PipelineStageSummary {
  pipeline: string;
  stage: string;
  count: number;
  valueCents: number;
}

/** `/pipeline`: open deals per stage with their value, for the caller. */
export function pipelineMessage(stages: PipelineStageSummary[], url: string): ChatMessage {
  const total = stages.reduce((s, x) => s + x.valueCents, 0);
  const count = stages.reduce((s, x) => s + x.count, 0);
  const byPipeline = new Map<string, PipelineStageSummary[]>();
  for (const s of stages) byPipeline.set(s.pipeline, [...(byPipeline.get(s.pipeline) ?? []), s]);
  const blocks: Record<string, unknown>[] = [header("Funil de vendas"), section(`*${count}* ${count === 1 ? "negócio aberto" : "negócios abertos"}, *${brl.format(total / 100)}* no total.`)];
  // At most 50 blocks in a message: a few pipelines with their stages fit with room to spare.
  for (const [pipeline, list] of [...byPipeline].slice(0, 20)) {
    blocks.push(section(`*${escapeMrkdwn(pipeline)}*\n${list.map((s) => `• ${escapeMrkdwn(s.stage)}: ${s.count} (${brl.format(s.valueCents / 100)})`).join("\n")}`));
  }
  blocks.push(openButton(url));
  return { responseType: "ephemeral", text: `Funil: ${count} negócios abertos, ${brl.format(total / 100)}`, blocks };
}

/** Automations' "send a Slack message": the admin's text, which automation sent it, and the record's button. */
export function automationSlackMessage(text: string, automation: string, record: string, url: string): ChatMessage {
  return {
    text: escapeMrkdwn(cut(text, 3000)),
    blocks: [section(escapeMrkdwn(text)), { type: "context", elements: [{ type: "mrkdwn", text: cut(`Automação *${escapeMrkdwn(automation)}* · ${escapeMrkdwn(record)}`, 3000) }] }, openButton(url)],
  };
}

/** Any other answer to the caller (help, errors). */
export const plainMessage = (text: string): ChatMessage => ({ responseType: "ephemeral", text: escapeMrkdwn(text), blocks: [section(escapeMrkdwn(text))] });
