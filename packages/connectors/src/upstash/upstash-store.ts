import { Redis } from "@upstash/redis";
import type { CounterStore } from "@vendaflow/core/ports/counter-store";

/** Fixed-window and usage counters on Upstash Redis (REST); INCR(BY) + PEXPIRE NX in one pipeline. */
export function upstashStore(url: string, token: string): CounterStore {
  const redis = new Redis({ url, token, enableAutoPipelining: false });
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
    async ping() {
      try {
        return (await redis.ping()) === "PONG";
      } catch {
        return false;
      }
    },
  };
}
