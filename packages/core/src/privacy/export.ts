import type { TenantTx } from "@vendaflow/db/with-tenant";
import { sql, type RawBuilder } from "kysely";
import { csvLine, neutralise, type Cell } from "../csv";
import { DomainError } from "../errors";
import { PERSONAL_DATA } from "./registry";

/**
 * Access and portability (LGPD art. 18 II and V): every row of every registered table that holds a
 * lead's data, found through the registry's scopes, as JSON and as CSV per table. Internal columns
 * (tenant, secrets, search vectors, the lower-cased copies of e-mails, WhatsApp usernames and
 * outbox addresses kept for lookups) are left out.
 */

export const EXPORT_MAX_ROWS = 100_000;
const HIDDEN = ["tenant_id", "code_hash", "search", "email_key", "wa_username_key", "to_address_key", "password_hash", "credentials_encrypted"];

export interface SubjectExport {
  generatedAt: string;
  subject: { leadId?: string; contactId?: string };
  tables: Record<string, Record<string, unknown>[]>;
}

export async function exportLead(tx: TenantTx, leadId: string, now: Date): Promise<SubjectExport> {
  return exportSubject(tx, { leadId, contactId: null }, now);
}

/**
 * A lead, a CRM contact, or both (a converted lead): each registered table's rows in the lead's
 * scope or the contact's. A contact's own deals, activities (and their custom-field values),
 * consents and requests come with it.
 */
export async function exportSubject(tx: TenantTx, subject: { leadId: string | null; contactId: string | null }, now: Date): Promise<SubjectExport> {
  const { leadId, contactId } = subject;
  if (leadId && !(await tx.selectFrom("leads").select("id").where("id", "=", leadId).executeTakeFirst())) throw new DomainError("NOT_FOUND", "Lead não encontrado.");
  if (contactId && !(await tx.selectFrom("contacts").select("id").where("id", "=", contactId).executeTakeFirst())) throw new DomainError("NOT_FOUND", "Contato não encontrado.");
  if (!leadId && !contactId) throw new DomainError("NOT_FOUND", "Titular não encontrado.");
  const tables: SubjectExport["tables"] = {};
  let total = 0;
  const hidden = sql.join(HIDDEN.map((c) => sql.lit(c)), sql` - `);
  for (const e of PERSONAL_DATA) {
    const scopes = [leadId ? e.leadScope?.(leadId) : undefined, contactId ? e.contactScope?.(contactId) : undefined].filter((x): x is RawBuilder<boolean> => Boolean(x));
    if (!scopes.length) continue;
    const { rows } = await sql<{ row: Record<string, unknown> }>`select to_jsonb(t) - ${hidden} as row from ${sql.table(e.table)} as t where (${sql.join(scopes, sql` or `)}) limit ${EXPORT_MAX_ROWS + 1}`.execute(tx);
    total += rows.length;
    if (total > EXPORT_MAX_ROWS) {
      throw new DomainError("PRECONDITION_FAILED", `Os dados deste titular passam de ${EXPORT_MAX_ROWS.toLocaleString("pt-BR")} registros: a exportação será preparada pelo encarregado e enviada por outro meio.`);
    }
    tables[e.table] = rows.map((r) => r.row);
  }
  return { generatedAt: now.toISOString(), subject: { ...(leadId ? { leadId } : {}), ...(contactId ? { contactId } : {}) }, tables };
}

/** One CSV (; separated, formula cells neutralised) for one table of the export. */
export function exportCsv(rows: Record<string, unknown>[]): string {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: unknown): Cell => neutralise(v === null || v === undefined ? null : typeof v === "object" ? JSON.stringify(v) : (v as Cell));
  return [csvLine(keys), ...rows.map((r) => csvLine(keys.map((k) => cell(r[k]))))].join("");
}
