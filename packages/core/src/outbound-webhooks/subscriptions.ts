import { sql } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { WebhookSubscriptionInput } from "@vendaflow/validators/outbound-webhooks";
import { recordAudit, type AuditMeta } from "../audit/record";
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

/** A new subscription with its own signing secret, returned here and readable again by admins (revealSecret). */
export async function createSubscription(tx: TenantTx, tenantId: string, userId: string, input: WebhookSubscriptionInput, meta: AuditMeta, encryptionKey: string) {
  const secret = newWebhookSecret();
  const row = await tx
    .insertInto("webhook_subscriptions")
    .values({ tenant_id: tenantId, url: input.url, description: input.description, event_types: input.eventTypes, is_active: input.isActive, secret_encrypted: encryptCredentials({ secret }, encryptionKey), created_by: userId })
    .returning(subscriptionColumns)
    .executeTakeFirstOrThrow();
  await recordAudit(tx, tenantId, meta, { action: "webhook_subscription.created", entityType: "webhook_subscription", entityId: row.id, after: input });
  return { subscription: row, secret };
}

/** Saving with isActive re-enables a subscription the failures disabled, with a clean failure count. */
export async function updateSubscription(tx: TenantTx, tenantId: string, id: string, input: WebhookSubscriptionInput, meta: AuditMeta) {
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
  return row;
}

export async function deleteSubscription(tx: TenantTx, tenantId: string, id: string, meta: AuditMeta) {
  const row = await tx.deleteFrom("webhook_subscriptions").where("id", "=", id).returning(["id", "url"]).executeTakeFirst();
  if (!row) throw notFound();
  await recordAudit(tx, tenantId, meta, { action: "webhook_subscription.deleted", entityType: "webhook_subscription", entityId: id, before: row });
}

/**
 * A new signing secret, returned once more here: every delivery signed from now on (retries of
 * earlier events too) uses it, and the old one stops verifying at once. Audited.
 */
export async function rotateSecret(tx: TenantTx, tenantId: string, id: string, meta: AuditMeta, encryptionKey: string) {
  const secret = newWebhookSecret();
  const row = await tx
    .updateTable("webhook_subscriptions")
    .set({ secret_encrypted: encryptCredentials({ secret }, encryptionKey), updated_at: sql<Date>`now()` })
    .where("id", "=", id)
    .returning(["id"])
    .executeTakeFirst();
  if (!row) throw notFound();
  await recordAudit(tx, tenantId, meta, { action: "webhook_subscription.secret_rotated", entityType: "webhook_subscription", entityId: id });
  return { secret };
}

/** The signing secret, for an admin configuring the receiver; the read is audited. */
export async function revealSecret(tx: TenantTx, tenantId: string, id: string, meta: AuditMeta, encryptionKey: string) {
  const row = await tx.selectFrom("webhook_subscriptions").select(["id", "secret_encrypted"]).where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound();
  await recordAudit(tx, tenantId, meta, { action: "webhook_subscription.secret_read", entityType: "webhook_subscription", entityId: id });
  return { secret: decryptCredentials<{ secret: string }>(row.secret_encrypted, encryptionKey).secret ?? "" };
}
