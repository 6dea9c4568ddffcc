import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { sql } from "kysely";
import type { InTenant, TenantTx } from "@vendaflow/db/with-tenant";
import type { ConnectChatwootInput } from "@vendaflow/validators/chatwoot";
import { recordAudit, type AuditMeta } from "../audit/record";
import type { AppDeps } from "../deps";
import { DomainError } from "../errors";
import { decryptCredentials, encryptCredentials, readCredentials } from "../inboxes/credentials";
import { isHelpdeskRefused, type HelpdeskAccount, type HelpdeskInbox } from "../ports/helpdesk";

/** What is stored encrypted: the profile's API access token and the webhook URL's secret token. */
export interface ChatwootSecrets {
  apiToken?: string;
  webhookToken?: string;
}

export type ChatwootDeps = Pick<AppDeps, "helpdesk" | "encryptionKey" | "links">;

/** The webhook URL the admin pastes into Chatwoot: the route key names the connection, the token proves it. */
export const chatwootWebhookPath = (key: string, token: string) => `/api/chatwoot/webhook/${key}?token=${encodeURIComponent(token)}`;

export const sha256Hex = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");

/** Constant-time check of a presented webhook token against the stored hash. */
export function webhookTokenMatches(presented: string | null | undefined, storedSha256: string): boolean {
  if (!presented || presented.length > 256) return false;
  const a = Buffer.from(sha256Hex(presented), "hex");
  const b = Buffer.from(storedSha256, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Chatwoot's answer as a pt-BR domain error: a refusal is the admin's to fix, the rest is "try again". */
async function ask<T>(field: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (isHelpdeskRefused(err)) throw new DomainError("BAD_REQUEST", `${err.message} Confira os dados e tente de novo.`, { field });
    const msg = err instanceof Error ? err.message : String(err);
    throw new DomainError("SERVICE_UNAVAILABLE", `Não foi possível falar com o Chatwoot agora (${msg.slice(0, 200)}). Nada foi alterado; tente novamente em instantes.`);
  }
}

/** The tenant's connection with its secrets (jobs, the webhook route). */
export async function loadChatwootConnection(tx: TenantTx, deps: Pick<AppDeps, "encryptionKey">, id?: string) {
  let q = tx.selectFrom("chatwoot_connections").selectAll();
  if (id) q = q.where("id", "=", id);
  const row = await q.executeTakeFirst();
  if (!row) return null;
  return { ...row, secrets: decryptCredentials<ChatwootSecrets>(row.credentials_encrypted, deps.encryptionKey) };
}
export type LoadedChatwootConnection = NonNullable<Awaited<ReturnType<typeof loadChatwootConnection>>>;

export const accountOf = (c: LoadedChatwootConnection): HelpdeskAccount => ({ baseUrl: c.base_url, accountId: c.account_id, apiToken: c.secrets.apiToken ?? "" });

/** The settings card: never the API token; the webhook URL (with its secret token) to paste into Chatwoot. */
export async function getChatwootConnection(tx: TenantTx, deps: Pick<AppDeps, "encryptionKey" | "links">) {
  const row = await tx.selectFrom("chatwoot_connections").selectAll().executeTakeFirst();
  if (!row) return null;
  const { secrets, unreadable } = readCredentials<ChatwootSecrets>(row.credentials_encrypted, deps.encryptionKey);
  const c = { ...row, secrets };
  return {
    id: c.id,
    baseUrl: c.base_url,
    accountId: c.account_id,
    inboxId: c.inbox_id,
    isActive: c.is_active,
    lastError: c.last_error,
    lastMirroredAt: c.last_mirrored_at,
    // Unreadable credentials: no token to show, the admin disconnects and connects again.
    webhookUrl: unreadable ? null : deps.links.rootUrl(chatwootWebhookPath(c.webhook_key, c.secrets.webhookToken ?? "")),
    createdAt: c.created_at,
    unreadable,
  };
}

/**
 * Checks the token and the inbox with Chatwoot (it must be an API-channel inbox, where messages
 * of our leads can come in) and stores the connection, the token sealed; reconnecting replaces
 * the tenant's connection (one per tenant) and keeps its webhook URL. Pointing it at another
 * installation, account or inbox forgets the conversations mirrored so far (they live there).
 */
export async function connectChatwoot(inTx: InTenant, tenantId: string, deps: ChatwootDeps, input: ConnectChatwootInput, meta: AuditMeta) {
  const baseUrl = input.baseUrl.replace(/\/+$/, "");
  // Chatwoot is asked before any transaction opens; the connection is stored in one afterwards.
  const inbox = await ask("apiToken", () => deps.helpdesk.inbox({ baseUrl, accountId: input.accountId, apiToken: input.apiToken }, input.inboxId));
  if (inbox.channelType !== "Channel::Api") throw new DomainError("BAD_REQUEST", `A caixa de entrada "${inbox.name}" não é do tipo API: crie uma em Configurações → Caixas de entrada → API.`, { field: "inboxId" });
  return inTx((tx) => storeConnection(tx, tenantId, deps, { ...input, baseUrl }, inbox, meta));
}

async function storeConnection(tx: TenantTx, tenantId: string, deps: ChatwootDeps, input: ConnectChatwootInput, inbox: HelpdeskInbox, meta: AuditMeta) {
  const prior = await tx.selectFrom("chatwoot_connections").select(["base_url", "account_id", "inbox_id", "credentials_encrypted"]).executeTakeFirst();
  // The webhook URL is kept, unless no key opens the old token (a retired key): then a new one, shown on the card to paste into Chatwoot.
  const webhookToken = (prior && readCredentials<ChatwootSecrets>(prior.credentials_encrypted, deps.encryptionKey).secrets.webhookToken) || randomBytes(24).toString("base64url");
  const values = {
    base_url: input.baseUrl,
    account_id: input.accountId,
    inbox_id: input.inboxId,
    credentials_encrypted: encryptCredentials<ChatwootSecrets>({ apiToken: input.apiToken, webhookToken }, deps.encryptionKey),
    webhook_token_sha256: sha256Hex(webhookToken),
    is_active: true,
    last_error: null,
    created_by: meta.actorUserId ?? null,
  };
  const row = await tx
    .insertInto("chatwoot_connections")
    .values({ tenant_id: tenantId, webhook_key: randomBytes(24).toString("base64url"), ...values })
    .onConflict((oc) => oc.column("tenant_id").doUpdateSet({ ...values, updated_at: sql<Date>`now()` }))
    .returning("id")
    .executeTakeFirstOrThrow();
  if (prior && (prior.base_url !== input.baseUrl || prior.account_id !== input.accountId || prior.inbox_id !== input.inboxId)) {
    await tx.deleteFrom("chatwoot_conversations").where("connection_id", "=", row.id).execute();
  }
  await recordAudit(tx, tenantId, meta, { action: "chatwoot.connect", entityType: "chatwoot_connection", entityId: row.id, after: { baseUrl: input.baseUrl, accountId: input.accountId, inboxId: input.inboxId, inbox: inbox.name } });
  return getChatwootConnection(tx, deps);
}

/** Removes the connection: nothing more is mirrored and the webhook URL stops answering. */
export async function disconnectChatwoot(tx: TenantTx, tenantId: string, meta: AuditMeta) {
  const gone = await tx.deleteFrom("chatwoot_connections").returning(["id", "base_url", "account_id", "inbox_id"]).executeTakeFirst();
  if (!gone) throw new DomainError("NOT_FOUND", "O Chatwoot não está conectado.");
  await recordAudit(tx, tenantId, meta, { action: "chatwoot.disconnect", entityType: "chatwoot_connection", entityId: gone.id, before: { baseUrl: gone.base_url, accountId: gone.account_id, inboxId: gone.inbox_id } });
  return { ok: true as const };
}
