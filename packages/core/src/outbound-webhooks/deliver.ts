import { sql } from "kysely";
import { withTenant } from "@vendaflow/db/with-tenant";
import type { WebhookDeliveryJob } from "@vendaflow/validators/outbound-webhooks";
import { decryptCredentials } from "../inboxes/credentials";
import { noticeMail } from "../email/templates";
import { findTenantById } from "../tenancy/tenants";
import type { AppDeps } from "../deps";
import type { ScheduledJob } from "../ports/scheduler";
import { standardWebhookHeaders } from "./sign";

export const WEBHOOK_JOB_PATH = "/api/jobs/webhook-delivery";

/** Waits before the 2nd, 3rd… attempt (seconds): exponential-ish, about 23.7 h in all. */
export const RETRY_SCHEDULE_SECONDS = [5, 30, 120, 600, 1800, 3600, 7200, 14_400, 28_800, 28_800] as const;
/** No attempt is scheduled later than this after the event. */
export const RETRY_WINDOW_MS = 24 * 60 * 60_000;
/** Deliveries failed for good in a row (no success between) that disable a subscription. */
export const DISABLE_AFTER_FAILED_DELIVERIES = 3;

export const webhookDeliveryJob = (tenantId: string, deliveryId: string, attempt: number | string, delaySeconds = 0): ScheduledJob => ({
  path: WEBHOOK_JOB_PATH,
  body: { tenantId, deliveryId },
  delaySeconds,
  deduplicationId: `webhook-delivery:${deliveryId}:${attempt}`,
});

type Deps = Pick<AppDeps, "db" | "now" | "scheduler" | "webhooks" | "email" | "encryptionKey" | "links">;

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e)).slice(0, 500);

/**
 * One attempt of one delivery (the Scheduler's job; at least once, so a finished delivery is left
 * alone): the payload signed the Standard Webhooks way with the subscription's secret, POSTed
 * through the OutboundWebhook port (SSRF guard), the attempt logged with status code and latency.
 * 2xx succeeds; anything else is retried on RETRY_SCHEDULE_SECONDS within 24 h of the event, then
 * fails for good — and a subscription whose deliveries keep failing for good is disabled and its
 * tenant's admins are e-mailed. No transaction is held open during the HTTP call.
 */
