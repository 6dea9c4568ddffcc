import { context, createContextKey } from "@opentelemetry/api";
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryId, QueryResult, RootOperationNode, UnknownRow } from "kysely";

/** Statements a request (or a tRPC procedure inside it) sent, and the time they took. */
export interface QueryStats {
  statements: number;
  ms: number;
  /** The enclosing request's stats: a procedure's statements count for its request too. */
  parent?: QueryStats;
}

const KEY = createContextKey("vendaflow.query_stats");

/**
 * Runs `fn` with fresh stats in the OpenTelemetry context (AsyncLocalStorage once OTel is
 * registered), nested under the current ones. Without a registered context manager the context
 * does not propagate and nothing is counted — there are no spans to carry the figures either.
 */
export function withQueryStats<T>(fn: (stats: QueryStats) => T): T {
  const stats: QueryStats = { statements: 0, ms: 0, parent: currentQueryStats() };
  return context.with(context.active().setValue(KEY, stats), fn, undefined, stats);
}

export const currentQueryStats = () => context.active().getValue(KEY) as QueryStats | undefined;

/**
 * Counts every statement Kysely sends and gets an answer to (builder and `sql` alike; BEGIN/COMMIT
 * of transactions are not plugin-visible) into the stats of the context it runs in, with its time
 * from compile to result (so a query outside a transaction includes its wait for a pooled
 * connection). Counted at the result, not at compile: Kysely also runs transformQuery for a
 * subquery built from the db (`db.selectFrom(…)` inside another statement), which is part of that
 * statement and never answered on its own.
 */
export class QueryStatsPlugin implements KyselyPlugin {
  private readonly started = new WeakMap<QueryId, number>();
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (currentQueryStats()) this.started.set(args.queryId, performance.now());
    return args.node;
  }
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const at = this.started.get(args.queryId);
    if (at !== undefined) {
      // Read once: an entry left for the GC to clear when its key dies costs more than the delete.
      this.started.delete(args.queryId);
      const ms = performance.now() - at;
      for (let s = currentQueryStats(); s; s = s.parent) {
        s.statements++;
        s.ms += ms;
      }
    }
    return Promise.resolve(args.result);
  }
}
