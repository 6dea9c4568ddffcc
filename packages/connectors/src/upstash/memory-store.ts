import type { CounterStore } from "@vendaflow/core/ports/counter-store";

/** In-process counters for the embedded default (one process, no Redis). */
export function memoryStore(now: () => number = Date.now): CounterStore {
  const windows = new Map<string, { count: number; resetAt: number }>();
  const counters = new Map<string, { value: number; expiresAt: number }>();
  const live = (key: string) => {
    const c = counters.get(key);
    return c && c.expiresAt > now() ? c : undefined;
  };
  return {
    kind: "memory",
    async incrementWindow(key, windowMs) {
      const t = now();
      let w = windows.get(key);
      if (!w || w.resetAt <= t) {
        w = { count: 0, resetAt: t + windowMs };
        windows.set(key, w);
      }
      w.count += 1;
      if (windows.size > 50_000) for (const [k, v] of windows) if (v.resetAt <= t) windows.delete(k);
      return { count: w.count, resetAt: w.resetAt };
    },
    async incrementBy(key, by, ttlMs) {
      const c = live(key) ?? { value: 0, expiresAt: now() + ttlMs };
      c.value += by;
      counters.set(key, c);
      return c.value;
    },
    async read(key) {
      return live(key)?.value ?? 0;
    },
    async peek(key) {
      return live(key)?.value ?? null;
    },
    async seedAtLeast(key, value, ttlMs) {
      const c = live(key) ?? { value, expiresAt: now() + ttlMs };
      c.value = Math.max(c.value, value);
      counters.set(key, c);
      return c.value;
    },
    async ping() {
      return true;
    },
  };
}
