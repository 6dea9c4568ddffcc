import { startLocalDelivery } from "@vendaflow/connectors/qstash/local-delivery";
import { env, listeningPort } from "@/lib/env";
import { appDeps, publicBaseUrl } from "./deps";
import { log } from "./log";

const g = globalThis as unknown as { __vfLocalJobs?: boolean };

/**
 * Without QStash (the embedded default), this process delivers due jobs from Postgres to the same
 * signed /api/jobs/* endpoints QStash would call, and queues the recovery sweep every 30 s and
 * the notification e-mails every minute (deduplicated per slot, so several instances queue each once).
 */
export function startLocalJobs() {
  if (g.__vfLocalJobs || env().QSTASH_TOKEN) return;
  g.__vfLocalJobs = true;
  startLocalDelivery({
    db: appDeps().db,
    signingKey: env().QSTASH_CURRENT_SIGNING_KEY,
    destinationPrefix: publicBaseUrl(),
    // To this server itself, on the port it actually listens on; the signature keeps the public URL.
    target: (destination) => (destination.startsWith(publicBaseUrl()) ? `http://127.0.0.1:${listeningPort()}${destination.slice(publicBaseUrl().length)}` : destination),
    log: (level, msg, fields) => log[level](`local-delivery.${msg}`, fields),
  });
  const sweep = () => {
    const slot = Math.floor(Date.now() / 30_000);
    appDeps()
      .scheduler.schedule({ path: "/api/jobs/inbound-recovery", body: {}, delaySeconds: 0, deduplicationId: `inbound-recovery-${publicBaseUrl()}-${slot}` })
      .catch((err: Error) => log.warn("local-jobs.sweep_enqueue_failed", { error: err.message }));
  };
  setInterval(sweep, 30_000).unref();
  const notificationEmails = () => {
    const slot = Math.floor(Date.now() / 60_000);
    appDeps()
      .scheduler.schedule({ path: "/api/jobs/notification-emails", body: {}, delaySeconds: 0, deduplicationId: `notification-emails-${publicBaseUrl()}-${slot}` })
      .catch((err: Error) => log.warn("local-jobs.notification_emails_enqueue_failed", { error: err.message }));
  };
  setInterval(notificationEmails, 60_000).unref();
}
