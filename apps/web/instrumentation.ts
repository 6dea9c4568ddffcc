import { registerOTel } from "@vercel/otel";

/**
 * Runs once per server process: registers OpenTelemetry and validates the environment. A bad
 * value stops start-up with a message naming the variable (Next would otherwise keep serving).
 * Spans: Next's own, plus ours per route handler (lib/server/route.ts), tRPC procedure
 * (packages/api trpc.ts) and outside call (lib/server/deps.ts); docs/observability.md.
 * With OTEL_EXPORTER_OTLP_ENDPOINT set, spans and metrics are pushed over OTLP/HTTP; the sampler
 * (OTEL_TRACES_SAMPLER), exporter and batch processor are lib/server/tracing.ts's.
 */
export async function register() {
  const nodejs = process.env.NEXT_RUNTIME === "nodejs";
  const otlp = Boolean(process.env.OTEL_EXPORTER_OTLP_ENDPOINT || process.env.OTEL_EXPORTER_OTLP_METRICS_ENDPOINT);
  const metricReaders = nodejs && otlp ? [await (await import("./lib/server/otel-metrics")).otlpMetricReader(Number(process.env.OTEL_METRIC_EXPORT_INTERVAL) || 60_000)] : [];
  // Sampler, exporter and batch processor: lib/server/tracing.ts (the edge runtime keeps @vercel/otel's).
  let traces = {};
  if (nodejs) {
    try {
      traces = (await import("./lib/server/tracing")).traceOptions(process.env);
    } catch (err) {
      process.stderr.write(JSON.stringify({ level: "error", msg: "env.invalid", error: (err as Error).message }) + "\n");
      process.exit(1);
    }
  }
  registerOTel({ serviceName: process.env.OTEL_SERVICE_NAME ?? "vendaflow-web", metricReaders, ...traces });
  if (nodejs && process.env.NEXT_PHASE !== "phase-production-build") {
    const { env } = await import("./lib/env");
    try {
      env();
    } catch (err) {
      // The logger reads its level from the environment that just failed: one JSON line by hand.
      process.stderr.write(JSON.stringify({ level: "error", msg: "env.invalid", error: (err as Error).message }) + "\n");
      process.exit(1);
    }
    if (metricReaders.length) (await import("./lib/server/metrics")).observeInOtel();
    const { startLocalJobs } = await import("./lib/server/local-jobs");
    startLocalJobs();
  }
}
