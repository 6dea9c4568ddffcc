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
}

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
      await client.publishJSON({
        url: `${origin}${job.path}`,
        body: job.body,
        delay: Math.max(0, Math.ceil(job.delaySeconds)),
        deduplicationId: job.deduplicationId,
        retries: opts.retries,
      });
    },
  };
}
