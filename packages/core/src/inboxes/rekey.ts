import { sql, type Transaction } from "kysely";
import type { Database } from "@vendaflow/db/create-db";
import type { DB } from "@vendaflow/db/types";
import { decryptCredentials, encryptCredentials, parseKeyring } from "./credentials";

/**
 * Every column holding a blob sealed by encryptCredentials. A test compares this list with the
 * schema's `*_encrypted` columns, so a new one cannot be left out of a rotation.
 */
export const ENCRYPTED_COLUMNS = [
  { table: "crm_sync_connections", column: "credentials_encrypted" },
  { table: "inboxes", column: "credentials_encrypted" },
  { table: "calendar_connections", column: "credentials_encrypted" },
  { table: "webhook_subscriptions", column: "secret_encrypted" },
  { table: "webhook_subscriptions", column: "previous_secret_encrypted" },
  { table: "slack_connections", column: "credentials_encrypted" },
  { table: "n8n_connections", column: "auth_header_encrypted" },
  { table: "chatwoot_connections", column: "credentials_encrypted" },
  { table: "user_two_factor", column: "secret_encrypted" },
  { table: "platform_operator_two_factor", column: "secret_encrypted" },
] as const;

export interface RekeyResult {
  table: string;
  column: string;
  resealed: number;
  /** Blobs no key of the keyring opens (an id missing from ENCRYPTION_KEYS_RETIRED, or tampering): left as they are. */
  unreadable: number;
}

/** fn in a transaction that sees every tenant's rows (the owner's; fails loudly for a role that may not bypass RLS). */
function acrossTenants<T>(db: Database, fn: (tx: Transaction<DB>) => Promise<T>) {
  return db.transaction().execute(async (tx) => {
    await sql`set local row_security = off`.execute(tx);
    return fn(tx);
  });
}

/** Blobs per key id and column: what still needs a retired key (the id before the first dot; "0" for blobs from before key ids). */
export async function keyUsage(db: Database) {
  const out: { table: string; column: string; keyId: string; count: number }[] = [];
  for (const { table, column } of ENCRYPTED_COLUMNS) {
    const rows = await acrossTenants(db, async (tx) => {
      return (await sql<{ key_id: string; n: number }>`
        select case when position('.' in ${sql.ref(column)}) > 0 then split_part(${sql.ref(column)}, '.', 1) else '0' end as key_id, count(*)::int as n
        from ${sql.table(table)} where ${sql.ref(column)} is not null group by 1 order by 1`.execute(tx)).rows;
    });
    for (const r of rows) out.push({ table, column, keyId: r.key_id, count: r.n });
  }
  return out;
}

/**
 * Re-seals every stored secret not yet under the keyring's current key, for every tenant (an
 * operator's command, `pnpm db:rekey`, run as the owner: row security is switched off per
 * transaction, which fails loudly for a role that may not bypass it). Batches of `batch` rows by id;
 * a row changed meanwhile (its blob is no longer the one read) is left to the next run. Afterwards
 * the retired key can leave ENCRYPTION_KEYS_RETIRED once keyUsage shows no blob naming it.
 */
export async function reencryptAll(db: Database, keyring: string, batch = 200): Promise<RekeyResult[]> {
  const current = parseKeyring(keyring)[0]!.id;
  const results: RekeyResult[] = [];
  for (const { table, column } of ENCRYPTED_COLUMNS) {
    const r: RekeyResult = { table, column, resealed: 0, unreadable: 0 };
    let after = "00000000-0000-0000-0000-000000000000";
    for (;;) {
      const rows = await acrossTenants(db, async (tx) => {
        const found = (await sql<{ id: string; blob: string }>`
          select id::text as id, ${sql.ref(column)} as blob from ${sql.table(table)}
          where ${sql.ref(column)} is not null and ${sql.ref(column)} not like ${`${current}.%`} and id > ${after}::uuid
          order by id limit ${batch}`.execute(tx)).rows;
        for (const row of found) {
          let sealed: string;
          try {
            sealed = encryptCredentials(decryptCredentials<object>(row.blob, keyring), keyring);
          } catch {
            r.unreadable++;
            continue;
          }
          const res = await sql`update ${sql.table(table)} set ${sql.ref(column)} = ${sealed} where id = ${row.id}::uuid and ${sql.ref(column)} = ${row.blob}`.execute(tx);
          r.resealed += Number(res.numAffectedRows ?? 0);
        }
        return found;
      });
      if (rows.length < batch) break;
      after = rows[rows.length - 1]!.id;
    }
    results.push(r);
  }
  return results;
}
