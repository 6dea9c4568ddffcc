/**
 * KV: the slice of a key-value store that rate-limit counters, usage counters and health checks need. Adapters:
 * Upstash Redis REST (`connectors/upstash/upstash-store`) and in-process memory for the
 * embedded default (`connectors/upstash/memory-store`).
 */
export interface CounterStore {
  readonly kind: "upstash" | "memory";
  /** Increments key and returns the new count; the key expires windowMs after its first increment. */
  incrementWindow(key: string, windowMs: number): Promise<{ count: number; resetAt: number }>;
  /** Adds `by` to a usage counter (kept ttlMs after its first increment); returns the new value. */
  incrementBy(key: string, by: number, ttlMs: number): Promise<number>;
  /** A usage counter's value, 0 when absent. */
  read(key: string): Promise<number>;
  /** A counter's value, or null when the key is absent (never set, expired or evicted). */
  peek(key: string): Promise<number | null>;
  /**
   * Raises a counter to at least `value` in one atomic step (a missing key is created with it and
   * kept ttlMs); returns the value after. Seeding from the ledger this way never lowers a counter
   * that concurrent increments already moved past the seed.
   */
  seedAtLeast(key: string, value: number, ttlMs: number): Promise<number>;
  ping(): Promise<boolean>;
}
