import { AsyncLocalStorage } from "node:async_hooks";
import pg from "pg";
import { sanitizeForPostgres } from "@vendaflow/validators/sanitize";
import { UUID_PATTERN } from "@vendaflow/validators/uuid";
import { carriedRead, combineWrites, HELD_RESULT, heldWrite, mayCarry, type HeldWrite } from "./deferred-writes";
import { COLLECT_CHANGES, COMMIT_READING_CHANGES, takenChanges, type ChangeSink } from "./change-notices";
import { isInFailedTransaction } from "./errors";
import { PipelinedClient } from "./pipelined-client";
import { poisonsPreparedStatements, type StatementNames } from "./prepared-statements";
import { CompiledQuery, PostgresDialect, PostgresDriver, type DatabaseConnection, type Driver, type PostgresPool, type PostgresPoolClient, type TransactionSettings } from "kysely";

/**
 * withTenant's request to bind the next transaction it begins. The driver takes it (sets
 * tenantId to null) when it sends that BEGIN, so a transaction opened later in the same async
 * context (a nested db.transaction(), another withTenant) is never bound by accident; withTenant
 * sees it was not taken (a Kysely built without this dialect) and binds with its own statement.
 */
export interface PendingBinding {
  tenantId: string | null;
  /** Advisory transaction locks taken right after the binding, in this order (withTenant's `advisoryLocks`). */
  advisoryLocks?: readonly string[];
  /** The locks may be taken with fn's first statement instead of before fn runs (withTenant's `lockedFromFirstStatement`). */
  lockedFromFirstStatement?: boolean;
}

/**
 * One instance per process, kept on globalThis: Next's server build copies this module into many
 * chunks, and the Kysely (a process singleton, built by whichever copy ran first) must see the
 * binding that withTenant in any other copy requested; with one instance per copy it saw none and
 * every transaction in `next start` paid the fallback's extra round trip.
 */
const PENDING = Symbol.for("vendaflow.db.pendingBinding");
export const pendingBinding: AsyncLocalStorage<PendingBinding> = ((globalThis as Record<symbol, unknown>)[PENDING] ??= new AsyncLocalStorage<PendingBinding>()) as AsyncLocalStorage<PendingBinding>;

/** "begin" or "start transaction …" exactly as Kysely's PostgresDriver writes it. */
function beginSql(settings: TransactionSettings): string {
  if (!settings.isolationLevel && !settings.accessMode) return "begin";
  let s = "start transaction";
  if (settings.isolationLevel) s += ` isolation level ${settings.isolationLevel}`;
  if (settings.accessMode) s += ` ${settings.accessMode}`;
  return s;
}

/**
 * BEGIN and the tenant binding in one round trip: one simple-protocol query holding two
 * statements (node-postgres and Neon's pool send a query without parameters as a simple Query
 * message, which may carry several statements; they run in order and the first error stops the
 * rest). The id is inlined as a literal, so it must match UUID_PATTERN (hex and dashes only);
 * anything else throws before a byte is sent. With `advisoryLocks`, the locks follow in the same
 * query (advisoryLocksSql). With `collectChanges`, the change triggers collect their keys for the
 * commit instead of notifying (change-notices.ts).
 */
export function bindingBeginSql(settings: TransactionSettings, tenantId: string, advisoryLocks: readonly string[] = [], collectChanges = false): string {
  if (!UUID_PATTERN.test(tenantId)) throw new Error(`tenant binding: not a tenant id: ${tenantId}`);
  const locks = advisoryLocks.length ? `; ${advisoryLocksSql(advisoryLocks)}` : "";
  return `${beginSql(settings)}; select set_config('app.tenant_id', '${tenantId.toLowerCase()}', true)${collectChanges ? `, ${COLLECT_CHANGES}` : ""}${locks}`;
}

/**
 * Transaction-level advisory locks on the keys, taken one after the other in the given order (the
 * caller sorts them, so two transactions never wait on each other crosswise), as one statement
 * with the keys as literals: each key is cleaned like a bound parameter (sanitizeForPostgres, as
 * the pool does to parameters), so the lock is the same as the parameterised statement's, then
 * escaped (sqlLiteral).
 */
export function advisoryLocksSql(keys: readonly string[]): string {
  const list = keys.map((k) => sqlLiteral(sanitizeForPostgres(k) as string)).join(", ");
  return `select pg_advisory_xact_lock(hashtextextended(k, 0)) from unnest(array[${list}]::text[]) with ordinality as x(k, n) order by n`;
}

