import { createHash } from "node:crypto";

/**
 * Which queries reach Postgres as named prepared statements. Postgres parses and plans an unnamed
 * statement every time it runs; a named one is parsed once per connection and its plan is cached
 * (custom plans for its first five runs, then the generic plan when it costs no more), which took
 * about 40 % off Postgres's CPU per WhatsApp message (docs/scaling.md "Prepared statements").
 *
 * - Only a query with parameters is named: a parameterless one goes as a simple Query message,
 *   which may hold several statements (the tenant binding with BEGIN) and cannot be prepared.
 * - A text is named from its second run in the process, so one-off texts (a bulk insert of N rows,
 *   an `in (…)` of N ids) are never named; the process remembers at most `maxTexts` texts, and
 *   when it is full a new text takes the place of the oldest one that ran only once (a long-lived
 *   server keeps naming the statements it meets late; only named texts are never forgotten).
 * - Each connection holds at most `perConnection` names; past that it sends unnamed statements.
 * - The tenant is bound per transaction (`set_config`) and read by the policies when the plan
 *   runs, so a cached plan serves every tenant (tests/integration/prepared-statements).
 * Through a pooler in transaction mode this needs protocol-level prepared statements (PgBouncer
 * 1.21+, which Neon's pooler runs); `DATABASE_PREPARED_STATEMENTS=off` turns it off.
 */
export class StatementNames {
  /** Texts that ran twice or more, with their names. */
  readonly #named = new Map<string, string>();
  /** Texts that ran once, oldest first (a Set keeps insertion order). */
  readonly #once = new Set<string>();

  constructor(
    readonly maxTexts = 2_000,
    readonly perConnection = 500,
    /** Longer texts are never remembered (bulk inserts of many rows): 2,000 of them could hold 100 MB. */
    readonly maxTextLength = 16_384,
  ) {}

  /** The statement's name, or null to send it unnamed. */
  nameFor(text: string, values: readonly unknown[] | undefined): string | null {
    if (!values?.length || text.length > this.maxTextLength) return null;
    const named = this.#named.get(text);
    if (named) return named;
    if (!this.#once.delete(text)) {
      if (this.#named.size + this.#once.size >= this.maxTexts) {
        const oldest = this.#once.values().next();
        if (oldest.done) return null;
        this.#once.delete(oldest.value);
      }
      this.#once.add(text);
      return null;
    }
    const name = `vf_${createHash("sha1").update(text).digest("hex").slice(0, 24)}`;
    this.#named.set(text, name);
    return name;
  }
}

/**
 * Errors after which a connection's prepared statements cannot be trusted: a table's columns
 * changed under a cached `select *` ("cached plan must not change result type", 0A000), or the
 * server lost the statement the driver believes it prepared (26000: a pooler without support, a
 * DISCARD ALL). The connection is then closed instead of going back to the pool, so the next
 * query starts on a fresh one; the failed query's error reaches its caller as any other.
 */
export function poisonsPreparedStatements(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === "0A000" || code === "26000";
}
