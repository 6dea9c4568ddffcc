import { sql } from "kysely";
import { withTenant, type TenantTx } from "@vendaflow/db/with-tenant";
import type { ImportJob, ImportStartInput } from "@vendaflow/validators/crm";
import type { AfterCommit } from "../../after-commit";
import { recordAudit, type AuditMeta } from "../../audit/record";
import type { AppDeps } from "../../deps";
import { DomainError } from "../../errors";
import type { ScheduledJob } from "../../ports/scheduler";
import { assertCanWork, type Actor } from "../access";
import { afterCommit } from "../../after-commit";
import { fireAutomationsForMany } from "../../automations/fire";
import { decodeCsv, detectSeparator, parseCsv, parseCsvFrom } from "./csv";
import { suggestMapping, type ImportMapping } from "./mapping";
import { dedupeKeys, readRow, type ImportLead, type ImportRowError } from "./rows";

/** Rows one job run takes (parsed from where the last run stopped, inserted in one statement). */
export const IMPORT_CHUNK = 5_000;
const MAX_ERRORS = 10_000;
export const IMPORT_JOB_PATH = "/api/jobs/crm-import";

const job = (tenantId: string, importId: string, from: number): ScheduledJob => ({
  path: IMPORT_JOB_PATH,
  body: { tenantId, importId } satisfies ImportJob,
  delaySeconds: 0,
  deduplicationId: `crm-import:${importId}:${from}`,
});

/** Upload: the file is decoded, checked against the limits and kept as a draft with a preview. */
export async function uploadImport(tx: TenantTx, tenantId: string, actor: Actor, file: { name: string; bytes: Uint8Array }, meta: AuditMeta) {
  assertCanWork(actor, null);
  const { text, encoding } = decodeCsv(file.bytes);
  const separator = detectSeparator(text);
  const rows = parseCsv(text, separator);
  if (rows.length < 2) throw new DomainError("BAD_REQUEST", "O arquivo não tem linhas além do cabeçalho.", { field: "file" });
  const headers = rows[0]!;
  const row = await tx
    .insertInto("lead_imports")
    .values({ tenant_id: tenantId, created_by: actor.userId, file_name: file.name.slice(0, 255) || "leads.csv", encoding, separator, content: text, total_rows: rows.length - 1 })
    .returning("id")
    .executeTakeFirstOrThrow();
  await recordAudit(tx, tenantId, meta, { action: "lead_import.upload", entityType: "lead_import", entityId: row.id, after: { fileName: file.name, rows: rows.length - 1, encoding, separator } });
  return { id: row.id, encoding, separator, headers, sample: rows.slice(1, 11), totalRows: rows.length - 1, mapping: suggestMapping(headers) };
}

/** Confirms the mapping and queues the job (after the caller's commit). */
export async function startImport(tx: TenantTx, tenantId: string, actor: Actor, input: ImportStartInput, meta: AuditMeta, after: AfterCommit) {
  assertCanWork(actor, null);
  const imp = await tx.selectFrom("lead_imports").select(["status", "content", "separator"]).where("id", "=", input.importId).forUpdate().executeTakeFirst();
  if (!imp) throw new DomainError("NOT_FOUND", "Importação não encontrada.");
  if (imp.status !== "draft") throw new DomainError("CONFLICT", "Esta importação já foi iniciada.");
  const width = parseCsv(imp.content.slice(0, imp.content.search(/\r?\n/) + 1 || undefined), imp.separator)[0]?.length ?? 0;
  for (const [field, index] of Object.entries(input.mapping)) {
    if (index >= width) throw new DomainError("BAD_REQUEST", `A coluna escolhida para "${field}" não existe no arquivo.`, { field: `mapping.${field}` });
  }
  await tx.updateTable("lead_imports").set({ mapping: JSON.stringify(input.mapping), status: "queued", updated_at: sql<Date>`now()` }).where("id", "=", input.importId).execute();
  after.jobs.push(job(tenantId, input.importId, 0));
  await recordAudit(tx, tenantId, meta, { action: "lead_import.start", entityType: "lead_import", entityId: input.importId, after: input.mapping });
  return { id: input.importId };
}

export async function importStatus(tx: TenantTx, id: string) {
  const row = await tx
    .selectFrom("lead_imports")
    .select(["id", "file_name", "status", "total_rows", "processed_rows", "inserted", "duplicates", "failed", "encoding", "separator", "created_at", "finished_at", sql<number>`jsonb_array_length(errors)`.as("error_count")])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw new DomainError("NOT_FOUND", "Importação não encontrada.");
  return row;
}

export async function importErrors(tx: TenantTx, id: string): Promise<ImportRowError[]> {
  const row = await tx.selectFrom("lead_imports").select("errors").where("id", "=", id).executeTakeFirst();
  if (!row) throw new DomainError("NOT_FOUND", "Importação não encontrada.");
  return row.errors as unknown as ImportRowError[];
}

