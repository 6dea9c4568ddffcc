import { SpanKind, SpanStatusCode } from "@opentelemetry/api";
import { observeCachesInOtel } from "@vendaflow/core/observability/metrics";
import { currentRequestInfo, spanAttributes, withRequestInfo } from "@vendaflow/core/observability/request-info";
import { dbStatements, dbTime, httpDuration, httpRequests, jobRetries, jobRuns, webhookFailures } from "@vendaflow/core/observability/service-metrics";
import { inSpan } from "@vendaflow/core/observability/trace";
import { log } from "./log";
import { requestIdFrom } from "./request-meta";

/** What a route is, for its span and metrics: webhooks count their refusals, jobs their runs and retries. */
export type RouteKind = "http" | "webhook" | "job";

// This bundle's copy of core/cache holds the caches the handlers use (instrumentation.ts has its own).
observeCachesInOtel();

const WEBHOOK_REASONS: Record<number, string> = { 400: "invalid_payload", 401: "invalid_signature", 404: "unknown_endpoint", 413: "payload_too_large", 503: "unavailable" };


/**
 * Every route handler goes through this: a server span `<METHOD> <route>` carrying the request id
 * (answered in `x-request-id`), the tenant and user or API key once the handler learns them
 * (noteRequest), the response status and the database statements the request made; the request is
 * counted in vf_http_requests_total / vf_http_request_duration_seconds, plus job runs and retries
 * or webhook refusals by kind. `export const POST = route("/api/jobs/sla-check", "job", async (req) => …)`.
 */
export function route<R extends Request, A extends unknown[]>(path: string, kind: RouteKind, handler: (req: R, ...rest: A) => Promise<Response>) {
  return (req: R, ...rest: A): Promise<Response> => {
    const requestId = requestIdFrom(req.headers);
    const started = performance.now();
    const attributes = { "http.route": path, "http.request.method": req.method, "vf.route_kind": kind, ...(kind === "job" ? { "vf.job": jobName(path) } : {}) };
    return withRequestInfo({ requestId }, () =>
      inSpan(`${req.method} ${path}`, { kind: SpanKind.SERVER, attributes, queryStats: true }, async (span, stats) => {
        let status = 500;
        try {
          const res = await handler(req, ...rest);
          status = res.status;
          try {
            res.headers.set("x-request-id", requestId);
          } catch {} // a redirect's headers are immutable
          return res;
        } finally {
          span.setAttribute("http.response.status_code", status);
          // Ids a nested span learnt (an API key authenticated inside the tRPC procedure's span).
          span.setAttributes(spanAttributes(currentRequestInfo() ?? {}));
          if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
          const tenant = currentRequestInfo()?.tenantId ?? "";
          const seconds = (performance.now() - started) / 1000;
          httpRequests.inc({ route: path, method: req.method, status: String(status), tenant });
          httpDuration.observe({ route: path }, seconds);
          if (stats) {
            dbStatements.inc({ route: path }, stats.statements);
            dbTime.inc({ route: path }, stats.ms / 1000);
          }
          if (kind === "job") countJob(path, req.headers, status);
          if (kind === "webhook" && status >= 400) webhookFailures.inc({ route: path, reason: WEBHOOK_REASONS[status] ?? `http_${status}` });
          const fields = { route: path, method: req.method, status, ms: Math.round(seconds * 1000), dbStatements: stats?.statements };
          if (status >= 500) log.error("http.request", fields);
          else log.debug("http.request", fields);
        }
      }),
    );
  };
}

const jobName = (path: string) => path.split("/").at(-1)!;

function countJob(path: string, h: Headers, status: number) {
  const job = jobName(path);
  jobRuns.inc({ job, status: status < 300 ? "ok" : status < 500 ? "refused" : "failed" });
  // QStash numbers its redeliveries; the embedded scheduler sends the same header.
  if (Number(h.get("upstash-retried") ?? 0) > 0) jobRetries.inc({ job });
}
