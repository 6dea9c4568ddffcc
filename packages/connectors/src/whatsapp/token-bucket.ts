// A token bucket per key (one per sending number, one per number-and-recipient pair): capacity
// tokens, refilled at ratePerSecond. acquire() resolves when a token is free, in FIFO order; each
// key has its own queue, so a burst on one number never delays another tenant's number.

export interface BucketSpec {
  /** Tokens added per second. */
  ratePerSecond: number;
  /** Most tokens held at once (the burst allowed after an idle spell). */
  capacity: number;
}

interface Bucket {
  spec: BucketSpec;
  tokens: number;
  at: number;
  queue: (() => void)[];
  timer: ReturnType<typeof setTimeout> | null;
}

export function tokenBuckets(now: () => number = () => performance.now()) {
  const buckets = new Map<string, Bucket>();

  function refill(b: Bucket) {
    const t = now();
    b.tokens = Math.min(b.spec.capacity, b.tokens + ((t - b.at) / 1000) * b.spec.ratePerSecond);
    b.at = t;
  }

  function drain(b: Bucket) {
    b.timer = null;
    refill(b);
    while (b.queue.length && b.tokens >= 1) {
      b.tokens -= 1;
      b.queue.shift()!();
    }
    if (b.queue.length) b.timer = setTimeout(() => drain(b), Math.max(1, ((1 - b.tokens) / b.spec.ratePerSecond) * 1000));
  }

  return {
    /** Waits for one token of key's bucket (created with spec on first use; a new spec replaces the old). */
    acquire(key: string, spec: BucketSpec): Promise<void> {
      let b = buckets.get(key);
      if (!b) {
        b = { spec, tokens: spec.capacity, at: now(), queue: [], timer: null };
        buckets.set(key, b);
      } else if (b.spec.ratePerSecond !== spec.ratePerSecond || b.spec.capacity !== spec.capacity) {
        refill(b);
        b.spec = spec;
        b.tokens = Math.min(b.tokens, spec.capacity);
      }
      const bucket = b;
      return new Promise<void>((resolve) => {
        bucket.queue.push(resolve);
        if (!bucket.timer) drain(bucket);
      });
    },
    /** Buckets idle and full can be forgotten (keeps memory flat with many recipients). */
    sweep() {
      for (const [key, b] of buckets) {
        refill(b);
        if (!b.queue.length && b.tokens >= b.spec.capacity) buckets.delete(key);
      }
    },
    size: () => buckets.size,
  };
}

/** At most `limit` calls in flight per key; the rest wait in FIFO order. */
export function concurrencyLimits() {
  const slots = new Map<string, { active: number; waiting: (() => void)[] }>();
  return async function run<T>(key: string, limit: number, call: () => Promise<T>): Promise<T> {
    const s = slots.get(key) ?? { active: 0, waiting: [] };
    slots.set(key, s);
    if (s.active >= limit) await new Promise<void>((resolve) => s.waiting.push(resolve));
    s.active++;
    try {
      return await call();
    } finally {
      s.active--;
      const next = s.waiting.shift();
      if (next) next();
      else if (s.active === 0) slots.delete(key);
    }
  };
}
