import { conversations as conversationsText } from "@/lib/i18n/pt-br/conversations";
import { formatPhone } from "@vendaflow/validators/phone-display";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { conversations: conversationsText };

export type ConversationStatus = "bot" | "pending" | "open" | "resolved";
/** What a list filters by: one status, or "active" (pending + open together). */
export type ConversationStatusFilter = ConversationStatus | "active";
export type BadgeVariant = "default" | "secondary" | "outline" | "destructive" | "success" | "warning";

export const statusLabel = (s: string) => t.conversations.status[s as ConversationStatus] ?? s;

const statusVariants: Record<ConversationStatus, BadgeVariant> = { bot: "secondary", pending: "warning", open: "default", resolved: "success" };
export const statusVariant = (s: string): BadgeVariant => statusVariants[s as ConversationStatus] ?? "outline";

/** The status filter's tabs ("Todas" first), in `order`, their test ids `${testIdPrefix}-<status or "all">`. */
export const statusTabs = <V extends ConversationStatusFilter | "">(order: readonly V[], testIdPrefix: string) =>
  order.map((value) => {
    const key: ConversationStatusFilter | "all" = value || "all";
    return { value, label: t.conversations.tabs[key], title: key === "active" ? t.conversations.tabHints.active : undefined, testId: `${testIdPrefix}-${key}` };
  });

export const stageVariant = (s: string): BadgeVariant => (s === "qualified" ? "success" : s === "nurture" ? "warning" : "secondary");

/** Who the lead is, in the order a person recognises them. */
export const leadLabel = (l: { lead_name?: string | null; name?: string | null; phone: string | null; email?: string | null; wa_username?: string | null }) =>
  l.lead_name || l.name || (l.wa_username ? `@${l.wa_username}` : null) || (l.phone ? formatPhone(l.phone) : null) || l.email || t.conversations.visitor;

// Times without the catalog (the dashboard header shows relative times on every page).
export { fullDateTime, relativeTime, timeOnly } from "./dates";
