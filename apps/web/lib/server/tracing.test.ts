import { ROOT_CONTEXT, SpanKind, trace, TraceFlags, type Attributes, type Context, type Span } from "@opentelemetry/api";
import { BasicTracerProvider, InMemorySpanExporter, SamplingDecision, SimpleSpanProcessor, type ReadableSpan } from "@opentelemetry/sdk-trace-base";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { otlpHeaders, otlpTraceExporter, samplerFromEnv, traceOptions, VendaflowSampler } from "./tracing";

const TRACE = "0af7651916cd43dd8448eb211c80319c";
const decide = (env: Record<string, string>, traceId = TRACE, ctx: Context = ROOT_CONTEXT) => samplerFromEnv(env).shouldSample(ctx, traceId, "POST /api/x", SpanKind.SERVER, {}, []).decision;
const remoteParent = (sampled: boolean) => trace.setSpanContext(ROOT_CONTEXT, { traceId: TRACE, spanId: "b7ad6b7169203331", traceFlags: sampled ? TraceFlags.SAMPLED : TraceFlags.NONE, isRemote: true });

describe("OTEL_TRACES_SAMPLER / OTEL_TRACES_SAMPLER_ARG", () => {
  it("defaults to parentbased_always_on: every new trace, but an incoming 'not sampled' is obeyed", () => {
    expect(decide({})).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    expect(decide({}, TRACE, remoteParent(false))).toBe(SamplingDecision.NOT_RECORD);
  });

  it("always_off records nothing, always_on ignores the caller's flag", () => {
    expect(decide({ OTEL_TRACES_SAMPLER: "always_off" })).toBe(SamplingDecision.NOT_RECORD);
    expect(decide({ OTEL_TRACES_SAMPLER: "always_on" }, TRACE, remoteParent(false))).toBe(SamplingDecision.RECORD_AND_SAMPLED);
  });

  it("parentbased_traceidratio keeps about the ratio of new traces and follows a caller's decision", () => {
    const env = { OTEL_TRACES_SAMPLER: "parentbased_traceidratio", OTEL_TRACES_SAMPLER_ARG: "0.25" };
    let kept = 0;
    for (let i = 0; i < 4000; i++) {
      const id = (BigInt(i) * 0x9e3779b97f4a7c15n).toString(16).padStart(32, "0").slice(-32);
      if (decide(env, id) === SamplingDecision.RECORD_AND_SAMPLED) kept++;
    }
    expect(kept / 4000).toBeGreaterThan(0.2);
    expect(kept / 4000).toBeLessThan(0.3);
    const none = { OTEL_TRACES_SAMPLER: "parentbased_traceidratio", OTEL_TRACES_SAMPLER_ARG: "0" };
    expect(decide(none)).toBe(SamplingDecision.NOT_RECORD);
    expect(decide(none, TRACE, remoteParent(true))).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    expect(decide({ OTEL_TRACES_SAMPLER: "traceidratio", OTEL_TRACES_SAMPLER_ARG: "1" })).toBe(SamplingDecision.RECORD_AND_SAMPLED);
  });

  it("refuses a name or ratio it does not know instead of silently tracing everything", () => {
    expect(() => samplerFromEnv({ OTEL_TRACES_SAMPLER: "sometimes" })).toThrow(/OTEL_TRACES_SAMPLER/);
    expect(() => samplerFromEnv({ OTEL_TRACES_SAMPLER: "traceidratio", OTEL_TRACES_SAMPLER_ARG: "10%" })).toThrow(/OTEL_TRACES_SAMPLER_ARG/);
    expect(() => samplerFromEnv({ OTEL_TRACES_SAMPLER: "traceidratio", OTEL_TRACES_SAMPLER_ARG: "1.5" })).toThrow(/OTEL_TRACES_SAMPLER_ARG/);
  });

  it("without an endpoint (and off Vercel) nothing would be exported, so nothing is recorded unless asked", () => {
    const none = traceOptions({});
    expect(none.spanProcessors).toEqual([]);
    expect(none.traceSampler.shouldSample(ROOT_CONTEXT, TRACE, "x", SpanKind.SERVER, {}, []).decision).toBe(SamplingDecision.NOT_RECORD);
    expect(traceOptions({ OTEL_TRACES_SAMPLER: "always_on" }).traceSampler.shouldSample(ROOT_CONTEXT, TRACE, "x", SpanKind.SERVER, {}, []).decision).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    const otlp = traceOptions({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://127.0.0.1:4318" });
    expect(otlp.spanProcessors).toHaveLength(1);
    expect(otlp.spanProcessors[0]).not.toBe("auto");
    expect(traceOptions({ VERCEL: "1" }).spanProcessors).toEqual(["auto"]);
  });
});

/** A webhook's span tree as Next and our wrappers start it, under the sampler. */
function webhookTree(sampler: VendaflowSampler) {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ sampler, spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const next = provider.getTracer("next.js");
  const ours = provider.getTracer("vendaflow");
  const fetchTracer = provider.getTracer("@vercel/otel/fetch");
  const under = (parent: Span) => trace.setSpan(ROOT_CONTEXT, parent);
  const nextSpan = (name: string, type: string, parent?: Span, kind = SpanKind.INTERNAL) => next.startSpan(name, { kind, attributes: { "next.span_type": type } satisfies Attributes }, parent ? under(parent) : ROOT_CONTEXT);
  const root = nextSpan("POST", "BaseServer.handleRequest", undefined, SpanKind.SERVER);
  const request = nextSpan("POST /api/whatsapp", "BaseServer.handleRequest", root, SpanKind.SERVER);
  const resolve = nextSpan("resolve page components", "NextNodeServer.findPageComponents", request);
  const load = nextSpan("load route module", "LoadComponents.loadRouteModule", resolve);
  const stray = ours.startSpan("something inside a dropped span", {}, under(load));
  const run = nextSpan("executing api route (app) /api/whatsapp", "AppRouteRouteHandlers.runHandler", request);
  const routeSpan = ours.startSpan("POST /api/whatsapp", { kind: SpanKind.SERVER, attributes: { "vf.request_id": "r1" } }, under(run));
  const send = ours.startSpan("whatsapp.send", { kind: SpanKind.CLIENT }, under(routeSpan));
  const httpCall = fetchTracer.startSpan("fetch POST http://graph/messages", { kind: SpanKind.CLIENT, attributes: { "http.url": "http://graph/messages" } }, under(send));
  const bareFetch = fetchTracer.startSpan("fetch GET http://elsewhere/", { kind: SpanKind.CLIENT }, under(routeSpan));
  const startResponse = nextSpan("start response", "NextNodeServer.startResponse", request);
  for (const s of [httpCall, bareFetch, send, routeSpan, stray, load, resolve, startResponse, run, request, root]) s.end();
  // after(): the bot's reply goes out once the response (and the route's span) has ended.
  const later = ours.startSpan("whatsapp.send (after)", { kind: SpanKind.CLIENT }, under(routeSpan));
  fetchTracer.startSpan("fetch POST http://graph/messages (after)", { kind: SpanKind.CLIENT }, under(later)).end();
  later.end();
  return { spans: exporter.getFinishedSpans(), root, request, run, routeSpan, send, logIds: [load, httpCall].map((s) => s.spanContext()) };
}

describe("VendaflowSampler", () => {
  it("records the request, the route, the outbound call and other HTTP calls; drops Next's module loading and the HTTP span inside our call span, with no orphans", () => {
    const t = webhookTree(new VendaflowSampler(samplerFromEnv({})));
    const names = t.spans.map((s) => s.name).sort();
    expect(names).toEqual(["POST", "POST /api/whatsapp", "POST /api/whatsapp", "executing api route (app) /api/whatsapp", "fetch GET http://elsewhere/", "whatsapp.send", "whatsapp.send (after)"]);
    const ids = new Set(t.spans.map((s) => s.spanContext().spanId));
    for (const s of t.spans) if (s.parentSpanContext) expect(ids.has(s.parentSpanContext.spanId), `${s.name}'s parent was exported`).toBe(true);
    const route = t.spans.find((s) => s.instrumentationScope.name === "vendaflow" && s.name === "POST /api/whatsapp")!;
    expect(route.parentSpanContext?.spanId).toBe(t.run.spanContext().spanId);
    expect(route.attributes["vf.request_id"]).toBe("r1");
    // Dropped spans still belong to the trace: a log line written inside one names it.
    for (const c of t.logIds) expect(c.traceId).toBe(t.root.spanContext().traceId);
  });

  it("drops children of an unrecorded span even when the inner sampler would record them (always_on)", () => {
    const t = webhookTree(new VendaflowSampler(samplerFromEnv({ OTEL_TRACES_SAMPLER: "always_on" })));
    expect(t.spans.map((s) => s.name)).not.toContain("something inside a dropped span");
  });

  it("keeps Next's internal spans with NEXT_OTEL_VERBOSE=1", () => {
    const t = webhookTree(new VendaflowSampler(samplerFromEnv({}), true));
    expect(t.spans.map((s) => s.name)).toEqual(expect.arrayContaining(["resolve page components", "load route module", "start response", "something inside a dropped span"]));
  });

  it("records nothing of a trace the inner sampler refuses", () => {
    expect(webhookTree(new VendaflowSampler(samplerFromEnv({ OTEL_TRACES_SAMPLER: "always_off" }))).spans).toEqual([]);
  });
});

describe("otlpTraceExporter", () => {
  // Bodies as they arrive; tests/stand-ins/otlp-collector.ts decodes both encodings for the
  // integration test (observability.integration.test.ts, protobuf end to end through the app).
  const bodies: { url: string; type: string; apiKey: unknown; body: Buffer }[] = [];
  let server: http.Server;
  let url: string;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        bodies.push({ url: req.url ?? "", type: String(req.headers["content-type"]), apiKey: req.headers["x-api-key"], body: Buffer.concat(chunks) });
        res.writeHead(200, { "content-type": String(req.headers["content-type"]) }).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const spansToExport = (): ReadableSpan[] => {
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    const t = provider.getTracer("vendaflow");
    const parent = t.startSpan("trpc leads.list", { attributes: { "rpc.method": "leads.list", "db.statement_count": 3, "db.time_ms": 1.25, "vf.ok": true } });
    const child = t.startSpan("whatsapp.send", { kind: SpanKind.CLIENT, attributes: { "peer.service": "whatsapp" } }, trace.setSpan(ROOT_CONTEXT, parent));
    child.setStatus({ code: 2, message: "Graph said 500" });
    child.end();
    parent.end();
    return exporter.getFinishedSpans();
  };
  const exportTo = async (env: Record<string, string>) => {
    const exporter = otlpTraceExporter(env);
    const spans = spansToExport();
    const result = await new Promise<{ code: number }>((resolve) => exporter.export(spans, resolve));
    await exporter.shutdown();
    return { result, spans, got: bodies.at(-1)! };
  };

  it("http/protobuf by default, to OTEL_EXPORTER_OTLP_ENDPOINT/v1/traces with OTEL_EXPORTER_OTLP_HEADERS", async () => {
    const { result, spans, got } = await exportTo({ OTEL_EXPORTER_OTLP_ENDPOINT: `${url}/`, OTEL_EXPORTER_OTLP_HEADERS: "x-api-key=abc%3D1" });
    expect(result.code).toBe(0);
    expect(got).toMatchObject({ url: "/v1/traces", type: "application/x-protobuf", apiKey: "abc=1" });
    // Protobuf carries ids as raw bytes and strings as UTF-8.
    expect(got.body.includes(Buffer.from(spans[0]!.spanContext().traceId, "hex"))).toBe(true);
    expect(got.body.includes(Buffer.from("whatsapp.send"))).toBe(true);
    expect(got.body.includes(Buffer.from("Graph said 500"))).toBe(true);
  });

  it("http/json with its ids, parents, kinds, status and typed attributes; a traces endpoint is used as it is", async () => {
    const { result, spans, got } = await exportTo({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${url}/custom/traces`, OTEL_EXPORTER_OTLP_PROTOCOL: "http/json" });
    expect(result.code).toBe(0);
    expect(got).toMatchObject({ url: "/custom/traces", type: "application/json" });
    const sent = JSON.parse(got.body.toString("utf8")).resourceSpans[0].scopeSpans[0].spans as { name: string; spanId: string; parentSpanId?: string; kind: number; status: object; attributes: { key: string; value: object }[] }[];
    const parent = sent.find((s) => s.name === "trpc leads.list")!;
    const child = sent.find((s) => s.name === "whatsapp.send")!;
    expect(parent.spanId).toBe(spans[1]!.spanContext().spanId);
    expect(child.parentSpanId).toBe(parent.spanId);
    expect([parent.kind, child.kind]).toEqual([1, 3]);
    expect(child.status).toMatchObject({ code: 2, message: "Graph said 500" });
    expect(parent.attributes).toEqual(expect.arrayContaining([{ key: "db.statement_count", value: { intValue: 3 } }, { key: "db.time_ms", value: { doubleValue: 1.25 } }, { key: "vf.ok", value: { boolValue: true } }]));
  });

  it("refuses a protocol it cannot speak", () => {
    expect(() => otlpTraceExporter({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://127.0.0.1:1", OTEL_EXPORTER_OTLP_PROTOCOL: "grpc" })).toThrow(/grpc/);
  });

  it("reads OTEL_EXPORTER_OTLP_HEADERS pairs, URL-decoded, traces' own last", () => {
    expect(otlpHeaders({ OTEL_EXPORTER_OTLP_HEADERS: "x-api-key=abc%3D1, dd-site = eu", OTEL_EXPORTER_OTLP_TRACES_HEADERS: "dd-site=us" })).toEqual({ "x-api-key": "abc=1", "dd-site": "us" });
  });
});
