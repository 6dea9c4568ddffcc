import { isDeepStrictEqual } from "node:util";
import { createQueryId, NoResultError, type Compilable, type CompiledQuery, type Kysely, type QueryNode, type RootOperationNode } from "kysely";
import type { DB } from "./types";

/**
 * Statements built and compiled once per shape instead of once per call: for the statements every
 * inbound message sends, Kysely's building and compiling were about a tenth of the app's CPU in a
 * profile at 70 msg/s (docs/architecture.md, "Precompiled statements").
 *
 * `build` gets the call's values with every truthy one replaced by a slot, and the falsy ones
 * (undefined, null, false, 0, "") as they are; the statement is compiled once per pattern of
 * which values are falsy (and which falsy value), the shape, and each call fills the slots with
 * its values. So `build` may branch on whether a value is set, as builders do (`who.userId ?
 * … : []`, `x ?? null`), and must otherwise only pass values through: a slot refuses to be turned
 * into a string, a number or JSON (it throws when compiled), and `fixed` carries what a branch
 * compares (`kind === "x"`), so it is part of the shape too.
 *
 * Checked: outside production (unless PRECOMPILED_CHECK=0) and in the test suite's app
 * (PRECOMPILED_CHECK=1), every call also builds the statement with its real values and throws
 * when the text or the parameters differ (a branch the shape does not see).
 */
export type Precompiled<V, F, R> = ((db: Kysely<DB>, values: V, fixed?: F) => PrecompiledQuery<R>) & {
  /** The statement built with these values, as it would be without precompiling (the check; the bench's comparison). */
  build(db: Kysely<DB>, values: V, fixed?: F): Compilable<R>;
};

export interface PrecompiledQuery<R> extends Compilable<R> {
  execute(): Promise<R[]>;
  executeTakeFirst(): Promise<R | undefined>;
  executeTakeFirstOrThrow(): Promise<R>;
}

/** A truthy value's place in a statement compiled once (precompiled). */
class Slot {
  constructor(readonly key: string) {}
  toString(): string {
    throw new Error(`precompiled: the value "${this.key}" was used as text, not passed as a value`);
  }
  toJSON(): never {
    throw new Error(`precompiled: the value "${this.key}" was serialized, not passed as a value`);
  }
  [Symbol.toPrimitive](): never {
    throw new Error(`precompiled: the value "${this.key}" was converted, not passed as a value`);
  }
}

// The test suite's app sets "1"; the bench "0", to measure what production runs.
const CHECK = process.env.PRECOMPILED_CHECK ? process.env.PRECOMPILED_CHECK === "1" : process.env.NODE_ENV !== "production";

const tag = (v: unknown) => (v === undefined ? "u" : v === null ? "n" : v === false ? "f" : v === 0 ? "0" : v === "" ? "e" : "t");

export function precompiled<V extends Record<string, unknown>, R, F = undefined>(name: string, build: (db: Kysely<DB>, values: V, fixed: F) => Compilable<R>, { check = CHECK }: { check?: boolean } = {}): Precompiled<V, F, R> {
  const shapes = new Map<string, { sql: string; parameters: readonly unknown[]; query: RootOperationNode }>();
  const statement = (db: Kysely<DB>, values: V, fixed?: F): PrecompiledQuery<R> => {
    const keys = Object.keys(values);
    let shape = "";
    for (const k of keys) shape += tag(values[k]);
    if (fixed !== undefined) shape += JSON.stringify(fixed);
    let known = shapes.get(shape);
    if (!known) {
      const slotted = Object.fromEntries(keys.map((k) => [k, values[k] ? new Slot(k) : values[k]])) as V;
      const c = build(db, slotted, fixed as F).compile();
      known = { sql: c.sql, parameters: c.parameters, query: c.query };
      shapes.set(shape, known);
    }
    const { sql, query } = known;
    const parameters = known.parameters.map((p) => (p instanceof Slot ? values[p.key] : p));
    const compile = (): CompiledQuery<R> => {
      const queryId = createQueryId();
      // The plugins see the statement as they would a built one (query stats count it).
      const c = { sql, parameters, queryId, query: db.getExecutor().transformQuery(query, queryId) };
      if (check) {
        const fresh = build(db, values, fixed as F).compile();
        if (fresh.sql !== sql || !isDeepStrictEqual(fresh.parameters, parameters)) throw new Error(`precompiled ${name}: the shape ${shape} missed a difference of this call (a branch on a value other than whether it is set?)`);
      }
      return c;
    };
    const execute = async () => (await db.executeQuery(compile())).rows as R[];
    const executeTakeFirst = async () => (await execute())[0];
    const executeTakeFirstOrThrow = async () => {
      const row = await executeTakeFirst();
      if (row === undefined) throw new NoResultError(query as QueryNode);
      return row;
    };
    return { compile, execute, executeTakeFirst, executeTakeFirstOrThrow };
  };
  return Object.assign(statement, { build: (db: Kysely<DB>, values: V, fixed?: F) => build(db, values, fixed as F) });
}
