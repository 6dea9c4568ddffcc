import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { ScheduledJob } from "../ports/scheduler";
import { assignLocked, type AssignResult } from "./assign";
import { isWithinBusinessHours, nextBusinessOpening } from "./business-hours";
import { recordEvent } from "../conversations/events";
import { lockConversation } from "../conversations/lock";
import { notify } from "../notifications/notifications";
import { loadBusinessHours, lockTeam } from "./store";

export const SLA_CHECK_PATH = "/api/jobs/sla-check";

/** The QStash callback that checks a conversation's first-response SLA at `at`. */
export function slaCheckJob(tenantId: string, conversationId: string, at: Date, now: Date): ScheduledJob {
  return {
    path: SLA_CHECK_PATH,
    body: { tenantId, conversationId },
    delaySeconds: Math.max(0, Math.ceil((at.getTime() - now.getTime()) / 1000)),
    // One job per target instant: a redelivery or a second scheduling of the same check is dropped.
    deduplicationId: `sla-check-${conversationId}-${at.getTime()}`,
  };
}

export type SlaCheckResult =
  | { kind: "stale"; reason: "not_found" | "responded" | "closed" | "no_sla" | "already_breached" }
  /** Not due yet, or due outside business hours: check again at `at` (schedule `job`). */
  | { kind: "reschedule"; at: Date; job: ScheduledJob }
  /** Flagged now; `rerouted` when the one re-route moved it to another agent. */
  | { kind: "breached"; rerouted: boolean; assignment: AssignResult | null };

/**
 * The scheduled first-response check; re-reads state under the conversation lock, so a late or
 * repeated delivery is harmless. A breach is only flagged inside business hours (outside, the
 * check moves to the next opening). On breach, a still-pending conversation is re-routed once
 * (rerouted_at): to another agent of its team, excluding the one who missed it, or — when nobody
 * else can take it — left with that agent; a queued one gets another assignment attempt.
 */
export async function checkSla(tx: TenantTx, tenantId: string, conversationId: string, now: Date): Promise<SlaCheckResult> {
  const conv = await lockConversation(tx, conversationId);
  if (!conv) return { kind: "stale", reason: "not_found" };
  if (conv.first_response_at) return { kind: "stale", reason: "responded" };
  if (conv.status !== "pending" && conv.status !== "open") return { kind: "stale", reason: "closed" };
  if (!conv.sla_due_at) return { kind: "stale", reason: "no_sla" };
  if (conv.sla_breached_at) return { kind: "stale", reason: "already_breached" };
  if (now < conv.sla_due_at) return { kind: "reschedule", at: conv.sla_due_at, job: slaCheckJob(tenantId, conversationId, conv.sla_due_at, now) };

  const hours = await loadBusinessHours(tx, conv.team_id);
  if (!isWithinBusinessHours(now, hours)) {
    const at = nextBusinessOpening(now, hours);
    if (at) return { kind: "reschedule", at, job: slaCheckJob(tenantId, conversationId, at, now) };
  }

  await tx.updateTable("conversations").set({ sla_breached_at: now, updated_at: now }).where("id", "=", conversationId).execute();
  await recordEvent(tx, tenantId, { conversationId, kind: "sla_breached", data: { dueAt: conv.sla_due_at.toISOString(), assignedTo: conv.assigned_to }, at: now });
  if (conv.assigned_to) await notify(tx, tenantId, conv.assigned_to, "sla_breached", { conversationId }, now);

  // Re-route once, and only what no agent has taken yet.
  if (conv.rerouted_at || conv.status !== "pending") return { kind: "breached", rerouted: false, assignment: null };
  await tx.updateTable("conversations").set({ rerouted_at: now }).where("id", "=", conversationId).execute();
  const team = conv.team_id ? await lockTeam(tx, conv.team_id) : null;
  const previous = conv.assigned_to;
  if (!previous) {
    const assignment = await assignLocked(tx, tenantId, conv, team, now, { reason: "sla_reroute" });
    return { kind: "breached", rerouted: assignment.kind === "assigned", assignment };
  }
  await tx.updateTable("conversations").set({ assigned_to: null }).where("id", "=", conversationId).execute();
  const assignment = await assignLocked(tx, tenantId, { ...conv, assigned_to: null }, team, now, { excludeUserIds: [previous], noQueue: true, reason: "sla_reroute" });
  if (assignment.kind !== "assigned") {
    await tx.updateTable("conversations").set({ assigned_to: previous }).where("id", "=", conversationId).execute();
    await recordEvent(tx, tenantId, { conversationId, kind: "reroute_failed", data: { keptWith: previous }, at: now });
    return { kind: "breached", rerouted: false, assignment };
  }
  await recordEvent(tx, tenantId, { conversationId, kind: "rerouted", data: { from: previous, to: assignment.userId }, at: now });
  return { kind: "breached", rerouted: true, assignment };
}
