import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { BantExplanation } from "@vendaflow/validators/bant-explanation";
import type { ScheduledJob } from "../ports/scheduler";
import { assignConversation, type AssignResult } from "./assign";
import { bantSoFar, type BantSoFar } from "./bant-so-far";
import { addBusinessMinutes, isWithinBusinessHours, nextBusinessOpening } from "./business-hours";
import { evaluateRules, parseStoredRule, type RoutingDecision } from "./evaluate-rules";
import { handoffNote } from "./handoff-note";
import { leadTier, tierSlaMinutes, type LeadTier } from "./lead-tier";
import { slaCheckJob } from "./sla";
import { recordEvent } from "../conversations/events";
import { lockConversation, type LockedConversation } from "../conversations/lock";
import { loadBusinessHours, lockTeam } from "./store";

export type HandoffOutcome =
  | { kind: "skipped"; reason: "not_found" | "not_handed_off" | "already_assigned" | "already_routed" }
  | {
      kind: "routed";
      teamId: string | null;
      tier: LeadTier;
      slaMinutes: number;
      slaDueAt: Date;
      decision: RoutingDecision;
      assignment: AssignResult;
      noteMessageId: string;
      /** Handed off outside the team's business hours: when they open next, in which zone (for the lead's notice). */
      closed: { opensAt: Date; timeZone: string } | null;
      /** For the caller to hand to the Scheduler port after commit: the SLA check. */
      jobs: ScheduledJob[];
    };

/**
 * Routes a handed-off conversation, once per handoff: the bot stops (status `pending`), the routing
 * rules pick team / preferred agent / tags / SLA, the first-response due time is set in business
 * minutes of the team's (or tenant's) hours, an internal note summarises the BANT answers so far,
 * and the conversation is assigned or queued. Without an assign_team rule the tenant's oldest
 * active team takes it. Returns the SLA check job for the caller to schedule after commit.
 */
export interface HandoffOptions {
  /** The AI layer's summary for the note (core/assist/summarize); null → the template summary. */
  summarize?: (explanation: BantExplanation, reason: string | null) => Promise<string | null>;
}

/** What the tenant's routing rules say about a conversation's lead now, and the team it goes to. */
export interface RoutingDecisionFor {
  lead: { name: string | null; email: string | null; phone: string | null; source: string; tags: string[] };
  bant: BantSoFar["bant"];
  score: number;
  explanation: BantSoFar["explanation"];
  decision: RoutingDecision;
  /** The decision's team when it is active, else the tenant's oldest active team; null when none is. */
  teamId: string | null;
}

/**
 * Evaluates the tenant's active routing rules (by priority) against the conversation's lead, channel,
 * inbox, tags and BANT answers so far. Reads only, locks nothing: handoff routing and the release of
 * a deactivated agent's conversations (release.ts) lock the team they pick afterwards.
 */
export async function decideRouting(tx: TenantTx, conv: Pick<LockedConversation, "lead_id" | "inbox_id" | "flow_id" | "bot_state">): Promise<RoutingDecisionFor> {
  const lead = await tx.selectFrom("leads").select(["name", "email", "phone", "source", "bant_score", "bant_data", "tags"]).where("id", "=", conv.lead_id).executeTakeFirstOrThrow();
  const inbox = await tx.selectFrom("inboxes").select(["channel"]).where("id", "=", conv.inbox_id).executeTakeFirstOrThrow();
  const { bant, score, explanation } = await bantSoFar(tx, { flowId: conv.flow_id, botState: conv.bot_state, leadBant: lead.bant_data, leadScore: lead.bant_score });

  const ruleRows = await tx.selectFrom("routing_rules").select(["id", "name", "priority", "is_active", "conditions", "actions"]).where("is_active", "=", true).orderBy("priority").orderBy("created_at").orderBy("id").execute();
  const decision = evaluateRules(ruleRows.map(parseStoredRule), { score, source: lead.source, channel: inbox.channel, inboxId: conv.inbox_id, tags: lead.tags, bant });

  let teamId: string | null = null;
  if (decision.teamId) {
    const t = await tx.selectFrom("teams").select("id").where("id", "=", decision.teamId).where("is_active", "=", true).executeTakeFirst();
    teamId = t?.id ?? null;
  }
  if (!teamId) {
    const t = await tx.selectFrom("teams").select("id").where("is_active", "=", true).orderBy("created_at").orderBy("id").limit(1).executeTakeFirst();
    teamId = t?.id ?? null;
  }
  return { lead, bant, score, explanation, decision, teamId };
}

