import { InsertQueryNode, TableNode, UpdateQueryNode, type Compilable, type CompiledQuery, type RootOperationNode, type Transaction } from "kysely";

/**
 * Writes a transaction sends with its next statement instead of on their own: a write whose
 * result nobody reads (no RETURNING, no affected-row count) is held by the connection
 * (boundResultPool, tenant-binding.ts) until the transaction sends anything else — a read, another
 * kind of statement, COMMIT — and then goes first, the writes held together as one statement of
 * data-modifying CTEs (`with w0 as (…), w1 as (…) select 1`): one round trip instead of one each.
 * ROLLBACK (to a savepoint too) drops them. The order of the transaction's effects is kept:
 * everything sent after a write still sees it.
 *
 * What a held write must be, because the writes of one batch run in one statement, on one snapshot:
 * - a plain INSERT or UPDATE built with Kysely, without RETURNING (checked here);
 * - values only: it must not read what another held write of the same transaction changes
 *   (sub-statements of one statement do not see each other's changes). Two writes to one table are
 *   never held together (the first is sent before the second is held), so no row is written twice
 *   in a statement.
 * - its errors (a constraint) surface at the statement that sends it, which aborts the
 *   transaction as they would have: nothing may catch a held write's error and go on.
 */
export async function deferWrite<DB>(tx: Transaction<DB>, query: Compilable): Promise<void> {
  if (!tx.isTransaction) throw new Error("deferWrite: only inside a transaction");
  const c = query.compile();
  await tx.executeQuery({ ...c, sql: deferredSql(c) });
}

const MARK = "/*vf:defer:";

/** The compiled write with the mark the pool recognises; throws on a write that may not be held. */
export function deferredSql(c: Pick<CompiledQuery, "sql" | "query">): string {
  const table = writtenTable(c.query);
  if (!table) throw new Error("deferWrite: only an INSERT or UPDATE of one table");
  // Literals and RETURNING rule it out: renumbering `$n` must not touch a string, and nobody reads a held write's rows.
  if (/^\s*with\b/i.test(c.sql) || /\breturning\b/i.test(c.sql) || c.sql.includes("'") || c.sql.includes("$$")) throw new Error(`deferWrite: not a plain write: ${c.sql.slice(0, 80)}`);
  return `${MARK}${table}*/${c.sql}`;
}

function writtenTable(node: RootOperationNode): string | null {
  const t = InsertQueryNode.is(node) ? node.into : UpdateQueryNode.is(node) ? node.table : undefined;
  return t && TableNode.is(t) ? t.table.identifier.name : null;
}

export interface HeldWrite {
  table: string;
  text: string;
  values: readonly unknown[];
}

/** The held write a query text carries, or null for any other query. */
export function heldWrite(text: string, values: readonly unknown[] | undefined): HeldWrite | null {
  if (!text.startsWith(MARK)) return null;
  const end = text.indexOf("*/", MARK.length);
  return { table: text.slice(MARK.length, end), text: text.slice(end + 2), values: values ?? [] };
}

/** What the pool answers for a held write (Kysely reads rows and, for INSERT/UPDATE commands only, rowCount). */
export const HELD_RESULT = Object.freeze({ command: "HELD", rowCount: null, rows: Object.freeze([]), fields: Object.freeze([]) });

const renumber = (text: string, offset: number) => (offset ? text.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`) : text);

/**
 * The held writes as one statement: each its own data-modifying CTE, their parameters renumbered in
 * order, then `read` (a carried read, below) or `select 1`.
 */
export function combineWrites(writes: readonly HeldWrite[], read?: { text: string; values: readonly unknown[] }): { text: string; values: unknown[] } {
  if (writes.length === 1 && !read) return { text: writes[0]!.text, values: [...writes[0]!.values] };
  const values: unknown[] = [];
  const ctes = writes.map((w, i) => {
    const offset = values.length;
    values.push(...w.values);
    return `w${i} as (${renumber(w.text, offset)})`;
  });
  if (!read) return { text: `with ${ctes.join(", ")} select 1`, values };
  const offset = values.length;
  values.push(...read.values);
  return { text: `with ${ctes.join(", ")} ${renumber(read.text, offset)}`, values };
}

const CARRY = "/*vf:carry*/";

/**
 * Runs a SELECT that the transaction's held writes may ride, as CTEs of the same statement, instead
 * of going alone just before it: one round trip fewer. Only for a read that cannot miss them: the
 * CTEs' changes are not visible to the statement's own SELECT, so the pool sends the writes first,
 * as usual, when the read names any table a held write changes (or has a literal, which renumbering
 * must not touch). The caller also vouches that nothing it reads is changed by a held write's
 * triggers (the analytics and CRM-sync triggers write their own tables).
 */
export async function readCarryingHeld<DB, R>(tx: Transaction<DB>, query: Compilable<R>): Promise<R[]> {
  const c = query.compile();
  if (!/^select\b/i.test(c.sql)) throw new Error(`readCarryingHeld: only a SELECT: ${c.sql.slice(0, 80)}`);
  return (await tx.executeQuery<R>({ ...c, sql: `${CARRY}${c.sql}` })).rows;
}

/** A carried read's own text, or null for any other query. */
export const carriedRead = (text: string): string | null => (text.startsWith(CARRY) ? text.slice(CARRY.length) : null);

/** Whether the held writes may ride `read` (readCarryingHeld): it names none of their tables and has no literal. */
export const mayCarry = (writes: readonly HeldWrite[], read: string) =>
  !read.includes("'") && !read.includes("$$") && writes.every((w) => !namePattern(w.table).test(read));

// One pattern per table name, made once: a carried read checks every held write against it.
const namePatterns = new Map<string, RegExp>();
function namePattern(table: string): RegExp {
  let re = namePatterns.get(table);
  if (!re) namePatterns.set(table, (re = new RegExp(`\\b${table}\\b`, "i")));
  return re;
}
