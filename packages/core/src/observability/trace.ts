import { SpanKind, SpanStatusCode, trace, type Attributes, type Span } from "@opentelemetry/api";
import { withQueryStats, type QueryStats } from "@vendaflow/db/query-stats";
import { currentRequestInfo, spanAttributes } from "./request-info";

const tracer = () => trace.getTracer("vendaflow");

export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
  /** Count the database statements made inside and put them on the span (requests, procedures, jobs). */
  queryStats?: boolean;
}

/**
 * Runs `fn` in a new active span carrying the request's ids; a throw marks the span as an error
 * (and is rethrown). With `queryStats`, `db.statement_count` and `db.time_ms` are set at the end.
 * Without a registered tracer provider the span is a no-op and this costs a context switch.
 */
export function inSpan<T>(name: string, opts: SpanOptions, fn: (span: Span, stats: QueryStats | null) => Promise<T>): Promise<T> {
  const info = currentRequestInfo();
  return tracer().startActiveSpan(name, { kind: opts.kind ?? SpanKind.INTERNAL, attributes: { ...(info ? spanAttributes(info) : {}), ...opts.attributes } }, async (span) => {
    let stats: QueryStats | null = null;
    try {
      return await (opts.queryStats
        ? withQueryStats((s) => {
            stats = s;
            return fn(span, s);
          })
        : fn(span, null));
    } catch (err) {
      span.recordException(err as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
      throw err;
    } finally {
      if (stats) span.setAttributes(queryStatsAttributes(stats));
      span.end();
    }
  });
}

/** The figures of a QueryStats as span attributes. */
export const queryStatsAttributes = (stats: QueryStats) => ({ "db.statement_count": stats.statements, "db.time_ms": Math.round(stats.ms * 100) / 100 });

export { SpanKind, SpanStatusCode };
