import type { TenantTx } from "@vendaflow/db/with-tenant";
import { sql } from "kysely";
import type { AfterCommit } from "../after-commit";
import { recordAudit, type AuditMeta } from "../audit/record";
import { DomainError } from "../errors";
import { PERSONAL_DATA } from "./registry";
import { jsonPatterns, MARK, scrubValue, termsOf } from "./scrub";

/**
 * Anonymises a lead everywhere the registry says it lives (LGPD art. 18 IV): identity columns are
 * cleared, messages lose their text, payloads and files, free text and JSON elsewhere (CRM, events,
 * notifications, requests, the audit trail) have the subject's identifiers replaced, consents keep
 * only the proof (purpose, decision, text and version, time). Rows stay, so counts, scores and
 * funnels keep adding up. Runs in the caller's transaction; files are deleted after the commit.
 */

export const ANONYMOUS_NAME = "Titular anonimizado";

export async function anonymiseLead(tx: TenantTx, tenantId: string, leadId: string, meta: AuditMeta, now: Date, after: AfterCommit) {
  const lead = await tx.selectFrom("leads").selectAll().where("id", "=", leadId).forUpdate().executeTakeFirst();
  if (!lead) throw new DomainError("NOT_FOUND", "Lead não encontrado.");
  if (lead.anonymised_at) return { alreadyAnonymised: true, rows: {} as Record<string, number> };

  const contact = lead.contact_id ? await tx.selectFrom("contacts").selectAll().where("id", "=", lead.contact_id).executeTakeFirst() : undefined;
  const convIds = (await tx.selectFrom("conversations").select("id").where("lead_id", "=", leadId).execute()).map((r) => r.id);
  const messages = convIds.length ? await tx.selectFrom("messages").select(["id", "text"]).where("conversation_id", "in", convIds).execute() : [];
  const terms = termsOf([
    lead.name, lead.email, lead.phone, lead.wa_id, lead.wa_user_id, lead.wa_parent_user_id, lead.wa_username,
    contact?.name, contact?.email, contact?.phone, contact?.linkedin,
    ...messages.map((m) => m.text),
  ]);
  const rows: Record<string, number> = {};
  const count = (table: string, n: bigint | number | undefined) => (rows[table] = (rows[table] ?? 0) + Number(n ?? 0));

  // Files first (their keys are needed to delete the bytes after the commit).
  const files = messages.length
    ? await tx.selectFrom("media_objects").select(["id", "storage_key"]).where("message_id", "in", messages.map((m) => m.id)).execute()
    : [];
  for (const f of files) if (f.storage_key) (after.deleteFiles ??= []).push(f.storage_key);
  if (files.length) count("media_objects", (await tx.updateTable("media_objects").set({ filename: null, storage_key: null, provider_media_id: null, error: null }).where("id", "in", files.map((f) => f.id)).executeTakeFirst()).numUpdatedRows);

  if (convIds.length) {
    count("messages", (await tx.updateTable("messages").set({ text: null, payload: "{}", delivery_error: null }).where("conversation_id", "in", convIds).executeTakeFirst()).numUpdatedRows);
    count("inbound_events", (await tx.updateTable("inbound_events").set({ payload: "{}", error: null }).where("conversation_id", "in", convIds).executeTakeFirst()).numUpdatedRows);
    count("conversations", (await tx.updateTable("conversations").set({ bot_state: null }).where("id", "in", convIds).executeTakeFirst()).numUpdatedRows);
  }

  // Free text and JSON of the other registered tables in the subject's scope.
  const generic = ["conversation_events", "notifications", "deals", "activities", "privacy_requests", "lead_imports", "automation_runs"] as const;
  for (const table of generic) {
    const entry = PERSONAL_DATA.find((e) => e.table === table)!;
    const cols = entry.columns.filter((c) => c !== "search");
    const { rows: found } = await sql<Record<string, unknown> & { id: string }>`select t.id, ${sql.join(cols.map((c) => sql.ref(`t.${c}`)))} from ${sql.table(table)} as t where ${entry.leadScope!(leadId)}`.execute(tx);
    for (const r of found) {
      const set: Record<string, unknown> = {};
      for (const c of cols) {
        const v = r[c];
        const next = scrubValue(v, terms);
        if (JSON.stringify(next) !== JSON.stringify(v)) set[c] = v !== null && typeof v === "object" ? JSON.stringify(next) : next;
      }
      if (table === "privacy_requests") Object.assign(set, { requester_name: ANONYMOUS_NAME, requester_email: "anonimizado@invalid" });
      if (Object.keys(set).length) {
        await tx.updateTable(table).set(set as never).where("id", "=", r.id).execute();
        count(table, 1);
      }
    }
  }

  if (contact) {
    await tx
      .updateTable("contacts")
      .set({ name: ANONYMOUS_NAME, email: null, phone: null, linkedin: null, position: null, custom_fields: "{}", anonymised_at: now, updated_at: now })
      .where("id", "=", contact.id)
      .execute();
    count("contacts", 1);
  }

  // Consents keep the proof; the IP and user agent go (the only columns the app may change there).
  count("consents", (await tx.updateTable("consents").set({ ip: null, user_agent: null }).where("lead_id", "=", leadId).executeTakeFirst()).numUpdatedRows);

  // The audit trail (append-only for the app) through its one definer function.
  const requestIds = (await tx.selectFrom("privacy_requests").select("id").where("lead_id", "=", leadId).execute()).map((r) => r.id);
  const entityIds = [leadId, ...convIds, ...requestIds, ...(contact ? [contact.id] : [])];
  // Patterns go as alternations of up to 100 terms, so a long history costs a few scans, not one per message.
  const patterns = jsonPatterns(terms);
  const alternations: string[] = [];
  for (let i = 0; i < patterns.length; i += 100) alternations.push(`(?:${patterns.slice(i, i + 100).join("|")})`);
  const { rows: scrubbed } = await sql<{ n: number }>`select app_scrub_audit(${alternations}::text[], ${entityIds}::text[]) as n`.execute(tx);
  count("audit_logs", scrubbed[0]?.n);

  // The dev outbox (global) keeps no mail to the subject.
  const emails = [lead.email, contact?.email].filter((e): e is string => Boolean(e)).map((e) => e.toLowerCase());
  if (emails.length) count("email_outbox", (await tx.deleteFrom("email_outbox").where(sql<boolean>`lower(to_address) in (${sql.join(emails)})`).executeTakeFirst()).numDeletedRows);

  await tx
    .updateTable("leads")
    .set({
      name: ANONYMOUS_NAME, email: null, phone: null, company: null, wa_id: null, wa_user_id: null, wa_parent_user_id: null, wa_username: null, visitor_id: null,
      source_details: "{}", bant_data: "{}", custom_fields: "{}", marketing_consent: false, anonymised_at: now, updated_at: now,
      // The score stays (funnels keep counting); its facts lose any of the subject's words.
      score_facts: JSON.stringify(scrubValue(lead.score_facts, terms)),
    })
    .where("id", "=", leadId)
    .execute();
  count("leads", 1);

  await recordAudit(tx, tenantId, meta, { action: "privacy.lead_anonymised", entityType: "lead", entityId: leadId, after: { rows, files: files.length } });
  return { alreadyAnonymised: false, rows, marker: MARK };
}
