import { registerOTel } from "@vercel/otel";

/**
 * Runs once per server process. The Node runtime registers OpenTelemetry and validates the
 * environment in lib/server/node-startup.ts, a module of its own behind the literal
 * `NEXT_RUNTIME` test so that the edge build drops it (its `process.exit` is Node's); the edge
 * runtime keeps @vercel/otel's defaults.
 * Spans: Next's own, plus ours per route handler (lib/server/route.ts), tRPC procedure
 * (packages/api trpc.ts) and outside call (lib/server/deps.ts); docs/observability.md.
 * With OTEL_EXPORTER_OTLP_ENDPOINT set, spans and metrics are pushed over OTLP/HTTP; the sampler
 * (OTEL_TRACES_SAMPLER), exporter and batch processor are lib/server/tracing.ts's.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") return (await import("./lib/server/node-startup")).registerNode();
  registerOTel({ serviceName: process.env.OTEL_SERVICE_NAME ?? "vendaflow-web" });
}