class TenantBindingDriver extends PostgresDriver {
  constructor(
    config: ConstructorParameters<typeof PostgresDriver>[0],
    private readonly collectChanges: boolean,
  ) {
    super(config);
  }

  // Connections inside a transaction whose BEGIN set COLLECT_CHANGES: their COMMIT reads the keys.
  readonly #collecting = new WeakSet<DatabaseConnection>();

  override async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const pending = pendingBinding.getStore();
    const tenantId = pending?.tenantId;
    if (!pending || !tenantId) return super.beginTransaction(connection, settings);
    const locks = pending.advisoryLocks ?? [];
    const pipelined = !locks.length || pending.lockedFromFirstStatement === true;
    pending.tenantId = null;
    pending.advisoryLocks = undefined;
    // Without locks (or when the caller allows it) the BEGIN may go with the first statement: the
    // pool answers it at once (PIPELINED_BEGIN). With locks, fn runs only once they are held.
    const text = `${pipelined ? PIPELINED_BEGIN : ""}${bindingBeginSql(settings, tenantId, locks, this.collectChanges)}`;
    try {
      await connection.executeQuery(CompiledQuery.raw(text));
      if (this.collectChanges) this.#collecting.add(connection);
    } catch (err) {
      // A statement after BEGIN failed (a lock timeout, a cancelled wait): Kysely rolls back only a
      // transaction whose begin succeeded, so the connection would go back to the pool inside an
      // aborted transaction. Roll it back here (on a dead connection this fails too: ignored).
      await connection.executeQuery(CompiledQuery.raw("rollback")).catch(() => undefined);
      throw err;
    }
  }

  override async commitTransaction(connection: DatabaseConnection): Promise<void> {
    if (!this.#collecting.delete(connection)) return super.commitTransaction(connection);
    await connection.executeQuery(CompiledQuery.raw(COMMIT_READING_CHANGES));
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    this.#collecting.delete(connection);
    return super.rollbackTransaction(connection);
  }
}

/** The driver's mark on a BEGIN the pool may answer at once and send with the next statement (stripped before it is sent). */
const PIPELINED_BEGIN = "/*vf:pipelined-begin*/";
/** What a deferred BEGIN answers at once (the driver ignores a BEGIN's result). */
const BEGIN_RESULT = Object.freeze({ command: "BEGIN", rowCount: null, rows: Object.freeze([]), fields: Object.freeze([]) });

/** The take of a collecting COMMIT failed in an aborted transaction (the wrapper then rolls back). */
const ABORTED = Symbol("aborted");
/** What a COMMIT answers in an aborted transaction: Postgres rolls back and says so, without an error. */
const ROLLED_BACK = Object.freeze({ command: "ROLLBACK", rowCount: null, rows: Object.freeze([]), fields: Object.freeze([]) });

/** How every boundStatementSql text starts (and no other statement text we send). */
const BOUND_PREFIX = "select set_config('app.tenant_id', '";

/**
 * The pool as Kysely sees it. Every bound parameter (builder values, `sql` template values, jsonb
 * objects) is cleaned of what Postgres refuses (NUL, lone surrogates: sanitizeForPostgres) before
 * it is sent: one gate for all writes and lookups, so odd input is stored without those characters
 * instead of failing as a 500 (a Kysely plugin did this on every query's tree, which cost more). A
 * bound statement's query (boundStatementSql, two statements in one simple query) resolves to its
 * statement's result. node-postgres answers such a query with an
 * array of both results, from which Kysely (reading `rows` off one result) would return no rows;
 * with this a bound SELECT or `… returning` hands back its rows (tenantQuery). With `names`, a
 * query with parameters goes as a named prepared statement when StatementNames says so, and a
 * connection whose prepared statements went stale is closed on release (prepared-statements.ts).
 * A held write (deferWrite, deferred-writes.ts) waits in its client's wrapper and goes just before
 * the client's next query, the writes held together as one statement, or as CTEs of that query
 * when it is a read that may carry them (readCarryingHeld). Cursors go to the client
 * untouched (after any held write); one wrapper per pooled client (Kysely keys its connections by
 * the client object).
 */
