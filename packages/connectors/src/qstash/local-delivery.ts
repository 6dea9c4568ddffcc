import { sql } from "kysely";
import type { Database } from "@vendaflow/db/create-db";
import { signQStashRequest } from "./sign-request";

export type DeliveryLog = (level: "info" | "warn" | "error", message: string, data?: Record<string, unknown>) => void;

export interface LocalDeliveryOptions {
  db: Database;
  /** Signs each callback as QStash would; endpoints verify it with this key as their current key. */
  signingKey: string;
  intervalMs?: number;
  fetch?: typeof fetch;
  log?: DeliveryLog;
  /** Jobs claimed per round. */
  batchSize?: number;
  /** Only deliver jobs whose destination starts with this (several apps or test runs sharing one database). */
  destinationPrefix?: string;
  /**
   * Where a job is actually POSTed: this server's own listening address, since the public URL
   * (ROOT_DOMAIN) may not lead back here in development. The signature still covers the public URL.
   */
  target?: (destination: string) => string;
}

export interface LocalDelivery {
  stop(): Promise<void>;
  /** One claim-and-deliver round; resolves to the number of jobs delivered (2xx). */
  runOnce(): Promise<number>;
}

/** After this many failed attempts a job stays in the table, undelivered, for inspection (counted by /api/health). */
export const MAX_ATTEMPTS = 5;
const REQUEST_TIMEOUT_MS = 30_000;
// A claimed job is hidden this long; if the process dies mid-delivery it becomes due again.
const LEASE_SECONDS = 60;

const defaultLog: DeliveryLog = (level, message, data) => {
  if (level !== "info") console[level](`[local-delivery] ${message}`, data ?? "");
};

/**
 * Delivers scheduled_jobs to their endpoints, signed like QStash. Several server processes may
 * run this against one database: claims use FOR UPDATE SKIP LOCKED, so each due job goes to one.
 */
export function startLocalDelivery(opts: LocalDeliveryOptions): LocalDelivery {
  const { db, signingKey } = opts;
  const intervalMs = opts.intervalMs ?? 500;
  const batchSize = opts.batchSize ?? 20;
  const doFetch = opts.fetch ?? fetch;
  const log = opts.log ?? defaultLog;

  // One statement, so one transaction: lock due rows nobody else holds and push their
  // not_before past the lease before the lock is released. Delivery then happens with no
  // transaction (or pool connection) held open across the HTTP call.
  const claim = () =>
    db
      .updateTable("scheduled_jobs")
      .set({ not_before: sql<Date>`now() + make_interval(secs => ${LEASE_SECONDS})` })
      .where("id", "in", (eb) => {
        let due = eb
          .selectFrom("scheduled_jobs")
          .select("id")
          .where("delivered_at", "is", null)
          .where("attempts", "<", MAX_ATTEMPTS)
          .where("not_before", "<=", sql<Date>`now()`);
        if (opts.destinationPrefix) due = due.where(sql<boolean>`starts_with(destination, ${opts.destinationPrefix})`);
        return due.orderBy("not_before").limit(batchSize).forUpdate().skipLocked();
      })
      .returning(["id", "destination", "body", "attempts"])
      .execute();

  type Claimed = Awaited<ReturnType<typeof claim>>[number];

  async function deliver(job: Claimed): Promise<boolean> {
    let error: string;
    try {
      const signature = await signQStashRequest({ url: job.destination, rawBody: job.body, signingKey });
      const res = await doFetch(opts.target?.(job.destination) ?? job.destination, {
        method: "POST",
        headers: { "content-type": "application/json", "upstash-signature": signature, "upstash-message-id": job.id, "upstash-retried": String(job.attempts) },
        body: job.body,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const text = await res.text().catch(() => "");
      if (res.ok) {
        await db.updateTable("scheduled_jobs").set({ delivered_at: sql<Date>`now()`, last_error: null }).where("id", "=", job.id).execute();
        return true;
      }
      error = `HTTP ${res.status}${text ? `: ${text.slice(0, 500)}` : ""}`;
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    // Exponential backoff on the new attempt count: 2 s, 4 s, 8 s, 16 s, then give up.
    await db
      .updateTable("scheduled_jobs")
      .set((eb) => ({
        attempts: eb("attempts", "+", 1),
        last_error: error,
        not_before: sql<Date>`now() + make_interval(secs => power(2, ${eb.ref("attempts")} + 1))`,
      }))
      .where("id", "=", job.id)
      .execute();
    const attempts = job.attempts + 1;
    log(attempts >= MAX_ATTEMPTS ? "error" : "warn", attempts >= MAX_ATTEMPTS ? "job failed for good" : "job failed, will retry", { id: job.id, destination: job.destination, attempts, error });
    return false;
  }

  async function round(): Promise<{ claimed: number; delivered: number }> {
    const jobs = await claim();
    const results = await Promise.all(jobs.map(deliver));
    return { claimed: jobs.length, delivered: results.filter(Boolean).length };
  }

  let stopped = false;
  let inFlight: Promise<unknown> | undefined;
  let timer: NodeJS.Timeout | undefined;

  const tick = async () => {
    timer = undefined;
    const run = round().catch((e: unknown) => {
      log("error", "delivery round failed", { error: e instanceof Error ? e.message : String(e) });
      return { claimed: 0, delivered: 0 };
    });
    inFlight = run;
    const { claimed } = await run;
    inFlight = undefined;
    // A full batch means more may be due: go again at once instead of waiting.
    if (!stopped) {
      timer = setTimeout(() => void tick(), claimed === batchSize ? 0 : intervalMs);
      timer.unref();
    }
  };
  timer = setTimeout(() => void tick(), intervalMs);
  timer.unref();

  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await inFlight;
    },
    async runOnce() {
      return (await round()).delivered;
    },
  };
}
