import { sql, type QueryCreator } from "kysely";
import type { DB } from "@vendaflow/db/types";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import {
  consentPurposes,
  type ConsentChannel,
  type ConsentPurpose,
  type ConsentRow,
  type ConsentState,
  type ConsentSubject,
  type LegalBasis,
  type RecordManualConsentInput,
  type RevokeConsentInput,
} from "@vendaflow/validators/privacy";
import { recordAudit, type AuditMeta } from "../audit/record";
import { DomainError } from "../errors";

/**
 * The LGPD consent ledger (append-only; db/migrations/0070). Every row is one decision on one
 * purpose for one subject; a revocation is a new row pointing at the grant it revokes. The state
 * of a purpose is the subject's latest row for it. The app role cannot update or delete rows.
 */

export interface ConsentEntry {
  subject: ConsentSubject;
  purpose: ConsentPurpose;
  granted: boolean;
  legalBasis: LegalBasis;
  channel: ConsentChannel;
  textShown: string;
  textVersion: string;
  ip?: string | null;
  userAgent?: string | null;
  note?: string | null;
  recordedBy?: string | null;
}

const subjectCols = (s: ConsentSubject) => ("leadId" in s ? { lead_id: s.leadId, contact_id: null } : { lead_id: null, contact_id: s.contactId });

function whereSubject(s: ConsentSubject) {
  return "leadId" in s ? (["lead_id", "=", s.leadId] as const) : (["contact_id", "=", s.contactId] as const);
}

/** Appends rows to the ledger and refreshes the lead's cached marketing flag. */
export async function appendConsents(tx: TenantTx, tenantId: string, entries: ConsentEntry[], now: Date) {
  if (!entries.length) return [];
  const rows = await tx
    .insertInto("consents")
    .values(
      entries.map((e) => ({
        tenant_id: tenantId,
        ...subjectCols(e.subject),
        purpose: e.purpose,
        granted: e.granted,
        legal_basis: e.legalBasis,
        channel: e.channel,
        text_shown: e.textShown,
        text_version: e.textVersion,
        ip: e.ip?.slice(0, 64) ?? null,
        user_agent: e.userAgent?.slice(0, 500) ?? null,
        note: e.note ?? null,
        recorded_by: e.recordedBy ?? null,
        created_at: now,
      })),
    )
    .returning("id")
    .execute();
  for (const e of entries) if (e.purpose === "marketing" && "leadId" in e.subject) await syncMarketingFlag(tx, e.subject.leadId, now);
  return rows.map((r) => r.id);
}

/** leads.marketing_consent mirrors the ledger (lists and filters read it); the ledger decides. */
async function syncMarketingFlag(tx: TenantTx, leadId: string, now: Date) {
  const state = await latest(tx, { leadId }, "marketing");
  await tx.updateTable("leads").set({ marketing_consent: Boolean(state?.granted), updated_at: now }).where("id", "=", leadId).execute();
}

/**
 * The newest ledger row of a purpose, of the subjects the caller picks (latest row wins; at the same
 * instant a revocation sorts before the grant it revokes). As a query of its own (latest) or a
 * subquery of another read (grantedNow).
 */
const newestRow = (qc: QueryCreator<DB>, purpose: ConsentPurpose) =>
  qc.selectFrom("consents").where("purpose", "=", purpose).orderBy("created_at", "desc").orderBy("revokes_id", (ob) => ob.desc().nullsLast()).limit(1);

async function latest(tx: TenantTx, subject: ConsentSubject, purpose: ConsentPurpose) {
  const [col, op, val] = whereSubject(subject);
  return newestRow(tx, purpose).select(["id", "granted", "created_at", "revokes_id"]).where(col, op, val).executeTakeFirst();
}

/**
 * Whether `purpose` stands for the lead whose id a column of the enclosing query holds (e.g.
 * "l.id"), as a subquery of that query: true, false, or null when the ledger has no row for it.
 */
export function grantedNow(qc: QueryCreator<DB>, leadIdColumn: string, purpose: ConsentPurpose) {
  return newestRow(qc, purpose).select("granted").where("lead_id", "=", sql.ref<string>(leadIdColumn));
}

/** The current state of every purpose for a subject (latest row wins; no row = not granted). */
export async function consentStates(tx: TenantTx, subject: ConsentSubject): Promise<ConsentState[]> {
  const out: ConsentState[] = [];
  for (const purpose of consentPurposes) {
    const row = await latest(tx, subject, purpose);
    out.push({ purpose, granted: Boolean(row?.granted), since: row ? new Date(row.created_at).toISOString() : null, revoked: Boolean(row?.revokes_id) });
  }
  return out;
}

export async function hasConsent(tx: TenantTx, subject: ConsentSubject, purpose: ConsentPurpose) {
  return Boolean((await latest(tx, subject, purpose))?.granted);
}

/** The whole ledger of a subject, newest first (the proof an auditor or the subject may ask for). */
export async function listConsents(tx: TenantTx, subject: ConsentSubject): Promise<ConsentRow[]> {
  await assertSubject(tx, subject);
  const [col, op, val] = whereSubject(subject);
  const rows = await tx.selectFrom("consents").selectAll().where(col, op, val).orderBy("created_at", "desc").orderBy("id").execute();
  return rows.map((r) => ({
    id: r.id,
    purpose: r.purpose as ConsentPurpose,
    granted: r.granted,
    legalBasis: r.legal_basis as LegalBasis,
    channel: r.channel as ConsentChannel,
    textShown: r.text_shown,
    textVersion: r.text_version,
    ip: r.ip,
    userAgent: r.user_agent,
    createdAt: new Date(r.created_at).toISOString(),
    revokesId: r.revokes_id,
    revocationReason: r.revocation_reason,
    note: r.note,
    recordedBy: r.recorded_by,
  }));
}

