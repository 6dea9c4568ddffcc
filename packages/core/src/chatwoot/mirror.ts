import { randomUUID } from "node:crypto";
import { withTenant, type TenantTx } from "@vendaflow/db/with-tenant";
import type { ChatwootMirrorJob } from "@vendaflow/validators/chatwoot";
import type { AfterCommit } from "../after-commit";
import type { AppDeps } from "../deps";
import { isHelpdeskRefused, type HelpdeskMessage } from "../ports/helpdesk";
import type { ScheduledJob } from "../ports/scheduler";
import { accountOf, loadChatwootConnection } from "./connections";

export const CHATWOOT_MIRROR_JOB_PATH = "/api/jobs/chatwoot-mirror";

/** Waits before the 2nd, 3rd… attempt (seconds) while Chatwoot is down or slow. */
export const CHATWOOT_RETRY_SECONDS = [10, 60, 300, 900, 3600, 3600] as const;
/** How long one run holds a conversation (another run waits, then goes on in order). */
const LEASE_SECONDS = 120;
const WAIT_SECONDS = 5;
/** Messages read per round (a long transcript takes several). */
const BATCH = 50;

export const chatwootMirrorJob = (job: ChatwootMirrorJob, delaySeconds = 0): ScheduledJob => ({
  path: CHATWOOT_MIRROR_JOB_PATH,
  body: job,
  delaySeconds,
  deduplicationId: `chatwoot-mirror:${job.runId}:${job.attempt}:${job.waits}`,
});

/**
 * A conversation handed off to humans (`handoff`), or a new message in one (`message`): when the
 * tenant has an active Chatwoot connection, a mirror job is queued after the caller's commit.
 * A handoff starts mirroring the conversation; a message is mirrored only in a conversation
 * already mirrored. One indexed read when there is nothing to do.
 */
export async function queueChatwootMirror(tx: TenantTx, tenantId: string, conversationId: string, reason: "handoff" | "message", after: AfterCommit): Promise<boolean> {
  if (reason === "message") {
    const mirrored = await tx.selectFrom("chatwoot_conversations").select("id").where("conversation_id", "=", conversationId).executeTakeFirst();
    if (!mirrored) return false;
  } else {
    const c = await tx.selectFrom("chatwoot_connections").select("id").where("is_active", "=", true).executeTakeFirst();
    if (!c) return false;
    await tx
      .insertInto("chatwoot_conversations")
      .values({ tenant_id: tenantId, connection_id: c.id, conversation_id: conversationId })
      .onConflict((oc) => oc.columns(["tenant_id", "conversation_id"]).doNothing())
      .execute();
  }
  after.jobs.push(chatwootMirrorJob({ tenantId, conversationId, runId: randomUUID(), attempt: 0, waits: 0 }));
  return true;
}

type Deps = Pick<AppDeps, "db" | "now" | "scheduler" | "helpdesk" | "encryptionKey">;

/** Our message as Chatwoot shows it: the lead's as incoming, ours (bot, team, system) as private notes. */
export function helpdeskMessageOf(m: { sender: string; text: string | null; content_type: string }): HelpdeskMessage {
  const body = m.text?.trim() ? m.text : `[${m.content_type}]`;
  if (m.sender === "lead") return { content: body, incoming: true, private: false };
  const who = m.sender === "bot" ? "🤖 Bot do Vendaflow" : m.sender === "agent" ? "👤 Equipe no Vendaflow" : "ℹ️ Vendaflow";
  return { content: `${who}: ${body}`, incoming: false, private: true };
}

const E164 = /^\+[1-9]\d{7,14}$/;

/**
 * One run of the mirror (the Scheduler's job, at least once). Under a lease on the conversation's
 * mirror row (one run posts at a time, in order; another run waits and comes back): creates the
 * Chatwoot contact (the lead) and conversation the first time, then posts every message of ours
 * not yet there, oldest first, recording each one as it goes (a retry resumes after the last one
 * posted). No transaction is open while Chatwoot answers. A failure is retried on
 * CHATWOOT_RETRY_SECONDS; a refusal (token, account, inbox) is not, and shows on the settings card.
 */
