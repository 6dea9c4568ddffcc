import { sql } from "kysely";
import { sqlLiteral, uuidLiteral } from "@vendaflow/db/tenant-binding";
import { tenantQuery, tenantStatement, withTenant } from "@vendaflow/db/with-tenant";
import { sanitizeText } from "@vendaflow/validators/sanitize";
import type { WebhookDeliveryJob } from "@vendaflow/validators/outbound-webhooks";
import { decryptCredentials } from "../inboxes/credentials";
import { tenantMail } from "../email/sender";
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

const intLiteral = (n: number | null) => {
  if (n === null) return "null";
  if (!Number.isSafeInteger(n)) throw new Error(`webhook delivery: not an integer: ${n}`);
  return String(n);
};
const timeLiteral = (t: Date | null) => (t === null ? "null" : `'${t.toISOString()}'::timestamptz`);

interface DeliveryRow {
  id: string;
  status: string;
  attempts: number;
  message_id: string;
  payload: unknown;
  window_started_at: Date;
  window_attempts: number;
  subscriptionId: string;
  url: string;
  secret_encrypted: string;
  previous_secret_encrypted: string | null;
  previous_secret_expires_at: Date | null;
  is_active: boolean;
  disabled_at: Date | null;
}

/** The delivery and its subscription (the job's read; RLS keeps it to the tenant). */
export const deliveryReadSql = (deliveryId: string) =>
  `select d.id, d.status, d.attempts, d.message_id, d.payload, d.window_started_at, d.window_attempts, s.id as "subscriptionId", s.url, s.secret_encrypted, s.previous_secret_encrypted, s.previous_secret_expires_at, s.is_active, s.disabled_at from webhook_deliveries as d inner join webhook_subscriptions as s on s.id = d.subscription_id where d.id = ${uuidLiteral("delivery", deliveryId)}`;

export interface AttemptRecord {
  tenantId: string;
  deliveryId: string;
  subscriptionId: string;
  attempt: number;
  windowAttempts: number;
  status: "succeeded" | "retrying" | "failed";
  code: number | null;
  latencyMs: number;
  error: string | null;
  nextAttemptAt: Date | null;
  deliveredAt: Date | null;
}

/**
 * The attempt logged, the delivery's new state (only while it is still pending or retrying) and, on
 * success, the subscription's failure streak reset, as one statement returning the moved delivery's
 * id (none: another run finished it first). Values as literals (ids checked, integers checked, the
 * error text sanitised and escaped), so it can travel as a bound statement (tenantQuery).
 */
export function attemptRecordSql(r: AttemptRecord): string {
  const tenant = uuidLiteral("tenant", r.tenantId);
  const delivery = uuidLiteral("delivery", r.deliveryId);
  const error = r.error === null ? "null" : sqlLiteral(sanitizeText(r.error));
  if (!["succeeded", "retrying", "failed"].includes(r.status)) throw new Error(`webhook delivery: unknown status ${r.status}`);
  const status = `'${r.status}'`;
  return [
    `with "attempt" as (insert into webhook_delivery_attempts (tenant_id, delivery_id, attempt, status_code, latency_ms, error) values (${tenant}, ${delivery}, ${intLiteral(r.attempt)}, ${intLiteral(r.code)}, ${intLiteral(r.latencyMs)}, ${error}))`,
    `, "moved" as (update webhook_deliveries set status = ${status}, attempts = ${intLiteral(r.attempt)}, window_attempts = ${intLiteral(r.windowAttempts)}, last_status_code = ${intLiteral(r.code)}, last_latency_ms = ${intLiteral(r.latencyMs)}, last_error = ${error}, next_attempt_at = ${timeLiteral(r.nextAttemptAt)}${r.deliveredAt ? `, delivered_at = ${timeLiteral(r.deliveredAt)}` : ""} where id = ${delivery} and status in ('pending', 'retrying') returning id)`,
    r.status === "succeeded" ? `, "reset" as (update webhook_subscriptions set consecutive_failures = 0 where id = ${uuidLiteral("subscription", r.subscriptionId)} and consecutive_failures > 0 and exists (select 1 from "moved") returning id)` : "",
    ` select id from "moved"`,
  ].join("");
}

/**
 * One attempt of one delivery (the Scheduler's job; at least once, so a finished delivery is left
 * alone): the payload signed the Standard Webhooks way with the subscription's secret, POSTed
 * through the OutboundWebhook port (SSRF guard), the attempt logged with status code and latency.
 * 2xx succeeds; anything else is retried on RETRY_SCHEDULE_SECONDS within 24 h of the event, then
 * fails for good — and a subscription whose deliveries keep failing for good is disabled and its
 * tenant's admins are e-mailed. No transaction is held open during the HTTP call.
 *
 * Round trips: the read and (success or retry) the record are each one bound statement
 * (tenantQuery: the tenant binding and the statement in one simple query, one implicit transaction,
 * no BEGIN/COMMIT), 2 per delivery instead of 6. A delivery failing for good records in a
 * transaction as before, since it also counts the subscription's streak and may disable it.
 */
export async function deliverWebhook(deps: Deps, job: WebhookDeliveryJob): Promise<{ status: string }> {
  const [d] = await tenantQuery<DeliveryRow>(deps.db, job.tenantId, deliveryReadSql(job.deliveryId));
  if (!d) return { status: "missing" };
  if (d.status !== "pending" && d.status !== "retrying") return { status: d.status };
  if (!d.is_active || d.disabled_at) {
    await tenantStatement(deps.db, job.tenantId, `update webhook_deliveries set status = 'failed', last_error = ${sqlLiteral("Assinatura desativada.")}, next_attempt_at = null where id = ${uuidLiteral("delivery", d.id)}`);
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
  const record = attemptRecordSql({
    tenantId: job.tenantId,
    deliveryId: d.id,
    subscriptionId: d.subscriptionId,
    attempt,
    windowAttempts: d.window_attempts + 1,
    status,
    code,
    latencyMs,
    error,
    nextAttemptAt: retry ? new Date(now.getTime() + wait! * 1000) : null,
    deliveredAt: status === "succeeded" ? now : null,
  });

  // Success and retry: one bound statement. Failed for good: the same statement, then the streak, in one transaction.
  const disabled =
    status !== "failed"
      ? void (await tenantQuery(deps.db, job.tenantId, record))
      : await withTenant(deps.db, job.tenantId, async (tx) => {
          const moved = (await sql.raw<{ id: string }>(record).execute(tx)).rows[0];
          if (!moved) return null;
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
      for (const to of disabled.admins) await deps.email.send(tenantMail(tenant, to, mail));
    }
  }
  return { status };
}
