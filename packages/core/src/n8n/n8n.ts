import { sql } from "kysely";
import type { InTenant, TenantTx } from "@vendaflow/db/with-tenant";
import type { N8nConnectionInput, N8nTriggerInput } from "@vendaflow/validators/n8n";
import { recordAudit, type AuditMeta } from "../audit/record";
import type { AppDeps } from "../deps";
import { DomainError } from "../errors";
import { decryptCredentials, encryptCredentials } from "../inboxes/credentials";
import { signedWebhookHeaders } from "../webhooks/signed-headers";

/** The tenant's n8n instance, never the header's value. */
export async function getN8nConnection(tx: TenantTx) {
  const row = await tx.selectFrom("n8n_connections").select(["id", "base_url", "auth_header_name", "created_at", "updated_at"]).executeTakeFirst();
  return row ? { id: row.id, baseUrl: row.base_url, authHeaderName: row.auth_header_name, createdAt: row.created_at, updatedAt: row.updated_at } : null;
}

/** Saves (replaces) the tenant's n8n instance; the header value is sealed with the keyring. */
export async function saveN8nConnection(tx: TenantTx, tenantId: string, deps: Pick<AppDeps, "encryptionKey">, input: N8nConnectionInput, meta: AuditMeta) {
  const values = {
    base_url: input.baseUrl.replace(/\/+$/, ""),
    auth_header_name: input.authHeaderName ?? null,
    auth_header_encrypted: input.authHeaderName && input.authHeaderValue ? encryptCredentials({ value: input.authHeaderValue }, deps.encryptionKey) : null,
    created_by: meta.actorUserId ?? null,
  };
  await tx
    .insertInto("n8n_connections")
    .values({ tenant_id: tenantId, ...values })
    .onConflict((oc) => oc.column("tenant_id").doUpdateSet({ ...values, updated_at: sql<Date>`now()` }))
    .execute();
  await recordAudit(tx, tenantId, meta, { action: "n8n.connect", entityType: "n8n_connection", after: { baseUrl: values.base_url, authHeaderName: values.auth_header_name } });
  return getN8nConnection(tx);
}

export async function removeN8nConnection(tx: TenantTx, tenantId: string, meta: AuditMeta) {
  const gone = await tx.deleteFrom("n8n_connections").returning("id").executeTakeFirst();
  if (!gone) throw new DomainError("NOT_FOUND", "Nenhuma instância do n8n configurada.");
  await recordAudit(tx, tenantId, meta, { action: "n8n.disconnect", entityType: "n8n_connection", entityId: gone.id });
  return { ok: true as const };
}

/**
 * The seed's `POST /api/n8n/trigger/:workflow`: the caller's JSON, with `tenant_id` and `user_id`
 * added, POSTed to `{base}/webhook/{workflow}` of the tenant's n8n instance through the
 * OutboundWebhook port (SSRF guard, 10 s), signed like automations' "call webhook"
 * (`x-vendaflow-signature: sha256=<HMAC of the body>`), with the configured Header Auth. n8n's
 * answer decides `success`; an unreachable or refused destination is `success: false` with the
 * reason. Audited with the caller (the API key) as actor. No transaction is open while n8n is
 * called (up to 10 s): the connection is read in one, the audit row written in another.
 */
export async function triggerN8nWorkflow(inTx: InTenant, tenantId: string, deps: Pick<AppDeps, "webhooks" | "encryptionKey" | "tokenSecret">, input: N8nTriggerInput, userId: string | null, meta: AuditMeta) {
  const c = await inTx((tx) => tx.selectFrom("n8n_connections").select(["base_url", "auth_header_name", "auth_header_encrypted"]).executeTakeFirst());
  if (!c) throw new DomainError("PRECONDITION_FAILED", "Configure a URL da sua instância do n8n antes de disparar workflows.");
  const body = JSON.stringify({ ...input.payload, tenant_id: tenantId, user_id: userId });
  const headers = signedWebhookHeaders(deps.tokenSecret, tenantId, "n8n.trigger", body);
  if (c.auth_header_name && c.auth_header_encrypted) headers[c.auth_header_name.toLowerCase()] = decryptCredentials<{ value: string }>(c.auth_header_encrypted, deps.encryptionKey).value ?? "";
  let status: number | null = null;
  let error: string | null = null;
  try {
    status = (await deps.webhooks.post({ url: `${c.base_url}/webhook/${input.workflow}`, body, headers })).status;
    if (status < 200 || status >= 300) error = `O n8n respondeu ${status}.`;
  } catch (err) {
    error = (err instanceof Error ? err.message : String(err)).slice(0, 300);
  }
  await inTx((tx) => recordAudit(tx, tenantId, meta, { action: "n8n.trigger", entityType: "n8n_workflow", after: { workflow: input.workflow, status, error } }));
  return { success: error === null, workflow_id: input.workflow, status, ...(error ? { error } : {}) };
}
