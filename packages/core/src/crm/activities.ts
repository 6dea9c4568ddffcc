import { sql } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { ActivityInput, ActivityListInput, ActivityType } from "@vendaflow/validators/crm";
import { recordAudit, type AuditMeta } from "../audit/record";
import { DomainError } from "../errors";
import { decodeCursor, keysetPage } from "../keyset";
import { assertCanAssign, assertCanWork, type Actor } from "./access";
import { assertRef } from "./refs";
import { recomputeForActivity } from "./lead-score/recompute";
import type { AfterCommit } from "../after-commit";
import { fireAutomations } from "../automations/fire";
import { notifyActivityAssigned } from "../notifications/notifications";
import { scheduleActivityReminder } from "./activity-reminder";

/** Calls, e-mails, meetings, tasks and notes; the system logs its own entries (stage changes…) here too. */

const cols = [
  "a.id",
  "a.type",
  "a.system_event",
  "a.subject",
  "a.description",
  "a.deal_id",
  "a.lead_id",
  "a.contact_id",
  "a.company_id",
  "a.assigned_to",
  "a.created_by",
  "a.due_at",
  "a.completed_at",
  "a.outcome",
  "a.data",
  "a.created_at",
] as const;

export interface SystemActivity {
  type: ActivityType;
  systemEvent: string;
  subject: string;
  dealId?: string | null;
  leadId?: string | null;
  contactId?: string | null;
  companyId?: string | null;
  createdBy: string | null;
  data?: Record<string, unknown>;
  at?: Date;
}

