import { Redis } from "@upstash/redis";
import type { CounterStore } from "@vendaflow/core/ports/counter-store";

/** max(current, seed) with the TTL set only when the key is created: one atomic step on the server. */
const SEED_AT_LEAST = `local v = tonumber(redis.call('GET', KEYS[1]))
if v == nil then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return tonumber(ARGV[1])
end
if v < tonumber(ARGV[1]) then
  redis.call('SET', KEYS[1], ARGV[1], 'KEEPTTL')
  return tonumber(ARGV[1])
end
return v`;

/**
 * Fixed-window and usage counters on Upstash Redis (REST); INCR(BY) + PEXPIRE NX in one pipeline.
 * A network failure is retried twice, 20 then 40 ms later (the SDK's default waits ~4 s over five
 * retries): with Redis down a call fails fast and its caller's policy decides (rate limits fail
 * open for leads and closed for sign-in, caches fall back to their TTL, usage counts to the ledger).
 */
export function upstashStore(url: string, token: string): CounterStore {
  const redis = new Redis({ url, token, enableAutoPipelining: false, retry: { retries: 2, backoff: (n) => 20 * 2 ** n } });
  return {
    kind: "upstash",
    async incrementWindow(key, windowMs) {
      const k = `rl:${key}`;
      const [count, , ttl] = await redis.pipeline().incr(k).pexpire(k, windowMs, "NX").pttl(k).exec<[number, number, number]>();
      return { count, resetAt: Date.now() + (ttl > 0 ? ttl : windowMs) };
    },
    async incrementBy(key, by, ttlMs) {
      const [value] = await redis.pipeline().incrby(key, by).pexpire(key, ttlMs, "NX").exec<[number, number]>();
      return value;
    },
    async read(key) {
      return Number((await redis.get<number | string>(key)) ?? 0);
    },
    async peek(key) {
      const v = await redis.get<number | string>(key);
      return v === null || v === undefined ? null : Number(v);
    },
    async seedAtLeast(key, value, ttlMs) {
      return Number(await redis.eval(SEED_AT_LEAST, [key], [String(value), String(ttlMs)]));
    },
    async ping() {
      try {
        return (await redis.ping()) === "PONG";
      } catch {
        return false;
      }
    },
  };
}
