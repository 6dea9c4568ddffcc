import { CompiledQuery, sql, type Transaction } from "kysely";
import type { Database } from "./create-db";
import { UUID_PATTERN } from "@vendaflow/validators/uuid";
import { boundStatementSql, pendingBinding, type PendingBinding } from "./tenant-binding";
import type { DB } from "./types";

export type TenantTx = Transaction<DB>;

/**
 * Opens a short transaction bound to the caller's tenant (withTenant with the tenant already
 * chosen): what core takes when it must not hold a transaction across a call to an outside service.
 */
export type InTenant = <T>(fn: (tx: TenantTx) => Promise<T>) => Promise<T>;

/**
 * Runs fn in a transaction bound to one tenant: RLS policies read app.tenant_id, set with
 * is_local = true so it ends with the transaction and never leaks to the next pool user.
 *
 * A Kysely from createDb sends the binding in the same round trip as BEGIN
 * (`begin; select set_config(…)`, tenant-binding.ts), so a request pays no extra round trip for
 * RLS. Any other Kysely (a bare PostgresDialect) leaves the binding untaken and it is set here.
 *
 * `advisoryLocks`: transaction-level advisory locks on these keys (sorted by the caller), held
 * before fn runs and until the commit; with createDb's Kysely they travel in the same round trip
 * as BEGIN and the binding (advisoryLocksSql), otherwise they are taken here.
 *
 * Without locks, BEGIN goes with fn's first statement (one round trip: tenant-binding.ts's
 * pipelined groups). With locks it does so only with `lockedFromFirstStatement`: fn's first act
 * must then be a statement, since the locks are held from that statement on, not before fn starts
 * (nothing fn does outside Postgres before it is protected by them).
 */
export async function withTenant<T>(
  db: Database,
  tenantId: string,
  fn: (tx: TenantTx) => Promise<T>,
  opts: { readOnly?: boolean; advisoryLocks?: readonly string[]; lockedFromFirstStatement?: boolean } = {},
): Promise<T> {
  if (!UUID_PATTERN.test(tenantId)) throw new Error(`withTenant: not a tenant id: ${tenantId}`);
  let builder = db.transaction();
  if (opts.readOnly) builder = builder.setAccessMode("read only");
  const locks = opts.advisoryLocks?.length ? opts.advisoryLocks : undefined;
  const pending: PendingBinding = { tenantId, ...(locks ? { advisoryLocks: locks, lockedFromFirstStatement: opts.lockedFromFirstStatement === true } : {}) };
  return pendingBinding.run(pending, () =>
    builder.execute(async (tx) => {
      if (pending.tenantId !== null) {
        pending.tenantId = null;
        pending.advisoryLocks = undefined;
        await sql`select set_config('app.tenant_id', ${tenantId}, true)`.execute(tx);
        if (locks) await sql`select pg_advisory_xact_lock(hashtextextended(k, 0)) from unnest(${[...locks]}::text[]) with ordinality as x(k, n) order by n`.execute(tx);
      }
      return fn(tx);
    }),
  );
}

/**
 * One write bound to the tenant in a single round trip (no BEGIN/COMMIT, boundStatementSql): for a
 * lone statement after an outside call, e.g. a sent message's delivery status. `statement` must
 * carry its values as literals (sqlLiteral, checked ids), never text from outside unescaped.
 */
export async function tenantStatement(db: Database, tenantId: string, statement: string): Promise<void> {
  await tenantQuery(db, tenantId, statement);
}

/**
 * tenantStatement that returns the statement's rows: one SELECT (or a write `… returning`) bound to
 * the tenant in a single round trip, RLS applying as in withTenant. Same rule for the text: values
 * as literals (sqlLiteral, checked ids). Needs createDb's dialect (TenantBindingDialect), which
 * hands back the statement's result instead of the binding's.
 */
export async function tenantQuery<R>(db: Database, tenantId: string, statement: string): Promise<R[]> {
  return (await db.executeQuery<R>(CompiledQuery.raw(boundStatementSql(tenantId, statement)))).rows;
}