/** An entry the system writes inside the caller's transaction (already completed: it is a log line). */
export async function logActivity(tx: TenantTx, tenantId: string, a: SystemActivity) {
  return tx
    .insertInto("activities")
    .values({
      tenant_id: tenantId,
      type: a.type,
      system_event: a.systemEvent,
      subject: a.subject,
      deal_id: a.dealId ?? null,
      lead_id: a.leadId ?? null,
      contact_id: a.contactId ?? null,
      company_id: a.companyId ?? null,
      created_by: a.createdBy,
      completed_at: a.at ?? sql<Date>`now()`,
      data: JSON.stringify(a.data ?? {}),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

export async function listActivities(tx: TenantTx, input: ActivityListInput) {
  let q = tx.selectFrom("activities as a").leftJoin("users as u", "u.id", "a.assigned_to").select([...cols, "u.name as assignee_name"]).where("a.deleted_at", "is", null);
  if (input.dealId) q = q.where("a.deal_id", "=", input.dealId);
  if (input.leadId) q = q.where("a.lead_id", "=", input.leadId);
  if (input.contactId) q = q.where("a.contact_id", "=", input.contactId);
  if (input.companyId) q = q.where("a.company_id", "=", input.companyId);
  if (input.assignedTo) q = q.where("a.assigned_to", "=", input.assignedTo);
  if (input.open !== undefined) q = q.where("a.completed_at", input.open ? "is" : "is not", null);
  if (input.dueBefore) q = q.where("a.due_at", "<", input.dueBefore);
  const cursor = decodeCursor(input.cursor);
  if (cursor) q = q.where((eb) => eb.or([eb("a.created_at", "<", cursor.at), eb.and([eb("a.created_at", "=", cursor.at), eb("a.id", "<", cursor.id)])]));
  const rows = await q.orderBy("a.created_at", "desc").orderBy("a.id", "desc").limit(input.limit + 1).execute();
  return keysetPage(rows, input.limit, (r) => r.created_at);
}

/** The owner that decides who may touch an activity: its deal's / contact's / company's, else its assignee. */
async function governingOwner(tx: TenantTx, a: { deal_id: string | null; contact_id: string | null; company_id: string | null; assigned_to: string | null }) {
  if (a.deal_id) return (await tx.selectFrom("deals").select("owner_id").where("id", "=", a.deal_id).executeTakeFirst())?.owner_id ?? null;
  if (a.contact_id) return (await tx.selectFrom("contacts").select("owner_id").where("id", "=", a.contact_id).executeTakeFirst())?.owner_id ?? null;
  if (a.company_id) return (await tx.selectFrom("companies").select("owner_id").where("id", "=", a.company_id).executeTakeFirst())?.owner_id ?? null;
  return a.assigned_to;
}

async function checkRefs(tx: TenantTx, input: ActivityInput) {
  await assertRef(tx, "deals", input.dealId, "dealId");
  await assertRef(tx, "leads", input.leadId, "leadId");
  await assertRef(tx, "contacts", input.contactId, "contactId");
  await assertRef(tx, "companies", input.companyId, "companyId");
  await assertRef(tx, "users", input.assignedTo, "assignedTo");
}

const row = (input: ActivityInput) => ({
  type: input.type,
  subject: input.subject,
  description: input.description,
  due_at: input.dueAt,
  assigned_to: input.assignedTo,
  outcome: input.outcome,
  deal_id: input.dealId,
  lead_id: input.leadId,
  contact_id: input.contactId,
  company_id: input.companyId,
});

/** The leads a meeting is about: its lead, and the leads of its contact. */
async function leadsOf(tx: TenantTx, input: Pick<ActivityInput, "leadId" | "contactId">): Promise<string[]> {
  const ids = new Set<string>(input.leadId ? [input.leadId] : []);
  if (input.contactId) for (const l of await tx.selectFrom("leads").select("id").where("contact_id", "=", input.contactId).execute()) ids.add(l.id);
  return [...ids];
}

/** `now` and `after` given (a request), an open activity due later gets its assignee's reminder (crm/activity-reminder.ts). */
export async function createActivity(tx: TenantTx, tenantId: string, actor: Actor, input: ActivityInput, meta: AuditMeta, after: AfterCommit | null = null, now?: Date) {
  await checkRefs(tx, input);
  assertCanWork(actor, await governingOwner(tx, { deal_id: input.dealId, contact_id: input.contactId, company_id: input.companyId, assigned_to: null }));
  assertCanAssign(actor, input.assignedTo);
  // A note records something that happened: it is complete when written.
  const created = await tx
    .insertInto("activities")
    .values({ tenant_id: tenantId, ...row(input), created_by: actor.userId, completed_at: input.type === "note" ? sql<Date>`now()` : null })
    .returning("id")
    .executeTakeFirstOrThrow();
  await recomputeForActivity(tx, { lead_id: input.leadId, contact_id: input.contactId }, after);
  if (now) scheduleActivityReminder({ tenantId, now, after }, { id: created.id, type: input.type, dueAt: input.dueAt });
  await notifyActivityAssigned(tx, tenantId, actor.userId, { id: created.id, ...input });
  if (input.type === "meeting" && after) for (const leadId of await leadsOf(tx, input)) await fireAutomations(tx, tenantId, { trigger: "meeting_scheduled", entityId: leadId, data: { subject: input.subject, due_at: input.dueAt ?? null } }, after);
  await recordAudit(tx, tenantId, meta, { action: "activity.create", entityType: "activity", entityId: created.id, after: { type: input.type, subject: input.subject } });
  return created;
}

async function lockActivity(tx: TenantTx, id: string, deleted = false) {
  const a = await tx
    .selectFrom("activities")
    .select(["id", "type", "system_event", "deal_id", "lead_id", "contact_id", "company_id", "assigned_to", "subject", "due_at", "completed_at"])
    .where("id", "=", id)
    .where("deleted_at", deleted ? "is not" : "is", null)
    .forNoKeyUpdate()
    .executeTakeFirst();
  if (!a) throw new DomainError("NOT_FOUND", "Atividade não encontrada.");
  return a;
}

export async function updateActivity(tx: TenantTx, tenantId: string, actor: Actor, id: string, input: ActivityInput, meta: AuditMeta, after: AfterCommit | null = null, now?: Date) {
  const before = await lockActivity(tx, id);
  if (before.system_event) throw new DomainError("BAD_REQUEST", "Registros do sistema não podem ser editados.");
  assertCanWork(actor, await governingOwner(tx, before));
  await checkRefs(tx, input);
  if (input.assignedTo !== before.assigned_to) assertCanAssign(actor, input.assignedTo);
  await tx.updateTable("activities").set({ ...row(input), updated_at: sql<Date>`now()` }).where("id", "=", id).execute();
  await recomputeForActivity(tx, before, after);
  await recomputeForActivity(tx, { lead_id: input.leadId, contact_id: input.contactId }, after);
  if (now && !before.completed_at) scheduleActivityReminder({ tenantId, now, after }, { id, type: input.type, dueAt: input.dueAt });
  if (input.assignedTo !== before.assigned_to) await notifyActivityAssigned(tx, tenantId, actor.userId, { id, ...input });
  await recordAudit(tx, tenantId, meta, { action: "activity.update", entityType: "activity", entityId: id, after: { type: input.type, subject: input.subject } });
  return { id };
}

/** Completes (or reopens, with completed = false) a task-like activity, keeping its outcome. */
export async function completeActivity(tx: TenantTx, tenantId: string, actor: Actor, id: string, completed: boolean, outcome: string | null, meta: AuditMeta, after: AfterCommit | null = null, now?: Date) {
  const before = await lockActivity(tx, id);
  // The system's lines are records; a meeting the lead booked is closed by what came of it (scheduling/meetings.ts).
  if (before.system_event) throw new DomainError("BAD_REQUEST", before.system_event === "meeting_scheduled" ? "Uma reunião agendada pelo lead se encerra pelo resultado: realizada ou não compareceu." : "Registros do sistema não podem ser concluídos.");
  // Whoever it is assigned to may tick it off, even on another agent's deal: it is their work.
  if (actor.role === "viewer" || before.assigned_to !== actor.userId) assertCanWork(actor, (await governingOwner(tx, before)) ?? before.assigned_to);
  await tx
    .updateTable("activities")
    .set({ completed_at: completed ? sql<Date>`now()` : null, ...(outcome !== null ? { outcome } : {}), updated_at: sql<Date>`now()` })
    .where("id", "=", id)
    .execute();
  // Reopened before its time: the reminder rings again (its first job, if it has not run, finds it open too; the job rings once).
  if (!completed && now) scheduleActivityReminder({ tenantId, now, after }, { id, type: before.type, dueAt: before.due_at });
  await recordAudit(tx, tenantId, meta, { action: completed ? "activity.complete" : "activity.reopen", entityType: "activity", entityId: id, after: { outcome } });
  return { id };
}

export async function setActivityDeleted(tx: TenantTx, tenantId: string, actor: Actor, id: string, deleted: boolean, meta: AuditMeta, after: AfterCommit | null = null) {
  const before = await lockActivity(tx, id, !deleted);
  if (before.system_event) throw new DomainError("BAD_REQUEST", "Registros do sistema não podem ser removidos.");
  assertCanWork(actor, await governingOwner(tx, before));
  await tx.updateTable("activities").set({ deleted_at: deleted ? sql<Date>`now()` : null, updated_at: sql<Date>`now()` }).where("id", "=", id).execute();
  await recomputeForActivity(tx, before, after);
  await recordAudit(tx, tenantId, meta, { action: deleted ? "activity.delete" : "activity.restore", entityType: "activity", entityId: id, before: { subject: before.subject } });
}
