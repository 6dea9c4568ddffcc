import { sql, type Transaction } from "kysely";
import type { Database } from "./create-db";
import type { DB } from "./types";

export type TenantTx = Transaction<DB>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Runs fn in a transaction bound to one tenant: RLS policies read app.tenant_id, set here with
 * is_local = true so it ends with the transaction and never leaks to the next pool user.
 */
export async function withTenant<T>(
  db: Database,
  tenantId: string,
  fn: (tx: TenantTx) => Promise<T>,
  opts: { readOnly?: boolean } = {},
): Promise<T> {
  if (!UUID.test(tenantId)) throw new Error(`withTenant: not a tenant id: ${tenantId}`);
  let builder = db.transaction();
  if (opts.readOnly) builder = builder.setAccessMode("read only");
  return builder.execute(async (tx) => {
    await sql`select set_config('app.tenant_id', ${tenantId}, true)`.execute(tx);
    return fn(tx);
  });
}
