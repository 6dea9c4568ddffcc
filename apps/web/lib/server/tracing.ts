import { isSpanContextValid, SpanKind, trace, TraceFlags, type Attributes, type Context, type Link } from "@opentelemetry/api";
import { OTLPExporterBase } from "@opentelemetry/otlp-exporter-base";
import { convertLegacyHttpOptions, createOtlpHttpExportDelegate } from "@opentelemetry/otlp-exporter-base/node-http";
import { JsonTraceSerializer, ProtobufTraceSerializer, TraceExporterMetricsHelper } from "@opentelemetry/otlp-transformer";
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BatchSpanProcessor,
  ParentBasedSampler,
  SamplingDecision,
  TraceIdRatioBasedSampler,
  type ReadableSpan,
  type Sampler,
  type SamplingResult,
  type SpanExporter,
  type SpanProcessor,
} from "@opentelemetry/sdk-trace-base";

// How spans leave the process (docs/observability.md "Cost"). @vercel/otel registers the provider,
// context manager and fetch instrumentation; this module chooses the sampler, the exporter and the
// batch processor, which is where the per-message cost of tracing was (tests/load/tracing-bench.ts).

type Env = Record<string, string | undefined>;

/**
 * Next.js spans that say nothing on a warm instance and were 4 of the 14 spans of an inbound
 * webhook: finding and loading the route's module, preparing it, starting the response. The
 * request's own spans (`POST`, `POST /api/whatsapp`, `executing api route …`, rendering) are kept.
 * `NEXT_OTEL_VERBOSE=1` (Next's own switch for more spans) keeps these too.
 */
export const DROPPED_NEXT_SPAN_TYPES: ReadonlySet<string> = new Set(["NextNodeServer.findPageComponents", "LoadComponents.loadRouteModule", "RouteModule.prepare", "NextNodeServer.startResponse"]);

const notRecorded: SamplingResult = { decision: SamplingDecision.NOT_RECORD };

/**
 * The head sampler: OTEL_TRACES_SAMPLER / OTEL_TRACES_SAMPLER_ARG decide which traces are kept
 * (default parentbased_always_on: every trace, unless an incoming traceparent says "not sampled"),
 * and within a kept trace a few spans are never recorded:
 * - the Next.js spans in DROPPED_NEXT_SPAN_TYPES;
 * - an HTTP client span (the fetch instrumentation's `fetch POST …`) directly under one of our
 *   outbound-call spans (`whatsapp.send`, `qstash.schedule`, … from tracedPort), which is already
 *   the span of that call, with its service, operation, outcome and duration;
 * - anything started under a span that was not recorded, so no exported span names a parent
 *   that was never exported.
 * A dropped span still has a context (trace id, its parent's trace): logs keep their trace id.
 */
export class VendaflowSampler implements Sampler {
  constructor(
    private readonly inner: Sampler,
    private readonly keepNextInternals = false,
  ) {}

  shouldSample(ctx: Context, traceId: string, name: string, kind: SpanKind, attributes: Attributes, links: Link[]): SamplingResult {
    const parent = trace.getSpan(ctx);
    if (parent) {
      const pc = parent.spanContext();
      // A dropped span has no sampled flag; an ended one keeps it (after() work outlives its request's span).
      if (!pc.isRemote && isSpanContextValid(pc) && !(pc.traceFlags & TraceFlags.SAMPLED)) return notRecorded;
      if (kind === SpanKind.CLIENT && isOurClientSpan(parent)) return notRecorded;
    }
    if (!this.keepNextInternals) {
      const type = attributes["next.span_type"];
      if (typeof type === "string" && DROPPED_NEXT_SPAN_TYPES.has(type)) return notRecorded;
    }
    return this.inner.shouldSample(ctx, traceId, name, kind, attributes, links);
  }

  toString() {
    return `VendaflowSampler{${this.inner.toString()}}`;
  }
}

const isOurClientSpan = (span: unknown) => {
  const s = span as Partial<ReadableSpan>;
  return s.kind === SpanKind.CLIENT && s.instrumentationScope?.name === "vendaflow";
};

/** OTEL_TRACES_SAMPLER (+ _ARG, a ratio in [0, 1]) as the OpenTelemetry spec names them; throws on anything else. */
export function samplerFromEnv(env: Env): Sampler {
  const name = (env.OTEL_TRACES_SAMPLER || "parentbased_always_on").trim().toLowerCase();
  const ratio = () => {
    const raw = env.OTEL_TRACES_SAMPLER_ARG?.trim();
    const n = raw ? Number(raw) : 1;
    if (!Number.isFinite(n) || n < 0 || n > 1) throw new Error(`OTEL_TRACES_SAMPLER_ARG must be a ratio between 0 and 1 (got "${raw}")`);
    return n;
  };
  switch (name) {
    case "always_on":
      return new AlwaysOnSampler();
    case "always_off":
      return new AlwaysOffSampler();
    case "traceidratio":
      return new TraceIdRatioBasedSampler(ratio());
    case "parentbased_always_on":
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
    case "parentbased_always_off":
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case "parentbased_traceidratio":
      return new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(ratio()) });
    default:
      throw new Error(`OTEL_TRACES_SAMPLER "${name}" is not one of always_on, always_off, traceidratio, parentbased_always_on, parentbased_always_off, parentbased_traceidratio`);
  }
}

