import { metrics, type Counter as OtelCounter, type Histogram as OtelHistogram } from "@opentelemetry/api";
import { cacheStats } from "../cache/process-cache";

export type Labels = Record<string, string>;

/** One sample of a family rendered in Prometheus text (observed values such as the database's). */
export interface Sample {
  labels: Labels;
  value: number;
}

export interface Family {
  name: string;
  help: string;
  type: "counter" | "gauge" | "histogram";
  samples: Sample[];
}

const meter = () => metrics.getMeter("vendaflow");

/**
 * One store per process, on globalThis: Next bundles instrumentation.ts (which builds appDeps and
 * so the wrapped ports) apart from the route handlers, each with its own copy of this module, and
 * /api/metrics must see what every copy counted.
 */
const store = ((globalThis as unknown as { __vfMetrics?: MetricStore }).__vfMetrics ??= { families: new Map(), series: new Map() });
interface MetricStore {
  families: Map<string, () => Family>;
  series: Map<string, Map<string, unknown>>;
}
function shared<V>(name: string, family: () => Family): Map<string, V> {
  const series = (store.series.get(name) ?? new Map()) as Map<string, V>;
  store.series.set(name, series);
  if (!store.families.has(name)) store.families.set(name, family);
  return series;
}
// A series' key: its labels in name order (sort()'s code-unit order; names are ASCII), each value
// JSON-quoted so no value can pass for another. Runs about ten times per inbound message (each
// request and port call), so no entries array, comparator or whole-object JSON.stringify: ~0.5
// against ~2.2 µs.
function keyOf(labels: Labels): string {
  const names = Object.keys(labels);
  if (names.length > 1) names.sort();
  let key = "";
  for (const n of names) key += `${n}=${JSON.stringify(labels[n])},`;
  return key;
}

/**
 * In-process metrics kept twice on purpose: here, for the Prometheus text of /api/metrics (the
 * instance's own totals since it started), and in the OpenTelemetry meter (pushed over OTLP when
 * an exporter is configured; a no-op otherwise). The OTel instrument is made on first use, after
 * instrumentation.ts registered the meter provider.
 */
export class Counter {
  private readonly series: Map<string, Sample>;
  private otel?: OtelCounter;
  constructor(readonly name: string, readonly help: string) {
    this.series = shared(name, () => this.family());
  }
  inc(labels: Labels = {}, by = 1) {
    const key = keyOf(labels);
    const s = this.series.get(key);
    if (s) s.value += by;
    else this.series.set(key, { labels, value: by });
    (this.otel ??= meter().createCounter(this.name, { description: this.help })).add(by, labels);
  }
  family(): Family {
    return { name: this.name, help: this.help, type: "counter", samples: [...this.series.values()] };
  }
}

/** Seconds by default; buckets fit request and call durations. */
const DEFAULT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export class Histogram {
  private readonly series: Map<string, { labels: Labels; counts: number[]; sum: number; count: number }>;
  private otel?: OtelHistogram;
  constructor(readonly name: string, readonly help: string, readonly buckets = DEFAULT_BUCKETS) {
    this.series = shared(name, () => this.family());
  }
  observe(labels: Labels, value: number) {
    const key = keyOf(labels);
    let s = this.series.get(key);
    if (!s) this.series.set(key, (s = { labels, counts: this.buckets.map(() => 0), sum: 0, count: 0 }));
    for (let i = 0; i < this.buckets.length; i++) if (value <= this.buckets[i]!) s.counts[i]!++;
    s.sum += value;
    s.count++;
    (this.otel ??= meter().createHistogram(this.name, { description: this.help, unit: "s", advice: { explicitBucketBoundaries: this.buckets } })).record(value, labels);
  }
  family(): Family {
    const samples: Sample[] = [];
    for (const s of this.series.values()) {
      this.buckets.forEach((le, i) => samples.push({ labels: { ...s.labels, le: String(le) }, value: s.counts[i]! }));
      samples.push({ labels: { ...s.labels, le: "+Inf" }, value: s.count });
      samples.push({ labels: { ...s.labels, __suffix: "_sum" }, value: s.sum });
      samples.push({ labels: { ...s.labels, __suffix: "_count" }, value: s.count });
    }
    return { name: this.name, help: this.help, type: "histogram", samples };
  }
}