export async function routeHandoff(tx: TenantTx, tenantId: string, conversationId: string, reason: string | null, now: Date, opts: HandoffOptions = {}): Promise<HandoffOutcome> {
  const conv = await lockConversation(tx, conversationId);
  if (!conv) return { kind: "skipped", reason: "not_found" };
  if (conv.status !== "bot" && conv.status !== "pending") return { kind: "skipped", reason: "not_handed_off" };
  if (conv.assigned_to) return { kind: "skipped", reason: "already_assigned" };
  if (conv.status === "pending" && conv.routed_at) {
    const last = await tx
      .selectFrom("conversation_events")
      .select((eb) => eb.fn.max("created_at").as("at"))
      .where("conversation_id", "=", conversationId)
      .where("kind", "=", "handoff")
      .executeTakeFirst();
    const lastHandoff = last?.at ? new Date(last.at) : null;
    if (!lastHandoff || conv.routed_at >= lastHandoff) return { kind: "skipped", reason: "already_routed" };
  }
  const handoffReason = reason ?? conv.handoff_reason;
  if (conv.status === "bot") {
    // The bot stops here: it only runs on status `bot`, and pending timeouts become stale.
    await tx.updateTable("conversations").set({ status: "pending", handoff_reason: handoffReason, updated_at: now }).where("id", "=", conversationId).execute();
    await recordEvent(tx, tenantId, { conversationId, kind: "handoff", data: { reason: handoffReason }, at: now });
    conv.status = "pending";
  }

  const { lead, bant, score, explanation, decision, teamId } = await decideRouting(tx, conv);

  const tags = [...lead.tags, ...decision.addTags.filter((t) => !lead.tags.includes(t))];
  if (tags.length !== lead.tags.length) await tx.updateTable("leads").set({ tags, updated_at: now }).where("id", "=", conv.lead_id).execute();

  const tier = leadTier(score);
  // The team is locked now (conversation → team, the routing order), before team_id is written.
  const team = teamId ? await lockTeam(tx, teamId) : null;
  const slaMinutes = decision.slaMinutes ?? tierSlaMinutes(tier, team?.sla ?? {});
  const hours = await loadBusinessHours(tx, teamId);
  const slaDueAt = addBusinessMinutes(now, slaMinutes, hours);
  const opensAt = hours && !isWithinBusinessHours(now, hours) ? nextBusinessOpening(now, hours) : null;

  await tx
    .updateTable("conversations")
    .set({ team_id: teamId, sla_due_at: slaDueAt, queued_at: null, first_response_at: null, sla_breached_at: null, rerouted_at: null, routed_at: now, updated_at: now })
    .where("id", "=", conversationId)
    .execute();

  const summary = explanation && opts.summarize ? await opts.summarize(explanation, handoffReason) : null;
  const note = handoffNote({ reason: handoffReason, bant, score, explanation, summary, contact: lead, tags });
  const message = await tx
    .insertInto("messages")
    .values({ tenant_id: tenantId, conversation_id: conversationId, sender: "system", content_type: "note", text: note, payload: JSON.stringify({ kind: "handoff_summary", reason: handoffReason, score, tier, bant, explanation }), created_at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  await recordEvent(tx, tenantId, { conversationId, kind: "routed", data: { teamId, ruleIds: decision.matchedRuleIds, tier, slaMinutes, slaDueAt: slaDueAt.toISOString() }, at: now });

  const assignment = await assignConversation(tx, tenantId, conversationId, now, { preferredUserId: decision.agentId });
  return { kind: "routed", teamId, tier, slaMinutes, slaDueAt, decision, assignment, noteMessageId: message.id, closed: opensAt && hours ? { opensAt, timeZone: hours.timezone } : null, jobs: [slaCheckJob(tenantId, conversationId, slaDueAt, now)] };
}
