import { Client } from "@upstash/qstash";
import type { Scheduler } from "@vendaflow/core/ports/scheduler";

export interface QStashSchedulerOptions {
  /** QStash API origin; defaults to the global endpoint. Tests point it at a stand-in. */
  baseUrl?: string;
  token: string;
  /** Origin the app is reachable at from QStash, e.g. "https://app.vendaflow.com.br". */
  publicBaseUrl: string;
  /** Delivery retries QStash makes when the endpoint fails (plan default when unset). */
  retries?: number;
  /** Waits before the publish is tried again after QStash answered 5xx (the SDK retries network errors only). */
  publishBackoffMs?: number[];
}

/** QStash answering 5xx (an outage) is worth another publish: the deduplication id makes a repeat harmless. */
const serverError = (err: unknown) => typeof (err as { status?: unknown }).status === "number" && (err as { status: number }).status >= 500;

/** The production Scheduler: QStash publishes JSON to `${publicBaseUrl}${path}` after the delay. */
export function qstashScheduler(opts: QStashSchedulerOptions): Scheduler {
  // baseUrl always explicit and devMode off so QSTASH_URL/QSTASH_DEV in the environment never
  // redirect publishes behind the configuration's back.
  const client = new Client({ baseUrl: opts.baseUrl ?? "https://qstash.upstash.io", token: opts.token, devMode: false });
  const origin = opts.publicBaseUrl.replace(/\/+$/, "");
  return {
    kind: "qstash",
    async schedule(job) {
      if (!job.path.startsWith("/")) throw new Error(`job path must start with "/": ${job.path}`);
      const waits = opts.publishBackoffMs ?? [200, 1_000, 5_000];
      for (let attempt = 0; ; attempt++) {
        try {
          await client.publishJSON({
            url: `${origin}${job.path}`,
            body: job.body,
            delay: Math.max(0, Math.ceil(job.delaySeconds)),
            deduplicationId: job.deduplicationId,
            retries: opts.retries,
          });
          return;
        } catch (err) {
          if (!serverError(err) || attempt >= waits.length) throw err;
          await new Promise((r) => setTimeout(r, waits[attempt]));
        }
      }
    },
  };
}
