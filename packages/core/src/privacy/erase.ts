import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { RequestOutcome } from "@vendaflow/validators/privacy";
import { sql } from "kysely";
import type { AfterCommit } from "../after-commit";
import { recordAudit, type AuditMeta } from "../audit/record";
import { DomainError } from "../errors";
import { recountEngagement } from "../crm/lead-score/engagement";
import { anonymiseContact, anonymiseLead } from "./anonymise";
import { registryEntry } from "./registry";

/**
 * Deletion (LGPD art. 18 VI and art. 16): the subject's rows are deleted wherever no legal basis
 * requires keeping them; what must stay is kept anonymised, with the reason. First everything is
 * anonymised (so nothing kept still names the subject: consents' proof, requests, the audit
 * trail, a won deal's contract record), then conversations (messages, files, events), open and
 * lost deals, activities, automation runs and notifications are deleted; the lead / contact row
 * itself goes too unless a kept row hangs on it (consents cascade from it). Runs in the caller's
 * transaction; returns what was deleted and what was kept and why.
 */

/** A won deal is a contract: its record is kept for legal, tax and defence-of-rights duties. */
const WON_DEAL_REASON = "Negócio fechado: o registro do contrato é mantido para obrigações legais e fiscais e para o exercício de direitos (art. 16, I, e art. 7º, VI)";
const STUB_REASON = "Registro mínimo anonimizado ao qual as provas mantidas acima estão ligadas (sem nome, contato nem mensagens)";