function boundResultPool(pool: PostgresPool, names: StatementNames | null, changes: ChangeSink | null): PostgresPool {
  const wrappers = new WeakMap<PostgresPoolClient, PostgresPoolClient>();
  return {
    async connect() {
      const client = await pool.connect();
      let wrapper = wrappers.get(client);
      if (!wrapper) {
        const rawQuery = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
        const pipe = new PipelinedClient(client, rawQuery);
        const prepared = new Set<string>();
        let stale = false;
        const send = (text: string, rawValues: readonly unknown[] | undefined, pipelined = false) => {
          const values = rawValues?.map(sanitizeForPostgres);
          const name = names?.nameFor(text, values);
          if (!name || (!prepared.has(name) && prepared.size >= names!.perConnection)) return pipe.send([text, values], pipelined);
          prepared.add(name);
          return pipe.send([{ text, values, name }], pipelined).catch((err: unknown) => {
            if (poisonsPreparedStatements(err)) stale = true;
            throw err;
          });
        };
        // Writes held for the transaction's next statement (deferred-writes.ts).
        const held: HeldWrite[] = [];
        const flush = (pipelined = false) => {
          const { text, values } = combineWrites(held.splice(0));
          return send(text, values, pipelined);
        };
        // A tenant transaction's BEGIN (bindingBeginSql), answered at once and sent with the next
        // query, in the same write, its answer read with that query's: a BEGIN that failed (a
        // lock timeout) fails that query and every later one but ROLLBACK, so nothing runs or
        // commits after it.
        let beginText: string | null = null;
        let failedBegin: { error: unknown } | null = null;
        // `next` behind what waits (the BEGIN's answer, the held writes): one round trip when the
        // client pipelines, else the held writes first. Answers with `next`'s result or the
        // group's first error (a statement behind a failed one fails too, in the aborted transaction).
        const behind = <T>(next: (pipelined: boolean) => Promise<T>, cleanup = false): Promise<T> => {
          const begin = beginText;
          beginText = null;
          if (failedBegin && begin === null) return cleanup ? ((failedBegin = null), next(false)) : Promise.reject(failedBegin.error);
          if (begin === null && !held.length) return next(false);
          if (!pipe.supported) return flush().then(() => next(false));
          // The group in one write: BEGIN, the held writes, then `next`.
          const [ahead, mine] = pipe.corked(() => {
            const sentBegin = begin === null ? [] : [pipe.send([begin], true).then(() => undefined, (error: unknown) => void (failedBegin = { error }))];
            const group: Promise<unknown>[] = [...sentBegin, ...(held.length ? [flush(true)] : [])];
            return [group, next(true)] as const;
          });
          return Promise.allSettled([...ahead, mine]).then((settled) => {
            if (failedBegin) {
              if (!cleanup) throw failedBegin.error;
              failedBegin = null;
            }
            const failed = settled.find((r) => r.status === "rejected");
            if (failed && (!cleanup || failed === settled.at(-1))) throw failed.reason;
            return (settled.at(-1) as PromiseFulfilledResult<T>).value;
          });
        };
        wrapper = {
          query: ((...args: unknown[]) => {
            const text = args[0];
            if (typeof text !== "string") {
              // A cursor (a Submittable, read across round trips) refuses pipeline mode: node-postgres
              // queues it behind what is in flight, after the held writes (a failed one aborts the
              // transaction, and the cursor fails with it).
              pipe.pause();
              if (held.length) flush().catch(() => undefined);
              return rawQuery(...args);
            }
            const values = Array.isArray(args[1]) ? (args[1] as unknown[]) : undefined;
            const write = heldWrite(text, values);
            if (write) {
              // Never two writes of one table in a statement: the first goes before the second is held.
              const hold = () => (held.push(write), HELD_RESULT);
              return held.some((w) => w.table === write.table) ? behind(() => Promise.resolve()).then(hold) : Promise.resolve(hold());
            }
            if (text.startsWith(PIPELINED_BEGIN)) {
              const begin = text.slice(PIPELINED_BEGIN.length);
              if (!pipe.supported || beginText !== null || failedBegin || pipe.busy) return behind((p) => send(begin, values, p));
              beginText = begin;
              return Promise.resolve(BEGIN_RESULT);
            }
            const read = carriedRead(text);
            if (read !== null) {
              if (!held.length || !mayCarry(held, read)) return behind((p) => send(read, values, p));
              // The held writes ride the read: one statement, the read's rows its answer.
              const carried = combineWrites(held.splice(0), { text: read, values: values ?? [] });
              return behind((p) => send(carried.text, carried.values, p));
            }
            if (text.startsWith(BOUND_PREFIX)) return behind((p) => pipe.send(args, p).then((r) => (Array.isArray(r) ? r[r.length - 1] : r)));
            // A collecting transaction's COMMIT (the driver's): the keys go to the sink once committed.
            if (text === COMMIT_READING_CHANGES) {
              // In a transaction an error its code caught had aborted, the take fails before the
              // commit is reached; a plain COMMIT there rolls back without an error, so this rolls
              // back too. A held write failing in the same group still fails the commit.
              const take = (p: boolean) => send(COMMIT_READING_CHANGES, undefined, p).catch((err: unknown) => (isInFailedTransaction(err) ? ABORTED : Promise.reject(err)));
              return behind(take).then((answer) => {
                if (answer === ABORTED) return send("rollback", undefined).then(() => ROLLED_BACK);
                const { keys, commit } = takenChanges(answer);
                // Committed: nothing the sink does may turn that into a failure.
                if (keys.length)
                  try {
                    changes?.(keys);
                  } catch {}
                return commit;
              });
            }
            if (held.length && /^\s*rollback\b/i.test(text)) held.length = 0;
            return behind((p) => send(text, values, p), /^\s*rollback\s*$/i.test(text));
          }) as PostgresPoolClient["query"],
          // pg's Pool closes a client released with an error instead of keeping it. A client
          // released with writes or a BEGIN still held (never: Kysely ends every transaction with
          // COMMIT or ROLLBACK, which sends them) or with a failed BEGIN nobody saw is closed too:
          // its next user must not inherit them.
          release: () => {
            const dirty = held.length > 0 || beginText !== null || failedBegin !== null;
            if (!stale && !dirty) return client.release();
            const why = stale ? "stale prepared statements" : held.length ? "writes held past the transaction" : "a BEGIN unanswered past the transaction";
            held.length = 0;
            beginText = null;
            failedBegin = null;
            wrappers.delete(client);
            (client.release as (err?: Error) => void)(new Error(why));
          },
        };
        wrappers.set(client, wrapper);
      }
      return wrapper;
    },
    end: () => pool.end(),
  };
}

