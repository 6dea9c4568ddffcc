import type { TenantTx } from "@vendaflow/db/with-tenant";
import { sql } from "kysely";
import { csvLine, neutralise, type Cell } from "../crm/export";
import { DomainError } from "../errors";
import { PERSONAL_DATA } from "./registry";

/**
 * Access and portability (LGPD art. 18 II and V): every row of every registered table that holds a
 * lead's data, found through the registry's scopes, as JSON and as CSV per table. Internal columns
 * (tenant, secrets, search vectors) are left out.
 */

export const EXPORT_MAX_ROWS = 100_000;
const HIDDEN = ["tenant_id", "code_hash", "search", "password_hash", "credentials_encrypted"];

export interface SubjectExport {
  generatedAt: string;
  subject: { leadId: string };
  tables: Record<string, Record<string, unknown>[]>;
}

export async function exportLead(tx: TenantTx, leadId: string, now: Date): Promise<SubjectExport> {
  const exists = await tx.selectFrom("leads").select("id").where("id", "=", leadId).executeTakeFirst();
  if (!exists) throw new DomainError("NOT_FOUND", "Lead não encontrado.");
  const tables: SubjectExport["tables"] = {};
  let total = 0;
  for (const e of PERSONAL_DATA) {
    if (!e.leadScope) continue;
    const hidden = sql.join(HIDDEN.map((c) => sql.lit(c)), sql` - `);
    const { rows } = await sql<{ row: Record<string, unknown> }>`select to_jsonb(t) - ${hidden} as row from ${sql.table(e.table)} as t where ${e.leadScope(leadId)} limit ${EXPORT_MAX_ROWS + 1}`.execute(tx);
    total += rows.length;
    if (total > EXPORT_MAX_ROWS) {
      throw new DomainError("PRECONDITION_FAILED", `Os dados deste titular passam de ${EXPORT_MAX_ROWS.toLocaleString("pt-BR")} registros: a exportação será preparada pelo encarregado e enviada por outro meio.`);
    }
    tables[e.table] = rows.map((r) => r.row);
  }
  return { generatedAt: now.toISOString(), subject: { leadId }, tables };
}

/** One CSV (; separated, formula cells neutralised) for one table of the export. */
export function exportCsv(rows: Record<string, unknown>[]): string {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: unknown): Cell => neutralise(v === null || v === undefined ? null : typeof v === "object" ? JSON.stringify(v) : (v as Cell));
  return [csvLine(keys), ...rows.map((r) => csvLine(keys.map((k) => cell(r[k]))))].join("");
}