/** The traces URL: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as it is, or OTEL_EXPORTER_OTLP_ENDPOINT + /v1/traces. */
export function tracesEndpoint(env: Env): string {
  if (env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  if (env.OTEL_EXPORTER_OTLP_ENDPOINT) return `${env.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, "")}/v1/traces`;
  return "";
}

/** OTEL_EXPORTER_OTLP_HEADERS / _TRACES_HEADERS: `key=value,key2=value2`, values URL-encoded. */
export function otlpHeaders(env: Env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const list of [env.OTEL_EXPORTER_OTLP_HEADERS, env.OTEL_EXPORTER_OTLP_TRACES_HEADERS])
    for (const pair of (list ?? "").split(",")) {
      const at = pair.indexOf("=");
      if (at > 0) out[decodeURIComponent(pair.slice(0, at).trim())] = decodeURIComponent(pair.slice(at + 1).trim());
    }
  return out;
}

/**
 * OTLP/HTTP span exporter over node:http with a kept-alive agent (OpenTelemetry's own transport:
 * retries, OTEL_EXPORTER_OTLP_[TRACES_]TIMEOUT / _COMPRESSION), encoding with
 * @opentelemetry/otlp-transformer's serializers: protobuf written straight from the spans
 * (http/protobuf, the default) or JSON (http/json). @vercel/otel's own exporter encoded JSON,
 * decoded it back to a string and sent it through Next's patched fetch: about 24 µs of CPU per
 * span against about 6 here (docs/observability.md).
 */
export function otlpTraceExporter(env: Env): SpanExporter {
  const protocol = env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL || env.OTEL_EXPORTER_OTLP_PROTOCOL || "http/protobuf";
  if (protocol !== "http/protobuf" && protocol !== "http/json") throw new Error(`OTEL_EXPORTER_OTLP_PROTOCOL "${protocol}" is not supported here (http/protobuf or http/json)`);
  const json = protocol === "http/json";
  const options = convertLegacyHttpOptions({ url: tracesEndpoint(env), headers: otlpHeaders(env), keepAlive: true }, "TRACES", "v1/traces", { "Content-Type": json ? "application/json" : "application/x-protobuf" });
  // Both packages type spans with @opentelemetry/sdk-trace's ReadableSpan, the same shape as sdk-trace-base's.
  const delegate = createOtlpHttpExportDelegate(options, json ? JsonTraceSerializer : ProtobufTraceSerializer, "otlp_http_span_exporter", TraceExporterMetricsHelper, undefined);
  return new OTLPExporterBase(delegate) as unknown as SpanExporter;
}

const envInt = (v: string | undefined) => (v && /^\d+$/.test(v.trim()) ? Number(v) : undefined);

/**
 * The batch processor in front of the exporter. OTEL_BSP_* as usual; the default queue holds
 * 8192 spans instead of 2048 so a burst (200 webhooks/s is ~1,600 spans/s) waiting on a slow
 * collector is not dropped; a batch leaves at 512 spans or after 5 s (OpenTelemetry's defaults).
 */
export function spanProcessor(exporter: SpanExporter, env: Env): SpanProcessor {
  return new BatchSpanProcessor(exporter, {
    maxQueueSize: envInt(env.OTEL_BSP_MAX_QUEUE_SIZE) ?? 8192,
    maxExportBatchSize: envInt(env.OTEL_BSP_MAX_EXPORT_BATCH_SIZE) ?? 512,
    scheduledDelayMillis: envInt(env.OTEL_BSP_SCHEDULE_DELAY) ?? 5000,
    exportTimeoutMillis: envInt(env.OTEL_BSP_EXPORT_TIMEOUT) ?? 30_000,
  });
}

/**
 * registerOTel's trace options. With an OTLP endpoint: our sampler, exporter and processor. On
 * Vercel without one: @vercel/otel's own ("auto"), which feeds Vercel's tracing integrations.
 * Anywhere else without one nothing is exported, so nothing is recorded (always_off unless
 * OTEL_TRACES_SAMPLER says otherwise): spans still carry ids for the logs.
 */
export function traceOptions(env: Env): { traceSampler: Sampler; spanProcessors: (SpanProcessor | "auto")[] } {
  const keepNextInternals = env.NEXT_OTEL_VERBOSE === "1";
  if (tracesEndpoint(env)) return { traceSampler: new VendaflowSampler(samplerFromEnv(env), keepNextInternals), spanProcessors: [spanProcessor(otlpTraceExporter(env), env)] };
  if (env.VERCEL) return { traceSampler: new VendaflowSampler(samplerFromEnv(env), keepNextInternals), spanProcessors: ["auto"] };
  return { traceSampler: new VendaflowSampler(samplerFromEnv({ ...env, OTEL_TRACES_SAMPLER: env.OTEL_TRACES_SAMPLER || "always_off" }), keepNextInternals), spanProcessors: [] };
}
