import http from "node:http";
import type { AddressInfo } from "node:net";

type AnyValue = { stringValue?: string; intValue?: string | number; doubleValue?: number; boolValue?: boolean; arrayValue?: { values: AnyValue[] } };
type KeyValue = { key: string; value: AnyValue };

export interface CollectedSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  /** OTLP SpanKind: 1 internal, 2 server, 3 client. */
  kind: number;
  status: { code?: number; message?: string };
  attributes: Record<string, string | number | boolean | unknown[]>;
  resource: Record<string, unknown>;
}

export interface CollectedMetric {
  name: string;
  /** Each data point's attributes and value (sum/gauge value, or a histogram's count). */
  points: { attributes: Record<string, unknown>; value: number }[];
}

const value = (v: AnyValue): string | number | boolean | unknown[] =>
  v.stringValue ?? (v.intValue !== undefined ? Number(v.intValue) : undefined) ?? v.doubleValue ?? v.boolValue ?? v.arrayValue?.values.map(value) ?? "";
const attrs = (kvs: KeyValue[] = []) => Object.fromEntries(kvs.map((kv) => [kv.key, value(kv.value)]));

/**
 * A local OpenTelemetry collector speaking OTLP/HTTP with JSON bodies (the exporters' `http/json`
 * protocol): `POST /v1/traces` and `POST /v1/metrics` answer 200 `{}` (the partial-success shape)
 * and keep what they got, flattened for assertions. Protobuf bodies get 415, so a test that forgot
 * OTEL_EXPORTER_OTLP_PROTOCOL=http/json sees nothing arrive.
 */
export async function startOtlpCollector() {
  const spans: CollectedSpan[] = [];
  const metrics: CollectedMetric[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (req.method !== "POST" || !["/v1/traces", "/v1/metrics", "/v1/logs"].includes(req.url ?? "")) {
        res.writeHead(404).end();
        return;
      }
      if (!String(req.headers["content-type"]).startsWith("application/json")) {
        res.writeHead(415, { "content-type": "application/json" }).end(JSON.stringify({ code: 3, message: "this stand-in reads OTLP/JSON only" }));
        return;
      }
      let body: any;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        res.writeHead(400).end();
        return;
      }
      if (req.url === "/v1/traces") {
        for (const rs of body.resourceSpans ?? []) {
          const resource = attrs(rs.resource?.attributes);
          for (const ss of rs.scopeSpans ?? [])
            for (const s of ss.spans ?? [])
              spans.push({ traceId: s.traceId, spanId: s.spanId, parentSpanId: s.parentSpanId ?? "", name: s.name, kind: s.kind, status: s.status ?? {}, attributes: attrs(s.attributes), resource });
        }
      } else if (req.url === "/v1/metrics") {
        for (const rm of body.resourceMetrics ?? [])
          for (const sm of rm.scopeMetrics ?? [])
            for (const m of sm.metrics ?? []) {
              const data = m.sum ?? m.gauge ?? m.histogram;
              metrics.push({
                name: m.name,
                points: (data?.dataPoints ?? []).map((p: any) => ({ attributes: attrs(p.attributes), value: Number(p.asInt ?? p.asDouble ?? p.count ?? 0) })),
              });
            }
      }
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    spans,
    metrics,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