/** The hot-read caches' own counters (core/cache/process-cache.ts), per cache. */
const CACHE_FAMILIES = [
  { name: "vf_cache_hits_total", help: "Per-process cache hits.", type: "counter", read: (c: CacheRow) => c.hits },
  { name: "vf_cache_misses_total", help: "Per-process cache misses.", type: "counter", read: (c: CacheRow) => c.misses },
  { name: "vf_cache_invalidations_total", help: "Per-process cache invalidations (own, and whole-cache drops signalled by other instances).", type: "counter", read: (c: CacheRow) => c.invalidations },
  { name: "vf_cache_entries", help: "Entries held per cache in this process.", type: "gauge", read: (c: CacheRow) => c.entries },
] as const;
type CacheRow = ReturnType<typeof cacheStats>[number];

const cacheFamilies = (): Family[] => {
  const rows = cacheStats();
  return CACHE_FAMILIES.map((f) => ({ name: f.name, help: f.help, type: f.type, samples: rows.map((c) => ({ labels: { cache: c.name }, value: f.read(c) })) }));
};

/**
 * The caches' counters as OTel observable instruments, once per process. Called from the route
 * handlers' bundle (lib/server/route.ts), whose copy of core/cache holds the caches in use.
 */
export function observeCachesInOtel() {
  const g = globalThis as unknown as { __vfCachesObserved?: boolean };
  if (g.__vfCachesObserved) return;
  g.__vfCachesObserved = true;
  const m = meter();
  const instruments = CACHE_FAMILIES.map((f) => ({ f, i: f.type === "counter" ? m.createObservableCounter(f.name, { description: f.help }) : m.createObservableGauge(f.name, { description: f.help }) }));
  m.addBatchObservableCallback(
    (r) => {
      for (const c of cacheStats()) for (const { f, i } of instruments) r.observe(i, f.read(c), { cache: c.name });
    },
    instruments.map((x) => x.i),
  );
}

export const processFamilies = (): Family[] => [...[...store.families.values()].map((f) => f()), ...cacheFamilies()];

const escapeLabel = (v: string) => v.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');

/** Prometheus text exposition format 0.0.4. */
export function renderPrometheus(families: Family[]): string {
  const out: string[] = [];
  for (const f of families) {
    out.push(`# HELP ${f.name} ${f.help}`, `# TYPE ${f.name} ${f.type}`);
    for (const { labels, value } of f.samples) {
      const { __suffix, ...rest } = labels;
      const name = f.name + (__suffix ?? (f.type === "histogram" ? "_bucket" : ""));
      const l = Object.entries(rest).map(([k, v]) => `${k}="${escapeLabel(v)}"`);
      out.push(`${name}${l.length ? `{${l.join(",")}}` : ""} ${Number.isFinite(value) ? value : 0}`);
    }
  }
  return out.join("\n") + "\n";
}

/**
 * Families read on demand (the database's figures) as OTel observable gauges: `read` is called at
 * each export and should be cached by the caller, since every instance exports them.
 */
export function observeGaugesInOtel(families: { name: string; help: string }[], read: () => Promise<Family[]>) {
  const m = meter();
  const gauges = new Map(families.map((f) => [f.name, m.createObservableGauge(f.name, { description: f.help })]));
  m.addBatchObservableCallback(
    async (r) => {
      for (const f of await read().catch(() => [])) {
        const gauge = gauges.get(f.name);
        if (gauge) for (const s of f.samples) r.observe(gauge, s.value, s.labels);
      }
    },
    [...gauges.values()],
  );
}
