import type { CounterStore } from "../ports/counter-store";
import type { ProcessCache } from "./process-cache";

/**
 * Which KV store signals invalidations, and the clock, for the hot-read caches. The app sets it once
 * per process (apps/web/lib/server/deps.ts), so core's readers need no extra argument; a process
 * that never sets it (a test calling core directly, a CLI) reads Postgres every time.
 */
export interface CacheContext {
  counters: CounterStore;
  now: () => Date;
}

// On globalThis for the same reason as the registry (process-cache.ts): one per process, whichever bundle asks.
const g = globalThis as unknown as { __vfCacheContext?: CacheContext | null };

export function useCachesInThisProcess(ctx: CacheContext | null) {
  g.__vfCacheContext = ctx;
}

/** `load()` through `cache` when this process uses the caches, else `load()` alone. */
export function cached<V>(cache: ProcessCache<V>, key: string, load: () => Promise<V>, store?: (v: V) => boolean): Promise<V> {
  const ctx = g.__vfCacheContext;
  return ctx ? cache.get(ctx.counters, key, ctx.now(), load, store) : load();
}
