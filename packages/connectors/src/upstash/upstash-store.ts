import { Redis } from "@upstash/redis";
import type { CounterStore } from "@vendaflow/core/ports/counter-store";

/** Fixed-window counters on Upstash Redis (REST); INCR + PEXPIRE NX in one pipeline. */
export function upstashStore(url: string, token: string): CounterStore {
  const redis = new Redis({ url, token, enableAutoPipelining: false });
  return {
    kind: "upstash",
    async incrementWindow(key, windowMs) {
      const k = `rl:${key}`;
      const [count, , ttl] = await redis.pipeline().incr(k).pexpire(k, windowMs, "NX").pttl(k).exec<[number, number, number]>();
      return { count, resetAt: Date.now() + (ttl > 0 ? ttl : windowMs) };
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
