import type { CounterStore } from "../ports/counter-store";

/**
 * Per-process caches of hot reads (tenant by host, inbox routes and settings, published flows,
 * plan limits, listening automations, score weights) with explicit invalidation that every
 * instance sees.
 *
 * - Each cache is named; its entries live per KV store instance (one per process in the app; each
 *   test's store gets its own, like billing/quota-gate), keyed by whatever the caller says (always
 *   led by the tenant id for tenant data, so an entry read under one tenant's RLS never serves another).
 * - A writer calls `invalidate` after its commit (or queues it on `AfterCommit.invalidate`): the
 *   entry goes from this process at once and the cache's version key in the KV store moves. Every
 *   process compares that key at most once per VERSION_CHECK_MS (one KV read a second per cache,
 *   on whichever request comes first) and drops the whole cache when it moved, so another instance serves the old value for at most about a second. A KV failure is
 *   swallowed: the TTL still bounds how long a missed signal keeps a stale entry.
 * - A load that overlaps a local invalidation is not stored (it may have read the old row).
 * - Hit, miss and invalidation counts per cache are process-wide (`cacheStats`), for metrics.
 */

export const VERSION_CHECK_MS = 1_000;
const VERSION_TTL_MS = 400 * 86_400_000;

export interface CacheStats {
  name: string;
  hits: number;
  misses: number;
  /** Explicit invalidations made here plus whole-cache drops after another process signalled one. */
  invalidations: number;
  /** Entries held now, over every KV store instance of this process. */
  entries: number;
}

interface State<V> {
  entries: Map<string, { value: V; loadedAt: number }>;
  version: number | null;
  versionCheckedAt: number;
  /** Bumped by every invalidation seen here; a load started before it is not stored. */
  generation: number;
}

/** Anything AfterCommit.invalidate can name: a cache and, optionally, one of its keys. */
export interface Invalidates {
  invalidate(counters: CounterStore, key?: string): Promise<void>;
}

export interface ProcessCache<V> extends Invalidates {
  readonly name: string;
  /** The cached value, or `load()`'s (stored unless `store` says no, e.g. an empty answer). */
  get(counters: CounterStore, key: string, now: Date, load: () => Promise<V>, store?: (v: V) => boolean): Promise<V>;
}

interface Registered {
  cache: ProcessCache<unknown>;
  stats: CacheStats;
  maps: Set<WeakRef<Map<string, unknown>>>;
}

// On globalThis: Next bundles the proxy and the route handlers separately, and each bundle's copy
// of this module must find the same caches (one state and one set of counters per process).
const g = globalThis as unknown as { __vfCaches?: Map<string, Registered> };
const registry = (g.__vfCaches ??= new Map<string, Registered>());

export const cacheVersionKey = (name: string) => `cache:${name}:version`;

/**
 * Declares a named cache. `versionKey` lets a cache keep a key other code already moves
 * (the billing gate's `billing:gate:version`).
 */
export function defineCache<V>(name: string, o: { ttlMs: number; maxEntries?: number; versionKey?: string }): ProcessCache<V> {
  const known = registry.get(name);
  if (known) return known.cache as ProcessCache<V>;
  const stats: CacheStats = { name, hits: 0, misses: 0, invalidations: 0, entries: 0 };
  const states = new WeakMap<CounterStore, State<V>>();
  const maps = new Set<WeakRef<Map<string, unknown>>>();
  const versionKey = o.versionKey ?? cacheVersionKey(name);
  const maxEntries = o.maxEntries ?? 20_000;

  const stateOf = (counters: CounterStore): State<V> => {
    let s = states.get(counters);
    if (!s) {
      s = { entries: new Map(), version: null, versionCheckedAt: -Infinity, generation: 0 };
      states.set(counters, s);
      maps.add(new WeakRef(s.entries));
    }
    return s;
  };

  const cache: ProcessCache<V> = {
    name,
    async get(counters, key, now, load, store = () => true) {
      const s = stateOf(counters);
      const t = now.getTime();
      if (t - s.versionCheckedAt >= VERSION_CHECK_MS || t < s.versionCheckedAt) {
        s.versionCheckedAt = t;
        const v = (await counters.peek(versionKey).catch(() => null)) ?? 0;
        if (s.version !== null && v !== s.version && s.entries.size) {
          s.entries.clear();
          s.generation++;
          stats.invalidations++;
        }
        s.version = v;
      }
      const hit = s.entries.get(key);
      if (hit && t - hit.loadedAt < o.ttlMs && t >= hit.loadedAt) {
        stats.hits++;
        return hit.value;
      }
      stats.misses++;
      const generation = s.generation;
      const value = await load();
      if (generation === s.generation && store(value)) {
        if (s.entries.size >= maxEntries) {
          for (const [k, e] of s.entries) if (t - e.loadedAt >= o.ttlMs) s.entries.delete(k);
          if (s.entries.size >= maxEntries) s.entries.clear();
        }
        s.entries.set(key, { value, loadedAt: t });
      }
      return value;
    },
    async invalidate(counters, key) {
      const s = stateOf(counters);
      if (key === undefined) s.entries.clear();
      else s.entries.delete(key);
      s.generation++;
      stats.invalidations++;
      const v = await counters.incrementBy(versionKey, 1, VERSION_TTL_MS).catch(() => null);
      // Our own signal needs no whole-cache drop here; if another process moved the key as well,
      // the next check sees a version we did not set and drops everything.
      if (v !== null && s.version !== null && v === s.version + 1) s.version = v;
    },
  };
  registry.set(name, { cache: cache as ProcessCache<unknown>, stats, maps });
  return cache;
}

/** Every cache of this process with its counters (read by the metrics endpoint). */
export function cacheStats(): CacheStats[] {
  return [...registry.values()].map(({ stats, maps }) => {
    let entries = 0;
    for (const ref of maps) {
      const m = ref.deref();
      if (m) entries += m.size;
      else maps.delete(ref);
    }
    return { ...stats, entries };
  });
}