/** PostgresDialect whose transactions take withTenant's binding into their BEGIN and whose bound statements return their rows. */
export class TenantBindingDialect extends PostgresDialect {
  readonly #config: ConstructorParameters<typeof PostgresDialect>[0];
  readonly #collectChanges: boolean;
  /**
   * `preparedStatements`: name repeated queries (prepared-statements.ts); off, every query goes unnamed.
   * `changes`: tenant transactions hand their change keys to it after their commit instead of
   * notifying inside it (change-notices.ts); without it, the triggers notify at commit.
   */
  constructor(config: ConstructorParameters<typeof PostgresDialect>[0] & { preparedStatements?: StatementNames | null; changes?: ChangeSink | null }) {
    const { pool, preparedStatements = null, changes = null, ...rest } = config;
    const wrapped = { ...rest, pool: typeof pool === "function" ? async () => boundResultPool(await pool(), preparedStatements, changes) : boundResultPool(pool, preparedStatements, changes) };
    super(wrapped);
    this.#config = wrapped;
    this.#collectChanges = changes !== null;
  }
  override createDriver(): Driver {
    return new TenantBindingDriver(this.#config, this.#collectChanges);
  }
}

/** A Postgres string literal for a statement's text (node-postgres' escapeLiteral: quotes doubled, E'' when a backslash is in it); null as NULL. */
export function sqlLiteral(value: string | null): string {
  if (value === null) return "null";
  if (value.includes("\0")) throw new Error("sql literal: NUL byte");
  return pg.escapeLiteral(value).trim();
}

/** An id for a statement's text: only a UUID's hex and dashes get through, quoted; `what` names it in the error. */
export function uuidLiteral(what: string, id: string): string {
  if (!UUID_PATTERN.test(id)) throw new Error(`sql literal: not a ${what} id: ${id}`);
  return `'${id.toLowerCase()}'`;
}

/**
 * One statement bound to a tenant in one round trip and without BEGIN/COMMIT: the binding and the
 * statement as one simple-protocol query, which Postgres runs as one implicit transaction, so the
 * transaction-local binding ends with it (never reaches the next pool user) and an error in either
 * rolls back both. The statement's values must already be literals (sqlLiteral, checked ids).
 */
export function boundStatementSql(tenantId: string, statement: string): string {
  if (!UUID_PATTERN.test(tenantId)) throw new Error(`tenant binding: not a tenant id: ${tenantId}`);
  return `select set_config('app.tenant_id', '${tenantId.toLowerCase()}', true); ${statement}`;
}
