import { Redis, errors } from "@upstash/redis";
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

/** How long, after a failed call, calls fail at once instead of trying Redis again. */
export const KV_BREAKER_MS = 1_000;

/**
 * Whether a failed call proves Redis unreachable (the breaker opens) rather than Redis answering
 * with an error. The SDK throws UpstashError when Upstash answered in its JSON: a command error
 * (WRONGTYPE, a failed script, a 400) or its own refusal (401) — Redis is there, the breaker stays
 * closed and the caller sees the error. A body that is not Upstash's JSON (UpstashJSONParseError:
 * a proxy's 502/503/504 page), a network failure, a reset or a timeout opens it. The SDK keeps the
 * HTTP status to itself, so a 5xx carrying Upstash's JSON counts as an answer.
 */
export function kvUnreachable(err: unknown): boolean {
  return !(err instanceof errors.UpstashError) || err instanceof errors.UpstashJSONParseError;
}

/**
 * Fixed-window and usage counters on Upstash Redis (REST); INCR(BY) + PEXPIRE NX in one pipeline.
 * A network failure is retried twice, 20 then 40 ms later (the SDK's default waits ~4 s over five
 * retries): with Redis down a call fails fast and its caller's policy decides (rate limits fail
 * open for leads and signed-in callers and closed for sign-in, caches fall back to their TTL, usage
 * counts to the ledger). After a failure that shows Redis unreachable (kvUnreachable; not a command
 * error such as WRONGTYPE) the store stays open-circuit for KV_BREAKER_MS: calls fail at once, so
 * an outage costs each request nothing rather than ~60 ms per KV call, and Redis gets one probe a
 * second. `ping` always asks (it is the health check).
 */
export function upstashStore(url: string, token: string): CounterStore {
  const redis = new Redis({ url, token, enableAutoPipelining: false, retry: { retries: 2, backoff: (n) => 20 * 2 ** n } });
  let downUntil = 0;
  const guarded = async <T>(call: () => Promise<T>): Promise<T> => {
    if (Date.now() < downUntil) throw new Error("KV store unavailable (circuit open after a failed call)");
    try {
      return await call();
    } catch (err) {
      if (kvUnreachable(err)) downUntil = Date.now() + KV_BREAKER_MS;
      throw err;
    }
  };
  return {
    kind: "upstash",
    incrementWindow: (key, windowMs) =>
      guarded(async () => {
        const k = `rl:${key}`;
        const [count, , ttl] = await redis.pipeline().incr(k).pexpire(k, windowMs, "NX").pttl(k).exec<[number, number, number]>();
        return { count, resetAt: Date.now() + (ttl > 0 ? ttl : windowMs) };
      }),
    incrementBy: (key, by, ttlMs) =>
      guarded(async () => {
        const [value] = await redis.pipeline().incrby(key, by).pexpire(key, ttlMs, "NX").exec<[number, number]>();
        return value;
      }),
    read: (key) => guarded(async () => Number((await redis.get<number | string>(key)) ?? 0)),
    peek: (key) =>
      guarded(async () => {
        const v = await redis.get<number | string>(key);
        return v === null || v === undefined ? null : Number(v);
      }),
    seedAtLeast: (key, value, ttlMs) => guarded(async () => Number(await redis.eval(SEED_AT_LEAST, [key], [String(value), String(ttlMs)]))),
    async ping() {
      try {
        const ok = (await redis.ping()) === "PONG";
        if (ok) downUntil = 0;
        return ok;
      } catch {
        return false;
      }
    },
  };
}