/** The subject must exist in this tenant (RLS hides other tenants' rows, so theirs read as absent). */
async function assertSubject(tx: TenantTx, subject: ConsentSubject) {
  const row =
    "leadId" in subject
      ? await tx.selectFrom("leads").select("id").where("id", "=", subject.leadId).executeTakeFirst()
      : await tx.selectFrom("contacts").select("id").where("id", "=", subject.contactId).executeTakeFirst();
  if (!row) throw new DomainError("NOT_FOUND", "leadId" in subject ? "Lead não encontrado." : "Contato não encontrado.");
}

/** An agent records a consent given by phone, e-mail or in person; the note says how. Audited. */
export async function recordManualConsent(tx: TenantTx, tenantId: string, input: RecordManualConsentInput, meta: AuditMeta, now: Date) {
  await assertSubject(tx, input.subject);
  const [id] = await appendConsents(
    tx,
    tenantId,
    [
      {
        subject: input.subject,
        purpose: input.purpose,
        granted: input.granted,
        legalBasis: input.purpose === "service" ? "execucao_de_contrato" : "consentimento",
        channel: input.channel,
        textShown: input.textShown,
        textVersion: input.textVersion,
        ip: null,
        userAgent: null,
        note: input.note,
        recordedBy: meta.actorUserId ?? null,
      },
    ],
    now,
  );
  await recordAudit(tx, tenantId, meta, { action: "consent.recorded", entityType: "consent", entityId: id, after: { purpose: input.purpose, granted: input.granted, channel: input.channel, note: input.note } });
  return { id: id! };
}

/**
 * Revokes a purpose: appends a revocation row pointing at the grant in force, with the reason.
 * Refused when nothing is granted (there is nothing to revoke).
 */
export async function revokeConsent(tx: TenantTx, tenantId: string, input: RevokeConsentInput & { channel?: ConsentChannel }, meta: AuditMeta, now: Date) {
  await assertSubject(tx, input.subject);
  const [col, op, val] = whereSubject(input.subject);
  const grant = await tx
    .selectFrom("consents")
    .selectAll()
    .where(col, op, val)
    .where("purpose", "=", input.purpose)
    .orderBy("created_at", "desc")
    .orderBy("revokes_id", (ob) => ob.desc().nullsLast())
    .limit(1)
    .executeTakeFirst();
  if (!grant?.granted) throw new DomainError("PRECONDITION_FAILED", "Não há consentimento em vigor para esta finalidade.", { field: "purpose" });
  const [row] = await tx
    .insertInto("consents")
    .values({
      tenant_id: tenantId,
      lead_id: grant.lead_id,
      contact_id: grant.contact_id,
      purpose: grant.purpose,
      granted: false,
      legal_basis: grant.legal_basis,
      channel: input.channel ?? grant.channel,
      text_shown: grant.text_shown,
      text_version: grant.text_version,
      revokes_id: grant.id,
      revocation_reason: input.reason,
      recorded_by: meta.actorUserId ?? null,
      ip: meta.ip?.slice(0, 64) ?? null,
      user_agent: meta.userAgent?.slice(0, 500) ?? null,
      created_at: now,
    })
    .returning("id")
    .execute();
  if (input.purpose === "marketing" && grant.lead_id) await syncMarketingFlag(tx, grant.lead_id, now);
  await recordAudit(tx, tenantId, meta, { action: "consent.revoked", entityType: "consent", entityId: row!.id, before: { id: grant.id, granted: true }, after: { purpose: input.purpose, reason: input.reason } });
  return { id: row!.id };
}

/** Revokes a subject's purpose if it is granted; nothing when it is not (the bot's "parar", a revocation request). */
export async function revokeIfGranted(tx: TenantTx, tenantId: string, subject: ConsentSubject, purpose: ConsentPurpose, reason: string, channel: ConsentChannel | undefined, now: Date, meta: AuditMeta = {}) {
  if (!(await hasConsent(tx, subject, purpose))) return null;
  return revokeConsent(tx, tenantId, { subject, purpose, reason, channel }, meta, now);
}

/** Purposes a revocation request withdraws; the service notice covers the conversation the subject started (art. 7, V). */
const REVOCABLE_ON_REQUEST = ["marketing", "analytics", "ai_processing"] as const satisfies readonly ConsentPurpose[];

/**
 * A confirmed revocation request (art. 8 §5, art. 18 IX): every purpose in REVOCABLE_ON_REQUEST
 * granted to the subject is revoked at once with the protocol as the reason. Returns the purposes
 * revoked (none when nothing was granted).
 */
export type RevocablePurpose = (typeof REVOCABLE_ON_REQUEST)[number];
export async function revokeOnRequest(tx: TenantTx, tenantId: string, subject: ConsentSubject, protocol: string, channel: ConsentChannel, meta: AuditMeta, now: Date): Promise<RevocablePurpose[]> {
  const revoked: RevocablePurpose[] = [];
  for (const purpose of REVOCABLE_ON_REQUEST) {
    if (await revokeIfGranted(tx, tenantId, subject, purpose, `Pedido de revogação ${protocol}`, channel, now, meta)) revoked.push(purpose);
  }
  return revoked;
}
