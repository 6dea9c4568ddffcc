/** The slice of a key-value store that counters and health checks need. */
export interface CounterStore {
  readonly kind: "upstash" | "memory";
  /** Increments key and returns the new count; the key expires windowMs after its first increment. */
  incrementWindow(key: string, windowMs: number): Promise<{ count: number; resetAt: number }>;
  ping(): Promise<boolean>;
}
