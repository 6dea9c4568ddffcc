/**
 * KV: the slice of a key-value store that rate-limit counters and health checks need. Adapters:
 * Upstash Redis REST (`connectors/upstash/upstash-store`) and in-process memory for the
 * embedded default (`connectors/upstash/memory-store`).
 */
export interface CounterStore {
  readonly kind: "upstash" | "memory";
  /** Increments key and returns the new count; the key expires windowMs after its first increment. */
  incrementWindow(key: string, windowMs: number): Promise<{ count: number; resetAt: number }>;
  ping(): Promise<boolean>;
}
