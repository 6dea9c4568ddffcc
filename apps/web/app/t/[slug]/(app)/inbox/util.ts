import type { RouterOutputs } from "@vendaflow/api/root";
import type { Role } from "@vendaflow/validators/users";
import { SLA_SOON_MINUTES } from "@vendaflow/validators/plain/routing";

export type { Role };
export type { TemplateKey } from "@vendaflow/validators/inbox";
export interface Me {
  userId: string;
  role: Role;
  name: string;
}

export type ListItem = RouterOutputs["conversations"]["list"]["items"][number];
export type InboxDetail = RouterOutputs["conversations"]["get"];
export type Agent = RouterOutputs["routing"]["agents"][number];
export type Team = RouterOutputs["routing"]["teams"][number];

/**
 * Mirrors core's assertCanHandle: viewers never; admins always; agents on conversations assigned to
 * them, or unassigned ones of their teams (or of no team). The server checks again.
 */
export function canHandle(me: Me, conv: { assigned_to: string | null; team_id: string | null }, myTeamIds: ReadonlySet<string>): boolean {
  if (me.role === "admin") return true;
  if (me.role !== "agent") return false;
  if (conv.assigned_to === me.userId) return true;
  if (conv.assigned_to) return false;
  return !conv.team_id || myTeamIds.has(conv.team_id);
}

export const SLA_SOON_MS = SLA_SOON_MINUTES * 60_000;

/** SLA state of a conversation still waiting for its first human reply. */
export function slaState(c: { sla_due_at: Date | null; sla_breached_at: Date | null; first_response_at: Date | null; status: string }, now: number): "breached" | "soon" | "running" | null {
  if (c.first_response_at || c.status === "resolved" || c.status === "bot") return null;
  if (c.sla_breached_at) return "breached";
  if (!c.sla_due_at) return null;
  const left = c.sla_due_at.getTime() - now;
  if (left <= 0) return "breached";
  return left <= SLA_SOON_MS ? "soon" : "running";
}

const DAY_MS = 24 * 60 * 60_000;

/** WhatsApp only allows free text within 24 hours of the lead's last message. */
export const whatsappWindowClosed = (channel: string, lastInboundAt: Date | null, now: number) =>
  channel === "whatsapp" && (!lastInboundAt || now - lastInboundAt.getTime() > DAY_MS);

/** The "/shortcut" being typed right before the caret, if any. */
export function slashQuery(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const match = /(^|\s)\/([\p{L}\p{N}_-]*)$/u.exec(before);
  if (!match) return null;
  return { start: before.length - match[2]!.length - 1, query: match[2]!.toLowerCase() };
}

/** Whether the keyboard focus went nowhere: to the page's body, or left on an element that hid (the list or the conversation on a phone). */
export function focusLost(): boolean {
  const el = document.activeElement;
  return !el || el === document.body || el.getClientRects().length === 0;
}
