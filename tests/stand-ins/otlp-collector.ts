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

// --- OTLP protobuf (opentelemetry/proto/collector/trace/v1), read by field number ---------------

type Field = { no: number; wire: number; int: bigint; bytes: Buffer };

function* fields(buf: Buffer): Generator<Field> {
  let pos = 0;
  const varint = () => {
    let result = 0n;
    for (let shift = 0n; ; shift += 7n) {
      if (pos >= buf.length) throw new Error("truncated varint");
      const b = buf[pos++]!;
      result |= BigInt(b & 0x7f) << shift;
      if (!(b & 0x80)) return result;
    }
  };
  while (pos < buf.length) {
    const tag = Number(varint());
    const no = tag >>> 3;
    const wire = tag & 7;
    if (wire === 0) yield { no, wire, int: varint(), bytes: Buffer.alloc(0) };
    else if (wire === 1) {
      yield { no, wire, int: buf.readBigUInt64LE(pos), bytes: buf.subarray(pos, pos + 8) };
      pos += 8;
    } else if (wire === 2) {
      const len = Number(varint());
      if (pos + len > buf.length) throw new Error("truncated field");
      yield { no, wire, int: 0n, bytes: buf.subarray(pos, pos + len) };
      pos += len;
    } else if (wire === 5) {
      yield { no, wire, int: BigInt(buf.readUInt32LE(pos)), bytes: buf.subarray(pos, pos + 4) };
      pos += 4;
    } else throw new Error(`wire type ${wire}`);
  }
}

const anyValuePb = (buf: Buffer): AnyValue => {
  for (const f of fields(buf)) {
    if (f.no === 1) return { stringValue: f.bytes.toString("utf8") };
    if (f.no === 2) return { boolValue: f.int !== 0n };
    if (f.no === 3) return { intValue: BigInt.asIntN(64, f.int).toString() };
    if (f.no === 4) return { doubleValue: f.bytes.readDoubleLE(0) };
    if (f.no === 5) return { arrayValue: { values: [...fields(f.bytes)].filter((v) => v.no === 1).map((v) => anyValuePb(v.bytes)) } };
  }
  return {};
};
const keyValuePb = (buf: Buffer): KeyValue => {
  let key = "";
  let value: AnyValue = {};
  for (const f of fields(buf)) {
    if (f.no === 1) key = f.bytes.toString("utf8");
    else if (f.no === 2) value = anyValuePb(f.bytes);
  }
  return { key, value };
};

/** ExportTraceServiceRequest (protobuf) in the JSON encoding's shape. */
function traceRequestFromProtobuf(buf: Buffer) {
  const hex = (b: Buffer) => b.toString("hex");
  const resourceSpans = [];
  for (const rs of fields(buf)) {
    if (rs.no !== 1) continue;
    const out = { resource: { attributes: [] as KeyValue[] }, scopeSpans: [] as { spans: unknown[] }[] };
    for (const f of fields(rs.bytes)) {
      if (f.no === 1) for (const a of fields(f.bytes)) if (a.no === 1) out.resource.attributes.push(keyValuePb(a.bytes));
      if (f.no !== 2) continue;
      const spans = [];
      for (const sf of fields(f.bytes)) {
        if (sf.no !== 2) continue;
        const span: Record<string, unknown> & { attributes: KeyValue[]; status: { code?: number; message?: string } } = { attributes: [], status: {}, parentSpanId: "" };
        for (const x of fields(sf.bytes)) {
          if (x.no === 1) span.traceId = hex(x.bytes);
          else if (x.no === 2) span.spanId = hex(x.bytes);
          else if (x.no === 4) span.parentSpanId = hex(x.bytes);
          else if (x.no === 5) span.name = x.bytes.toString("utf8");
          else if (x.no === 6) span.kind = Number(x.int);
          else if (x.no === 9) span.attributes.push(keyValuePb(x.bytes));
          else if (x.no === 15)
            for (const st of fields(x.bytes)) {
              if (st.no === 2) span.status.message = st.bytes.toString("utf8");
              if (st.no === 3) span.status.code = Number(st.int);
            }
        }
        spans.push(span);
      }
      out.scopeSpans.push({ spans });
    }
    resourceSpans.push(out);
  }
  return { resourceSpans };
}

/**
 * A local OpenTelemetry collector speaking OTLP/HTTP: `POST /v1/traces` in either encoding
 * (`application/x-protobuf`, the exporters' default `http/protobuf`, or `application/json`),
 * `POST /v1/metrics` in JSON. Answers 200 (the partial-success shape, empty) and keeps what it
 * got, flattened for assertions; `requests` counts the bodies by path and content type. Anything
 * else (protobuf metrics, an unknown type) gets 415, so a misconfigured exporter sees nothing arrive.
 */
export async function startOtlpCollector() {
  const spans: CollectedSpan[] = [];
  const metrics: CollectedMetric[] = [];
  const requests: Record<string, number> = {};
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (req.method !== "POST" || !["/v1/traces", "/v1/metrics", "/v1/logs"].includes(req.url ?? "")) {
        res.writeHead(404).end();
        return;
      }
      const type = String(req.headers["content-type"]).split(";")[0]!.trim();
      if (req.url === "/v1/traces" && type === "application/x-protobuf") {
        let body;
        try {
          body = traceRequestFromProtobuf(Buffer.concat(chunks));
        } catch {
          res.writeHead(400).end();
          return;
        }
        requests[`${req.url} ${type}`] = (requests[`${req.url} ${type}`] ?? 0) + 1;
        collectSpans(body);
        res.writeHead(200, { "content-type": "application/x-protobuf" }).end();
        return;
      }
      if (type !== "application/json") {
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
      requests[`${req.url} ${type}`] = (requests[`${req.url} ${type}`] ?? 0) + 1;
      if (req.url === "/v1/traces") collectSpans(body);
      else if (req.url === "/v1/metrics") {
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
  function collectSpans(body: any) {
    for (const rs of body.resourceSpans ?? []) {
      const resource = attrs(rs.resource?.attributes);
      for (const ss of rs.scopeSpans ?? [])
        for (const s of ss.spans ?? [])
          spans.push({ traceId: s.traceId, spanId: s.spanId, parentSpanId: s.parentSpanId ?? "", name: s.name, kind: s.kind, status: s.status ?? {}, attributes: attrs(s.attributes), resource });
    }
  }
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    spans,
    metrics,
    requests,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