export async function deliverWebhook(deps: Deps, job: WebhookDeliveryJob): Promise<{ status: string }> {
  const d = await withTenant(deps.db, job.tenantId, (tx) =>
    tx
      .selectFrom("webhook_deliveries as d")
      .innerJoin("webhook_subscriptions as s", "s.id", "d.subscription_id")
      .select(["d.id", "d.status", "d.attempts", "d.message_id", "d.payload", "d.window_started_at", "d.window_attempts", "s.id as subscriptionId", "s.url", "s.secret_encrypted", "s.previous_secret_encrypted", "s.previous_secret_expires_at", "s.is_active", "s.disabled_at"])
      .where("d.id", "=", job.deliveryId)
      .executeTakeFirst(),
  );
  if (!d) return { status: "missing" };
  if (d.status !== "pending" && d.status !== "retrying") return { status: d.status };
  if (!d.is_active || d.disabled_at) {
    await withTenant(deps.db, job.tenantId, (tx) => tx.updateTable("webhook_deliveries").set({ status: "failed", last_error: "Assinatura desativada.", next_attempt_at: null }).where("id", "=", d.id).execute());
    return { status: "failed" };
  }

  const now = deps.now();
  const body = JSON.stringify(d.payload);
  // Within a rotation's overlap the previous secret signs too (subscriptions.ts rotateSecret).
  const secrets = [d.secret_encrypted, ...(d.previous_secret_encrypted && d.previous_secret_expires_at && d.previous_secret_expires_at > now ? [d.previous_secret_encrypted] : [])].map((blob) => decryptCredentials<{ secret: string }>(blob, deps.encryptionKey).secret ?? "");
  const headers = standardWebhookHeaders(secrets, d.message_id, Math.floor(now.getTime() / 1000), body);
  const started = performance.now();
  let code: number | null = null;
  let error: string | null = null;
  try {
    code = (await deps.webhooks.post({ url: d.url, body, headers: { ...headers, "x-vendaflow-event": (d.payload as { type?: string }).type ?? "" } })).status;
    if (code < 200 || code >= 300) error = `O destino respondeu ${code}.`;
  } catch (e) {
    error = errorText(e);
  }
  const latencyMs = Math.round(performance.now() - started);
  const attempt = d.attempts + 1;
  const wait = RETRY_SCHEDULE_SECONDS[d.window_attempts];
  const retry = error !== null && wait !== undefined && now.getTime() + wait * 1000 <= d.window_started_at.getTime() + RETRY_WINDOW_MS;
  const status = error === null ? "succeeded" : retry ? "retrying" : "failed";

  const disabled = await withTenant(deps.db, job.tenantId, async (tx) => {
    // The attempt, the delivery's new state and (on success) the subscription's failure streak
    // reset in one statement: the job's second transaction is one round trip on the hot path.
    const moved = await tx
      .with("attempt", (db) => db.insertInto("webhook_delivery_attempts").values({ tenant_id: job.tenantId, delivery_id: d.id, attempt, status_code: code, latency_ms: latencyMs, error }))
      .with("moved", (db) =>
        db
          .updateTable("webhook_deliveries")
          .set({
            status,
            attempts: attempt,
            window_attempts: d.window_attempts + 1,
            last_status_code: code,
            last_latency_ms: latencyMs,
            last_error: error,
            next_attempt_at: retry ? new Date(now.getTime() + wait! * 1000) : null,
            ...(status === "succeeded" ? { delivered_at: now } : {}),
          })
          .where("id", "=", d.id)
          .where("status", "in", ["pending", "retrying"])
          .returning("id"),
      )
      .with("reset", (db) =>
        db
          .updateTable("webhook_subscriptions")
          .set({ consecutive_failures: 0 })
          .where("id", "=", d.subscriptionId)
          .where("consecutive_failures", ">", 0)
          .where(sql<boolean>`${status === "succeeded"}`)
          .where(sql<boolean>`exists (select 1 from moved)`)
          .returning("id"),
      )
      .selectFrom("moved")
      .select("id")
      .executeTakeFirst();
    if (!moved) return null;
    if (status === "succeeded") return null;
    if (status !== "failed") return null;
    const sub = await tx
      .updateTable("webhook_subscriptions")
      .set({ consecutive_failures: sql<number>`consecutive_failures + 1` })
      .where("id", "=", d.subscriptionId)
      .returning(["consecutive_failures", "disabled_at", "url"])
      .executeTakeFirstOrThrow();
    if (sub.consecutive_failures < DISABLE_AFTER_FAILED_DELIVERIES || sub.disabled_at) return null;
    const reason = `Desativada após ${sub.consecutive_failures} entregas seguidas sem sucesso (última: ${error}).`.slice(0, 300);
    await tx.updateTable("webhook_subscriptions").set({ is_active: false, disabled_at: now, disabled_reason: reason }).where("id", "=", d.subscriptionId).execute();
    const admins = await tx.selectFrom("users").select("email").where("role", "=", "admin").where("is_active", "=", true).execute();
    return { url: sub.url, reason, admins: admins.map((a) => a.email) };
  });
  if (status === "retrying") await deps.scheduler.schedule(webhookDeliveryJob(job.tenantId, d.id, attempt, wait));
  if (disabled) {
    const tenant = await findTenantById(deps.db, job.tenantId);
    if (tenant) {
      const mail = noticeMail(
        { name: tenant.name, theme: tenant.theme },
        { title: "Webhook desativado por falhas", lines: [`A assinatura ${disabled.url} foi desativada.`, disabled.reason, "Corrija o destino e reative a assinatura."], action: { label: "Abrir webhooks", url: deps.links.tenantUrl(tenant.slug, "/developers") } },
      );
      for (const to of disabled.admins) await deps.email.send({ ...mail, to, tenantId: job.tenantId });
    }
  }
  return { status };
}
