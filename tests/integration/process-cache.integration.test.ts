import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memoryStore } from "@vendaflow/connectors/upstash/memory-store";
import { upstashStore } from "@vendaflow/connectors/upstash/upstash-store";
import { cacheStats, defineCache, VERSION_CHECK_MS } from "@vendaflow/core/cache/process-cache";
import type { CounterStore } from "@vendaflow/core/ports/counter-store";
import { startUpstashRestBridge } from "../stand-ins/upstash-rest";

// The per-process hot-read caches (core/cache): hits and misses counted, explicit invalidation at
// once here, within a second in another process sharing the KV store (real Redis behind the
// Upstash REST bridge), and a load racing an invalidation is not kept.

let bridge: Awaited<ReturnType<typeof startUpstashRestBridge>>;
beforeAll(async () => {
  bridge = await startUpstashRestBridge({ redisUrl: process.env.REDIS_URL ?? "redis://127.0.0.1:6379", token: "cache-token" });
});
afterAll(async () => {
  await bridge?.close();
});

const t0 = new Date("2026-03-02T12:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);
let n = 0;
const fresh = <V>(ttlMs = 60_000) => defineCache<V>(`test-${process.pid}-${++n}-${Date.now()}`, { ttlMs });
const statsOf = (name: string) => cacheStats().find((s) => s.name === name)!;

describe("process caches with a KV invalidation signal", () => {
  it("counts hits and misses, keeps values for the TTL and skips what `store` refuses", async () => {
    const cache = fresh<string | null>(1000);
    const kv = memoryStore();
    let loads = 0;
    const load = (v: string | null) => async () => (loads++, v);
    expect(await cache.get(kv, "a", at(0), load("um"))).toBe("um");
    expect(await cache.get(kv, "a", at(999), load("dois"))).toBe("um");
    expect(await cache.get(kv, "a", at(1000), load("três"))).toBe("três");
    expect(await cache.get(kv, "b", at(1000), load(null), (v) => v !== null)).toBeNull();
    expect(await cache.get(kv, "b", at(1001), load("quatro"), (v) => v !== null)).toBe("quatro");
    expect(loads).toBe(4);
    expect(statsOf(cache.name)).toMatchObject({ hits: 1, misses: 4, entries: 2 });
    // Another KV store (another test's process) has its own entries.
    expect(await cache.get(memoryStore(), "a", at(1001), load("cinco"))).toBe("cinco");
  });

  it("invalidation drops the key here at once and every key in another process within a second", async () => {
    const cache = fresh<number>();
    const here: CounterStore = upstashStore(bridge.url, "cache-token");
    const there: CounterStore = upstashStore(bridge.url, "cache-token");
    let value = 1;
    const load = async () => value;
    expect(await cache.get(here, "k", at(0), load)).toBe(1);
    expect(await cache.get(there, "k", at(0), load)).toBe(1);
    expect(await cache.get(there, "other", at(0), load)).toBe(1);
    value = 2;
    await cache.invalidate(here, "k");
    expect(await cache.get(here, "k", at(1), load)).toBe(2);
    // The other process compares the version key at most once a second.
    expect(await cache.get(there, "k", at(1), load)).toBe(1);
    expect(await cache.get(there, "k", at(VERSION_CHECK_MS + 1), load)).toBe(2);
    expect(await cache.get(there, "other", at(VERSION_CHECK_MS + 1), load)).toBe(2);
    // Our own signal does not make this process drop everything at its next check.
    value = 3;
    expect(await cache.get(here, "k", at(VERSION_CHECK_MS + 2), load)).toBe(2);
    expect(statsOf(cache.name).invalidations).toBe(2);
  });

  it("a load that overlaps an invalidation is returned but not kept; a dead KV store degrades to the TTL", async () => {
    const cache = fresh<string>();
    const kv = memoryStore();
    let release!: () => void;
    const slow = cache.get(kv, "k", at(0), () => new Promise<string>((r) => (release = () => r("velho"))));
    await new Promise((r) => setTimeout(r, 10));
    await cache.invalidate(kv, "k");
    release();
    expect(await slow).toBe("velho");
    expect(await cache.get(kv, "k", at(1), async () => "novo")).toBe("novo");

    // A KV store that is down: every call fails at once.
    const down = async () => Promise.reject(new Error("ECONNREFUSED"));
    const dead: CounterStore = { kind: "upstash", incrementWindow: down, incrementBy: down, read: down, peek: down, seedAtLeast: down, ping: async () => false };
    const again = fresh<string>(500);
    expect(await again.get(dead, "k", at(0), async () => "a")).toBe("a");
    await again.invalidate(dead, "k");
    expect(await again.get(dead, "k", at(1), async () => "b")).toBe("b");
    expect(await again.get(dead, "k", at(2), async () => "c")).toBe("b");
    expect(await again.get(dead, "k", at(600), async () => "d")).toBe("d");
  });
});
