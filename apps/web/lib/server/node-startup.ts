import { registerOTel } from "@vercel/otel";

/** One JSON line by hand, then exit: the logger reads its level from the environment that just failed. */
function stopOnInvalidEnv(err: unknown): never {
  process.stderr.write(JSON.stringify({ level: "error", msg: "env.invalid", error: (err as Error).message }) + "\n");
  process.exit(1);
}

/**
 * The Node runtime's start-up (instrumentation.ts): OpenTelemetry with our sampler, exporter and
 * batch processor (tracing.ts) and, when OTLP is set, metrics; then, outside the build, the
 * environment's check (a bad value stops start-up with a message naming the variable, where Next
 * would keep serving), the metrics' observers and the local jobs.
 */
export async function registerNode(): Promise<void> {
  const otlp = Boolean(process.env.OTEL_EXPORTER_OTLP_ENDPOINT || process.env.OTEL_EXPORTER_OTLP_METRICS_ENDPOINT);
  const metricReaders = otlp ? [(await import("./otel-metrics")).otlpMetricReader(Number(process.env.OTEL_METRIC_EXPORT_INTERVAL) || 60_000)] : [];
  let traces = {};
  try {
    traces = (await import("./tracing")).traceOptions(process.env);
  } catch (err) {
    stopOnInvalidEnv(err);
  }
  registerOTel({ serviceName: process.env.OTEL_SERVICE_NAME ?? "vendaflow-web", metricReaders, ...traces });
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { env } = await import("../env");
  try {
    env();
  } catch (err) {
    stopOnInvalidEnv(err);
  }
  if (metricReaders.length) (await import("./metrics")).observeInOtel();
  (await import("./local-jobs")).startLocalJobs();
}