export async function runChatwootMirror(deps: Deps, job: ChatwootMirrorJob): Promise<{ status: string; posted?: number }> {
  const claimed = await withTenant(deps.db, job.tenantId, async (tx) => {
    const now = deps.now();
    const mirror = await tx
      .updateTable("chatwoot_conversations")
      .set({ lease_until: new Date(now.getTime() + LEASE_SECONDS * 1000), updated_at: now })
      .where("conversation_id", "=", job.conversationId)
      .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<", now)]))
      .returningAll()
      .executeTakeFirst();
    if (!mirror) {
      const exists = await tx.selectFrom("chatwoot_conversations").select("id").where("conversation_id", "=", job.conversationId).executeTakeFirst();
      return exists ? ("busy" as const) : null;
    }
    const c = await loadChatwootConnection(tx, deps, mirror.connection_id);
    if (!c || !c.is_active) return null;
    const lead = await tx
      .selectFrom("conversations as cv")
      .innerJoin("leads as l", "l.id", "cv.lead_id")
      .innerJoin("inboxes as i", "i.id", "cv.inbox_id")
      .select(["l.id", "l.name", "l.email", "l.phone", "l.wa_id", "i.channel", "i.name as inbox_name"])
      .where("cv.id", "=", job.conversationId)
      .executeTakeFirst();
    return lead ? { mirror, c, lead } : null;
  });
  if (claimed === null) return { status: "not_mirrored" };
  if (claimed === "busy") {
    // Another run is posting to this conversation: come back once it is done, so nothing is missed.
    if (job.waits < 100) await deps.scheduler.schedule(chatwootMirrorJob({ ...job, waits: job.waits + 1 }, WAIT_SECONDS));
    return { status: "busy" };
  }
  const { mirror, c, lead } = claimed;
  const account = accountOf(c);
  let posted = 0;
  let error: string | null = null;
  let retry = false;
  try {
    let conversationId = mirror.chatwoot_conversation_id;
    if (!conversationId) {
      const phone = lead.phone && E164.test(lead.phone) ? lead.phone : lead.wa_id && E164.test(`+${lead.wa_id}`) ? `+${lead.wa_id}` : null;
      const contact = await deps.helpdesk.contact(account, c.inbox_id, { identifier: `vendaflow:${lead.id}`, name: lead.name, email: lead.email, phone });
      const opened = await deps.helpdesk.openConversation(account, c.inbox_id, { contactId: contact.contactId, sourceId: contact.sourceId, attributes: { vendaflow_conversation_id: job.conversationId, vendaflow_channel: lead.channel, vendaflow_inbox: lead.inbox_name } });
      conversationId = opened.conversationId;
      await withTenant(deps.db, job.tenantId, (tx) =>
        tx.updateTable("chatwoot_conversations").set({ chatwoot_contact_id: contact.contactId, chatwoot_conversation_id: conversationId, updated_at: deps.now() }).where("id", "=", mirror.id).execute(),
      );
    }
    for (;;) {
      const batch = await withTenant(deps.db, job.tenantId, (tx) =>
        tx
          .selectFrom("messages as m")
          .select(["m.id", "m.sender", "m.text", "m.content_type"])
          .where("m.conversation_id", "=", job.conversationId)
          .where("m.content_type", "!=", "note")
          .where(({ not, exists, selectFrom }) => not(exists(selectFrom("chatwoot_messages as cm").select("cm.id").whereRef("cm.message_id", "=", "m.id"))))
          .orderBy("m.seq")
          .limit(BATCH)
          .execute(),
      );
      for (const m of batch) {
        const sent = await deps.helpdesk.post(account, conversationId, helpdeskMessageOf(m));
        await withTenant(deps.db, job.tenantId, (tx) =>
          tx
            .insertInto("chatwoot_messages")
            .values({ tenant_id: job.tenantId, mirror_id: mirror.id, message_id: m.id, chatwoot_message_id: sent.messageId, direction: "out" })
            .onConflict((oc) => oc.doNothing())
            .execute(),
        );
        posted++;
      }
      if (batch.length < BATCH) break;
    }
  } catch (err) {
    error = (err instanceof Error ? err.message : String(err)).slice(0, 500);
    retry = !isHelpdeskRefused(err) && job.attempt < CHATWOOT_RETRY_SECONDS.length;
  }
  const now = deps.now();
  await withTenant(deps.db, job.tenantId, async (tx) => {
    await tx.updateTable("chatwoot_conversations").set({ lease_until: null, last_error: error, updated_at: now }).where("id", "=", mirror.id).execute();
    await tx
      .updateTable("chatwoot_connections")
      .set(error === null ? { last_error: null, ...(posted ? { last_mirrored_at: now } : {}) } : { last_error: error })
      .where("id", "=", c.id)
      .execute();
  });
  if (retry) await deps.scheduler.schedule(chatwootMirrorJob({ ...job, attempt: job.attempt + 1, waits: 0 }, CHATWOOT_RETRY_SECONDS[job.attempt]));
  return { status: error === null ? "mirrored" : retry ? "retrying" : "failed", posted };
}
