import { conversations as conversationsText } from "@/lib/i18n/pt-br/conversations";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { conversations: conversationsText };

export type ConversationStatus = "bot" | "pending" | "open" | "resolved";
export type BadgeVariant = "default" | "secondary" | "outline" | "destructive" | "success" | "warning";

export const statusLabel = (s: string) => t.conversations.status[s as ConversationStatus] ?? s;

const statusVariants: Record<ConversationStatus, BadgeVariant> = { bot: "secondary", pending: "warning", open: "default", resolved: "success" };
export const statusVariant = (s: string): BadgeVariant => statusVariants[s as ConversationStatus] ?? "outline";

export const stageLabel = (s: string) => t.conversations.stage[s as keyof typeof t.conversations.stage] ?? s;

export const stageVariant = (s: string): BadgeVariant => (s === "qualified" ? "success" : s === "nurture" ? "warning" : "secondary");

/** Who the lead is, in the order a person recognises them. */
export const leadLabel = (l: { lead_name?: string | null; name?: string | null; phone: string | null; email?: string | null; wa_username?: string | null }) =>
  l.lead_name || l.name || (l.wa_username ? `@${l.wa_username}` : null) || (l.phone ? formatPhone(l.phone) : null) || l.email || t.conversations.visitor;

/** 5511988887777 → +55 11 98888-7777 (Brazilian numbers); anything else is shown as stored. */
export function formatPhone(phone: string) {
  const d = phone.replace(/\D/g, "");
  const m = /^55(\d{2})(\d{4,5})(\d{4})$/.exec(d);
  return m ? `+55 ${m[1]} ${m[2]}-${m[3]}` : phone;
}

const rtf = new Intl.RelativeTimeFormat("pt-BR", { numeric: "auto" });
const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [["second", 60], ["minute", 60], ["hour", 24], ["day", 7], ["week", 4.35], ["month", 12], ["year", Infinity]];

/** "há 5 minutos", "ontem"… */
export function relativeTime(date: Date, now = Date.now()) {
  let v = (date.getTime() - now) / 1000;
  if (Math.abs(v) < 45) return "agora";
  for (const [unit, size] of STEPS) {
    if (Math.abs(v) < size) return rtf.format(Math.round(v), unit);
    v /= size;
  }
  return rtf.format(Math.round(v), "year");
}

export const fullDateTime = (d: Date) => d.toLocaleString("pt-BR", { dateStyle: "short", timeStyle: "short" });
export const timeOnly = (d: Date) => d.toLocaleTimeString("pt-BR", { hour: "2-digit", minute: "2-digit" });
