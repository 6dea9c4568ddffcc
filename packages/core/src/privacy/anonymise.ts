import type { TenantTx } from "@vendaflow/db/with-tenant";
import { sql, type RawBuilder } from "kysely";
import type { AfterCommit } from "../after-commit";
import { recordAudit, type AuditMeta } from "../audit/record";
import { DomainError } from "../errors";
import { PERSONAL_DATA, type PersonalTable } from "./registry";
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
  count("meetings", (await tx.updateTable("meetings").set({ title: "Reunião", invitee_name: null, invitee_email: null, join_url: null, cancel_reason: null }).where("lead_id", "=", leadId).executeTakeFirst()).numUpdatedRows);

  // Free text and JSON of the other registered tables in the subject's scope (the lead's, and its
  // CRM contact's when it converted: the contact's own deals and activities are the same person).
  const scopeOf = (e: PersonalTable) => {
    const scopes = [e.leadScope?.(leadId), contact ? e.contactScope?.(contact.id) : undefined].filter((x): x is RawBuilder<boolean> => Boolean(x));
    return scopes.length ? sql<boolean>`(${sql.join(scopes, sql` or `)})` : null;
  };
  await scrubRegistered(tx, ["conversation_events", "notifications", "deals", "activities", "privacy_requests", "lead_imports", "automation_runs"], scopeOf, terms, count);
  if (contact) await clearContact(tx, contact.id, now, count);
  await clearConsentsAuditOutbox(tx, { tenantId, leadId, contactId: contact?.id ?? null, entityIds: [leadId, ...convIds, ...(contact ? [contact.id] : [])], emails: [lead.email, contact?.email], terms }, count);

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

type Count = (table: string, n: bigint | number | undefined) => void;

/** Replaces the subject's terms in the registered columns of each table's rows in scope. */
async function scrubRegistered(tx: TenantTx, tables: readonly string[], scopeOf: (e: PersonalTable) => RawBuilder<boolean> | null, terms: string[], count: Count) {
  for (const table of tables) {
    const entry = PERSONAL_DATA.find((e) => e.table === table)!;
    const scope = scopeOf(entry);
    if (!scope) continue;
    const cols = entry.columns.filter((c) => c !== "search");
    const { rows: found } = await sql<Record<string, unknown> & { id: string }>`select t.id, ${sql.join(cols.map((c) => sql.ref(`t.${c}`)))} from ${sql.table(table)} as t where ${scope}`.execute(tx);
    for (const r of found) {
      const set: Record<string, unknown> = {};
      for (const c of cols) {
        const v = r[c];
        const next = scrubValue(v, terms);
        if (JSON.stringify(next) !== JSON.stringify(v)) set[c] = v !== null && typeof v === "object" ? JSON.stringify(next) : next;
      }
      if (table === "privacy_requests") Object.assign(set, { requester_name: ANONYMOUS_NAME, requester_email: null, requester_whatsapp: "anonimizado" });
      if (Object.keys(set).length) {
        await tx.updateTable(table as "deals").set(set as never).where("id", "=", r.id).execute();
        count(table, 1);
      }
    }
  }
}

async function clearContact(tx: TenantTx, contactId: string, now: Date, count: Count) {
  await tx
    .updateTable("contacts")
    .set({ name: ANONYMOUS_NAME, email: null, phone: null, linkedin: null, position: null, custom_fields: "{}", tags: [], anonymised_at: now, updated_at: now })
    .where("id", "=", contactId)
    .execute();
  count("contacts", 1);
}

/**
 * Consents keep the proof (IP and user agent go: the only columns the app may change there); the
 * audit trail is scrubbed through its one definer function; the dev outbox keeps no mail to the subject.
 */
async function clearConsentsAuditOutbox(tx: TenantTx, s: { tenantId: string; leadId: string | null; contactId: string | null; entityIds: string[]; emails: (string | null | undefined)[]; terms: string[] }, count: Count) {
  if (s.leadId) count("consents", (await tx.updateTable("consents").set({ ip: null, user_agent: null }).where("lead_id", "=", s.leadId).executeTakeFirst()).numUpdatedRows);
  if (s.contactId) count("consents", (await tx.updateTable("consents").set({ ip: null, user_agent: null }).where("contact_id", "=", s.contactId).executeTakeFirst()).numUpdatedRows);

  const requestIds = (
    await tx
      .selectFrom("privacy_requests")
      .select("id")
      .where((eb) => eb.or([...(s.leadId ? [eb("lead_id", "=", s.leadId)] : []), ...(s.contactId ? [eb("contact_id", "=", s.contactId)] : []), eb.val(false)]))
      .execute()
  ).map((r) => r.id);
  // Patterns go as alternations of up to 100 terms, so a long history costs a few scans, not one per message.
  const patterns = jsonPatterns(s.terms);
  const alternations: string[] = [];
  for (let i = 0; i < patterns.length; i += 100) alternations.push(`(?:${patterns.slice(i, i + 100).join("|")})`);
  const { rows: scrubbed } = await sql<{ n: number }>`select app_scrub_audit(${alternations}::text[], ${[...s.entityIds, ...requestIds]}::text[]) as n`.execute(tx);
  count("audit_logs", scrubbed[0]?.n);

  const emails = s.emails.filter((e): e is string => Boolean(e)).map((e) => e.toLowerCase());
  // The outbox is a global table (no policy): only this tenant's mails to the subject go.
  if (emails.length) count("email_outbox", (await tx.deleteFrom("email_outbox").where("tenant_id", "=", s.tenantId).where("to_address_key", "in", emails).executeTakeFirst()).numDeletedRows);
}

/**
 * Anonymises a CRM contact data subject: its converted leads first (each takes the contact with
 * it), then, for a contact no lead became, the contact itself and its deals, activities (their
 * custom-field values and free text), consents' network data, requests and audit trail.
 */
export async function anonymiseContact(tx: TenantTx, tenantId: string, contactId: string, meta: AuditMeta, now: Date, after: AfterCommit) {
  const contact = await tx.selectFrom("contacts").selectAll().where("id", "=", contactId).forUpdate().executeTakeFirst();
  if (!contact) throw new DomainError("NOT_FOUND", "Contato não encontrado.");
  if (contact.anonymised_at) return { alreadyAnonymised: true, rows: {} as Record<string, number> };
  const rows: Record<string, number> = {};
  const count: Count = (table, n) => (rows[table] = (rows[table] ?? 0) + Number(n ?? 0));
  const leads = await tx.selectFrom("leads").select("id").where("contact_id", "=", contactId).where("anonymised_at", "is", null).execute();
  for (const l of leads) {
    const r = await anonymiseLead(tx, tenantId, l.id, meta, now, after);
    for (const [t, n] of Object.entries(r.rows)) count(t, n);
  }
  const still = await tx.selectFrom("contacts").select("anonymised_at").where("id", "=", contactId).executeTakeFirstOrThrow();
  if (!still.anonymised_at) {
    const terms = termsOf([contact.name, contact.email, contact.phone, contact.linkedin]);
    await scrubRegistered(tx, ["deals", "activities", "privacy_requests"], (e) => e.contactScope?.(contactId) ?? null, terms, count);
    await clearContact(tx, contactId, now, count);
    await clearConsentsAuditOutbox(tx, { tenantId, leadId: null, contactId, entityIds: [contactId], emails: [contact.email], terms }, count);
  }
  await recordAudit(tx, tenantId, meta, { action: "privacy.contact_anonymised", entityType: "contact", entityId: contactId, after: { rows, leads: leads.length } });
  return { alreadyAnonymised: false, rows };
}
