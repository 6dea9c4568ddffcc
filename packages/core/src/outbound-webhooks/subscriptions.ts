import { sql } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { WebhookSubscriptionInput } from "@vendaflow/validators/outbound-webhooks";
import { invalidateAfterCommit, type AfterCommit } from "../after-commit";
import { recordAudit, type AuditMeta } from "../audit/record";
import { webhookListenersCache } from "../cache/hot-reads";
import { decryptCredentials, encryptCredentials } from "../inboxes/credentials";
import { DomainError } from "../errors";
import { newWebhookSecret } from "./sign";

export const subscriptionColumns = ["id", "url", "description", "event_types", "is_active", "consecutive_failures", "disabled_at", "disabled_reason", "created_at", "updated_at"] as const;

const notFound = () => new DomainError("NOT_FOUND", "Assinatura de webhook não encontrada.");

export const listSubscriptions = (tx: TenantTx) => tx.selectFrom("webhook_subscriptions").select(subscriptionColumns).orderBy("created_at", "desc").orderBy("id").execute();

export async function getSubscription(tx: TenantTx, id: string) {
  const row = await tx.selectFrom("webhook_subscriptions").select(subscriptionColumns).where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

/**
 * A new subscription with its own signing secret, returned here and readable again by admins
 * (revealSecret). `after` drops the cached "nobody listens" answers once it commits.
 */
export async function createSubscription(tx: TenantTx, tenantId: string, userId: string, input: WebhookSubscriptionInput, meta: AuditMeta, encryptionKey: string, after?: AfterCommit) {
  const secret = newWebhookSecret();
  const row = await tx
    .insertInto("webhook_subscriptions")
    .values({ tenant_id: tenantId, url: input.url, description: input.description, event_types: input.eventTypes, is_active: input.isActive, secret_encrypted: encryptCredentials({ secret }, encryptionKey), created_by: userId })
    .returning(subscriptionColumns)
    .executeTakeFirstOrThrow();
  await recordAudit(tx, tenantId, meta, { action: "webhook_subscription.created", entityType: "webhook_subscription", entityId: row.id, after: input });
  invalidateAfterCommit(after, webhookListenersCache);
  return { subscription: row, secret };
}

/** Saving with isActive re-enables a subscription the failures disabled, with a clean failure count; `after` as in createSubscription. */
export async function updateSubscription(tx: TenantTx, tenantId: string, id: string, input: WebhookSubscriptionInput, meta: AuditMeta, after?: AfterCommit) {
  const before = await getSubscription(tx, id);
  const row = await tx
    .updateTable("webhook_subscriptions")
    .set({
      url: input.url,
      description: input.description,
      event_types: input.eventTypes,
      is_active: input.isActive,
      updated_at: sql<Date>`now()`,
      ...(input.isActive ? { disabled_at: null, disabled_reason: null, consecutive_failures: 0 } : {}),
    })
    .where("id", "=", id)
    .returning(subscriptionColumns)
    .executeTakeFirstOrThrow();
  await recordAudit(tx, tenantId, meta, { action: "webhook_subscription.updated", entityType: "webhook_subscription", entityId: id, before, after: input });
  invalidateAfterCommit(after, webhookListenersCache);
  return row;
}

export async function deleteSubscription(tx: TenantTx, tenantId: string, id: string, meta: AuditMeta) {
  const row = await tx.deleteFrom("webhook_subscriptions").where("id", "=", id).returning(["id", "url"]).executeTakeFirst();
  if (!row) throw notFound();
  await recordAudit(tx, tenantId, meta, { action: "webhook_subscription.deleted", entityType: "webhook_subscription", entityId: id, before: row });
}

/** How long the previous secret keeps signing after a rotation: time to deploy the new one. */
export const SECRET_OVERLAP_HOURS = 24;

/**
 * A new signing secret, returned once more here. For SECRET_OVERLAP_HOURS every delivery (retries
 * of earlier events too) carries two signatures, the new secret's and the previous one's, so the
 * receiver keeps verifying while its configuration changes; revokePreviousSecret ends that at once
 * (a leaked secret). A second rotation within the window drops the oldest. Audited.
 */
export async function rotateSecret(tx: TenantTx, tenantId: string, id: string, meta: AuditMeta, encryptionKey: string) {
  const secret = newWebhookSecret();
  const row = await tx
    .updateTable("webhook_subscriptions")
    .set((eb) => ({
      previous_secret_encrypted: eb.ref("secret_encrypted"),
      previous_secret_expires_at: sql<Date>`now() + make_interval(hours => ${SECRET_OVERLAP_HOURS})`,
      secret_encrypted: encryptCredentials({ secret }, encryptionKey),
      updated_at: sql<Date>`now()`,
    }))
    .where("id", "=", id)
    .returning(["id", "previous_secret_expires_at"])
    .executeTakeFirst();
  if (!row) throw notFound();
  await recordAudit(tx, tenantId, meta, { action: "webhook_subscription.secret_rotated", entityType: "webhook_subscription", entityId: id, after: { previousValidUntil: row.previous_secret_expires_at } });
  return { secret, previousExpiresAt: row.previous_secret_expires_at };
}

/** The previous secret stops signing now (it leaked, or the receiver already has the new one). Audited. */
export async function revokePreviousSecret(tx: TenantTx, tenantId: string, id: string, meta: AuditMeta) {
  const row = await tx.updateTable("webhook_subscriptions").set({ previous_secret_encrypted: null, previous_secret_expires_at: null, updated_at: sql<Date>`now()` }).where("id", "=", id).returning(["id"]).executeTakeFirst();
  if (!row) throw notFound();
  await recordAudit(tx, tenantId, meta, { action: "webhook_subscription.previous_secret_revoked", entityType: "webhook_subscription", entityId: id });
  return { ok: true as const };
}

/** The signing secret, for an admin configuring the receiver, and until when the previous one still signs; the read is audited. */
export async function revealSecret(tx: TenantTx, tenantId: string, id: string, meta: AuditMeta, encryptionKey: string) {
  const row = await tx
    .selectFrom("webhook_subscriptions")
    .select(["id", "secret_encrypted", sql<Date | null>`case when previous_secret_expires_at > now() then previous_secret_expires_at end`.as("previous_expires_at")])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw notFound();
  await recordAudit(tx, tenantId, meta, { action: "webhook_subscription.secret_read", entityType: "webhook_subscription", entityId: id });
  return { secret: decryptCredentials<{ secret: string }>(row.secret_encrypted, encryptionKey).secret ?? "", previousExpiresAt: row.previous_expires_at };
}