export async function eraseSubject(tx: TenantTx, tenantId: string, subject: { leadId: string | null; contactId: string | null }, meta: AuditMeta, now: Date, after: AfterCommit): Promise<Required<Pick<RequestOutcome, "deleted" | "kept">>> {
  const leadIds = new Set<string>(subject.leadId ? [subject.leadId] : []);
  const contactIds = new Set<string>(subject.contactId ? [subject.contactId] : []);
  if (subject.contactId) for (const l of await tx.selectFrom("leads").select("id").where("contact_id", "=", subject.contactId).execute()) leadIds.add(l.id);
  if (leadIds.size) for (const l of await tx.selectFrom("leads").select("contact_id").where("id", "in", [...leadIds]).execute()) if (l.contact_id) contactIds.add(l.contact_id);
  if (!leadIds.size && !contactIds.size) throw new DomainError("PRECONDITION_FAILED", "Não há cadastro ligado a este pedido.");
  const leads = [...leadIds];
  const contacts = [...contactIds];

  // 1. Nothing that stays may still name the subject.
  for (const id of leads) await anonymiseLead(tx, tenantId, id, meta, now, after);
  for (const id of contacts) await anonymiseContact(tx, tenantId, id, meta, now, after);

  const deleted: Record<string, number> = {};
  const count = (table: string, n: bigint | number | undefined) => {
    if (Number(n ?? 0) > 0) deleted[table] = (deleted[table] ?? 0) + Number(n);
  };
  const anyOf = (col: "lead_id" | "contact_id", ids: string[]) => (ids.length ? sql<boolean>`${sql.ref(col)} in (${sql.join(ids)})` : sql<boolean>`false`);

  // 2. Conversations and everything hanging on them (messages, files, inbound events, timeline, AI calls).
  const convIds = leads.length ? (await tx.selectFrom("conversations").select("id").where("lead_id", "in", leads).execute()).map((c) => c.id) : [];
  if (convIds.length) {
    count("messages", (await tx.selectFrom("messages").select((eb) => eb.fn.countAll<number>().as("n")).where("conversation_id", "in", convIds).executeTakeFirstOrThrow()).n);
    count("conversation_events", (await tx.selectFrom("conversation_events").select((eb) => eb.fn.countAll<number>().as("n")).where("conversation_id", "in", convIds).executeTakeFirstOrThrow()).n);
  }

  // Deals: open and lost ones go; won ones are contracts (kept, already anonymised).
  const deals = await tx.selectFrom("deals").select(["id", "status", "lead_id", "contact_id"]).where((eb) => eb.or([anyOf("lead_id", leads), anyOf("contact_id", contacts)])).execute();
  const dropDeals = deals.filter((d) => d.status !== "won").map((d) => d.id);
  const wonBy = deals.filter((d) => d.status === "won");
  const wonDeals = wonBy.map((d) => d.id);

  const entityIds = [...leads, ...contacts, ...dropDeals];
  if (entityIds.length) {
    count("automation_runs", (await tx.deleteFrom("automation_runs").where("entity_id", "in", entityIds).executeTakeFirst()).numDeletedRows);
  }
  const noteIds = [...entityIds, ...convIds];
  if (noteIds.length) {
    count("notifications", (await tx.deleteFrom("notifications").where(sql<boolean>`data::text ~ ${noteIds.join("|")}`).executeTakeFirst()).numDeletedRows);
  }
  count(
    "activities",
    (await tx.deleteFrom("activities").where((eb) => eb.or([anyOf("lead_id", leads), anyOf("contact_id", contacts), ...(dropDeals.length ? [eb("deal_id", "in", dropDeals)] : [])])).where((eb) => (wonDeals.length ? eb.or([eb("deal_id", "is", null), eb("deal_id", "not in", wonDeals)]) : eb.val(true))).executeTakeFirst()).numDeletedRows,
  );
  if (dropDeals.length) count("deals", (await tx.deleteFrom("deals").where("id", "in", dropDeals).executeTakeFirst()).numDeletedRows);
  if (convIds.length) count("conversations", (await tx.deleteFrom("conversations").where("id", "in", convIds).executeTakeFirst()).numDeletedRows);
  // A lead row kept below (a stub) has no messages left: its lead score's engagement counts none.
  if (convIds.length) await recountEngagement(tx, leads);

  // 3. What stays, and why.
  const kept: { table: string; rows: number; reason: string }[] = [];
  const keep = (table: string, rows: number, reason: string) => rows > 0 && kept.push({ table, rows, reason });
  const consentRows = await tx.selectFrom("consents").select(["lead_id", "contact_id"]).where((eb) => eb.or([anyOf("lead_id", leads), anyOf("contact_id", contacts)])).execute();
  keep("consents", consentRows.length, registryEntry("consents")!.keepOnDeletion!);
  keep("deals", wonDeals.length, WON_DEAL_REASON);
  const requests = await tx.selectFrom("privacy_requests").select((eb) => eb.fn.countAll<number>().as("n")).where((eb) => eb.or([anyOf("lead_id", leads), anyOf("contact_id", contacts)])).executeTakeFirstOrThrow();
  keep("privacy_requests", Number(requests.n), registryEntry("privacy_requests")!.keepOnDeletion!);
  const audit = await tx.selectFrom("audit_logs").select((eb) => eb.fn.countAll<number>().as("n")).where("entity_id", "in", [...leads, ...contacts]).executeTakeFirstOrThrow();
  keep("audit_logs", Number(audit.n), registryEntry("audit_logs")!.keepOnDeletion!);

  // The lead / contact rows: deleted unless a kept consent (which cascades from them) or won deal hangs on them.
  const pinned = (col: "lead_id" | "contact_id", id: string) => consentRows.some((c) => c[col] === id) || wonBy.some((d) => d[col] === id);
  const dropLeads = leads.filter((id) => !pinned("lead_id", id));
  const dropContacts = contacts.filter((id) => !pinned("contact_id", id));
  if (dropLeads.length) count("leads", (await tx.deleteFrom("leads").where("id", "in", dropLeads).executeTakeFirst()).numDeletedRows);
  if (dropContacts.length) count("contacts", (await tx.deleteFrom("contacts").where("id", "in", dropContacts).executeTakeFirst()).numDeletedRows);
  keep("leads", leads.length - dropLeads.length, STUB_REASON);
  keep("contacts", contacts.length - dropContacts.length, STUB_REASON);

  await recordAudit(tx, tenantId, meta, { action: "privacy.subject_erased", entityType: subject.leadId ? "lead" : "contact", entityId: subject.leadId ?? subject.contactId, after: { deleted, kept: kept.map((k) => ({ table: k.table, rows: k.rows })) } });
  return { deleted, kept };
}

/** The pt-BR lines telling the subject what was deleted and what had to be kept, and why. */
export function erasureLines(outcome: Required<Pick<RequestOutcome, "deleted" | "kept">>): string[] {
  const total = Object.values(outcome.deleted).reduce((a, b) => a + b, 0);
  const lines = [`Eliminamos ${total === 1 ? "1 registro" : `${total} registros`} com seus dados.`];
  if (outcome.kept.length) {
    lines.push("Alguns registros precisam ser mantidos por obrigação legal; deles removemos tudo o que identifica você:");
    for (const k of outcome.kept) lines.push(`• ${k.reason}.`);
  }
  return lines;
}