/** Leads already stored under any of these keys (e-mail, phone spellings), in one round trip. */
async function existingKeys(tx: TenantTx, leads: ImportLead[]): Promise<Set<string>> {
  const emails = [...new Set(leads.flatMap((l) => (l.email ? [l.email] : [])))];
  const phones = [...new Set(leads.flatMap((l) => dedupeKeys({ email: null, phone: l.phone }).map((k) => k.slice(2))))];
  const found = new Set<string>();
  if (!emails.length && !phones.length) return found;
  const { rows } = await sql<{ k: string }>`
    select 'e:' || email_key as k from leads where email_key = any(${emails}::text[])
    union
    select 'p:' || ltrim(phone, '+') from leads where phone = any(${[...phones, ...phones.map((p) => `+${p}`)]}::text[])`.execute(tx);
  for (const r of rows) found.add(r.k);
  return found;
}

/**
 * One run of the import job: the next chunk of rows, read, checked, deduplicated (against stored
 * leads and earlier rows) and inserted in batches, with the cursor and counters committed in the
 * same transaction. Returns whether more rows remain (the job schedules itself again).
 */
export async function runImportChunk(deps: Pick<AppDeps, "db" | "now" | "scheduler">, input: ImportJob): Promise<{ done: boolean; processed: number }> {
  const after = afterCommit();
  const result = await withTenant(deps.db, input.tenantId, async (tx) => {
    const imp = await tx
      .selectFrom("lead_imports")
      .select(["status", "content", "separator", "mapping", "processed_rows", "content_offset", "total_rows", "errors"])
      .where("id", "=", input.importId)
      .forUpdate()
      .executeTakeFirst();
    if (!imp || imp.status === "done" || imp.status === "failed" || imp.status === "draft") return { done: true, processed: imp?.processed_rows ?? 0 };
    const mapping = imp.mapping as ImportMapping;
    const from = imp.processed_rows;
    // Where this chunk's rows begin: the stored offset, or (first run, or an import started before
    // offsets were kept) past the header and the rows already processed.
    const at = imp.content_offset > 0 ? imp.content_offset : parseCsvFrom(imp.content, imp.separator, 0, 1 + from).next;
    const { rows: slice, next } = parseCsvFrom(imp.content, imp.separator, at, IMPORT_CHUNK, from + 2);
    const errors: ImportRowError[] = [];
    const good: ImportLead[] = [];
    slice.forEach((cells, i) => {
      const r = readRow(cells, mapping, from + i + 2);
      if ("errors" in r) errors.push(...r.errors);
      else good.push(r.lead);
    });
    const seen = await existingKeys(tx, good);
    const fresh: ImportLead[] = [];
    let duplicates = 0;
    for (const lead of good) {
      const keys = dedupeKeys(lead);
      if (keys.some((k) => seen.has(k))) duplicates++;
      else {
        fresh.push(lead);
        for (const k of keys) seen.add(k);
      }
    }
    // The whole chunk in one statement: one jsonb parameter read as rows, instead of a VALUES list
    // of 8 parameters per lead (parse, plan and bind time grew with the chunk).
    const created = fresh.length
      ? (
          await sql<{ id: string }>`
            insert into leads (tenant_id, name, email, phone, company, tags, source, source_details)
            select ${input.tenantId}::uuid, r.name, r.email, r.phone, r.company, r.tags, 'import', r.source_details
              from jsonb_to_recordset(${JSON.stringify(
                fresh.map((l) => ({
                  name: l.name,
                  email: l.email,
                  phone: l.phone,
                  company: l.company,
                  tags: l.tags,
                  source_details: { importId: input.importId, row: l.row, ...(l.sourceDetail ? { campaign: l.sourceDetail } : {}) },
                })),
              )}::jsonb) as r(name text, email text, phone text, company text, tags text[], source_details jsonb)
            returning id`.execute(tx)
        ).rows
      : [];
    // lead_created automations for every lead this chunk created (nothing is read when none listens).
    await fireAutomationsForMany(tx, input.tenantId, "lead_created", created.map((l) => ({ entityId: l.id, data: { source: "import", import_id: input.importId } })), after);
    const processed = from + slice.length;
    const done = processed >= imp.total_rows || next >= imp.content.length;
    const failedRows = new Set(errors.map((e) => e.row)).size;
    const kept = (imp.errors as unknown as ImportRowError[]).length;
    await tx
      .updateTable("lead_imports")
      .set({
        status: done ? "done" : "running",
        processed_rows: processed,
        content_offset: next,
        inserted: sql`inserted + ${fresh.length}`,
        duplicates: sql`duplicates + ${duplicates}`,
        failed: sql`failed + ${failedRows}`,
        errors: sql`errors || ${JSON.stringify(errors.slice(0, Math.max(0, MAX_ERRORS - kept)))}::jsonb`,
        updated_at: deps.now(),
        ...(done ? { finished_at: deps.now() } : {}),
      })
      .where("id", "=", input.importId)
      .execute();
    return { done, processed };
  });
  for (const j of after.jobs) await deps.scheduler.schedule(j);
  if (!result.done) await deps.scheduler.schedule(job(input.tenantId, input.importId, result.processed));
  return result;
}
