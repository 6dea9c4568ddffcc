import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { withTenant, type TenantTx } from "@vendaflow/db/with-tenant";
import type { ConnectPipedriveInput, CrmFieldMapping, CrmProvider } from "@vendaflow/validators/crm-sync";
import type { AfterCommit } from "../after-commit";
import { recordAudit, type AuditMeta } from "../audit/record";
import type { AppDeps } from "../deps";
import { DomainError } from "../errors";
import { decryptCredentials, encryptCredentials, readCredentials } from "../inboxes/credentials";
import { CrmAuthError, isCrmAuthError, type CrmClient, type CrmCredentials, type CrmOAuth } from "../ports/crm-sync";
import { mappingView, readMapping } from "./mapping";
import { crmPullJob } from "./jobs";

/** What is sealed per connection: the provider's credentials and the webhooks' Basic auth password. */
export interface CrmSecrets extends CrmCredentials {
  webhookPassword?: string;
}

export const providerLabel: Record<CrmProvider, string> = { pipedrive: "Pipedrive", hubspot: "HubSpot" };

/** Where the provider delivers its webhooks for this connection (HubSpot: the app's one URL for every portal). */
export const crmWebhookPath = (provider: CrmProvider, key: string) => (provider === "hubspot" ? "/api/webhooks/crm/hubspot" : `/api/webhooks/crm/${provider}/${key}`);

export async function loadCrmConnection(tx: TenantTx, deps: Pick<AppDeps, "encryptionKey">, where: { id?: string; provider?: CrmProvider }) {
  let q = tx.selectFrom("crm_sync_connections").selectAll();
  if (where.id) q = q.where("id", "=", where.id);
  if (where.provider) q = q.where("provider", "=", where.provider);
  const row = await q.executeTakeFirst();
  if (!row) return null;
  const secrets = decryptCredentials<CrmSecrets>(row.credentials_encrypted, deps.encryptionKey);
  return { ...row, provider: row.provider as CrmProvider, mapping: readMapping(row.field_mapping), secrets };
}
export type LoadedCrmConnection = NonNullable<Awaited<ReturnType<typeof loadCrmConnection>>>;

/** The active connections of a provider's account (HubSpot portal), across tenants (app_resolve_crm_sync_account, 0136). */
export async function resolveCrmAccount(db: AppDeps["db"] | TenantTx, provider: CrmProvider, accountId: string): Promise<{ tenantId: string; connectionId: string }[]> {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(accountId)) return [];
  const { rows } = await sql<{ tenant_id: string; connection_id: string }>`select * from app_resolve_crm_sync_account(${provider}, ${accountId})`.execute(db);
  return rows.map((r) => ({ tenantId: r.tenant_id, connectionId: r.connection_id }));
}

type ClientDeps = Pick<AppDeps, "crm" | "db" | "encryptionKey" | "now">;
type OpenableConnection = Pick<LoadedCrmConnection, "id" | "tenant_id" | "provider" | "secrets" | "api_base">;

/** Refresh an OAuth access token this long before the expiry the provider gave. */
const REFRESH_MARGIN_MS = 60_000;

/**
 * The adapter for a connection, opened with its own credentials. A connection made by OAuth
 * (HubSpot) refreshes its access token when it is about to expire, and once more when the
 * provider refuses it (refreshCrmTokens), then retries the call.
 */
export function crmClientFor(deps: ClientDeps, c: OpenableConnection): CrmClient {
  const oauth = deps.crm.oauth?.[c.provider];
  const open = () => deps.crm.open(c.provider, { ...c.secrets, apiBase: c.api_base });
  if (!c.secrets.refreshToken || !oauth) return open();
  let current = open();
  const fresh = async (force: boolean) => {
    if (force || (c.secrets.expiresAt && c.secrets.expiresAt - REFRESH_MARGIN_MS <= deps.now().getTime())) {
      await refreshCrmTokens(deps, c, oauth);
      current = open();
    }
    return current;
  };
  const retry = async <T>(fn: (x: CrmClient) => Promise<T>): Promise<T> => {
    try {
      return await fn(await fresh(false));
    } catch (err) {
      if (!isCrmAuthError(err)) throw err;
      return fn(await fresh(true));
    }
  };
  return {
    account: () => retry((x) => x.account()),
    push: (kind, id, fields) => retry((x) => x.push(kind, id, fields)),
    get: (kind, id) => retry((x) => x.get(kind, id)),
    changes: (kind, since, cursor) => retry((x) => x.changes(kind, since, cursor)),
    stages: () => retry((x) => x.stages()),
    uninstall: current.uninstall ? (url, opts) => retry((x) => x.uninstall!(url, opts)) : undefined,
  };
}

/**
 * New OAuth tokens for a connection, in their own transaction with the row locked: concurrent
 * refreshes queue, and one that finds the access token already replaced takes the new one instead
 * of asking again. The new pair replaces the stored one (sealed) at once; `c.secrets` follows. A
 * refused refresh token throws CrmAuthError (the card asks to connect again).
 */
export async function refreshCrmTokens(deps: Pick<AppDeps, "db" | "encryptionKey" | "now">, c: Pick<OpenableConnection, "id" | "tenant_id" | "secrets">, oauth: CrmOAuth): Promise<void> {
  const secrets = await withTenant(deps.db, c.tenant_id, async (tx) => {
    const row = await tx.selectFrom("crm_sync_connections").select("credentials_encrypted").where("id", "=", c.id).forUpdate().executeTakeFirst();
    if (!row) throw new CrmAuthError("A conexão não existe mais.");
    const stored = decryptCredentials<CrmSecrets>(row.credentials_encrypted, deps.encryptionKey);
    if (stored.accessToken && stored.accessToken !== c.secrets.accessToken) return stored;
    if (!stored.refreshToken) throw new CrmAuthError("Sem token de atualização.");
    const t = await oauth.refresh(stored.refreshToken, deps.now());
    const next: CrmSecrets = { ...stored, accessToken: t.accessToken, refreshToken: t.refreshToken, expiresAt: t.expiresAt ?? undefined };
    await tx.updateTable("crm_sync_connections").set({ credentials_encrypted: encryptCredentials(next, deps.encryptionKey), updated_at: sql<Date>`now()` }).where("id", "=", c.id).execute();
    return next;
  });
  Object.assign(c.secrets, { accessToken: secrets.accessToken, refreshToken: secrets.refreshToken, expiresAt: secrets.expiresAt });
}

/** The provider's answer as a pt-BR domain error: refused credentials are the admin's to fix, the rest is "try again". */
export async function askCrm<T>(provider: CrmProvider, field: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (isCrmAuthError(err)) throw new DomainError("BAD_REQUEST", `O ${providerLabel[provider]} recusou as credenciais: ${err.message}`, { field });
    const msg = err instanceof Error ? err.message : String(err);
    throw new DomainError("SERVICE_UNAVAILABLE", `Não foi possível falar com o ${providerLabel[provider]} agora (${msg.slice(0, 200)}). Nada foi alterado; tente novamente em instantes.`);
  }
}

/** The settings cards: one entry per provider the tenant connected; never the secrets. */
export async function listCrmConnections(tx: TenantTx, deps: Pick<AppDeps, "links">) {
  const rows = await tx
    .selectFrom("crm_sync_connections as c")
    .select([
      "c.id",
      "c.provider",
      "c.account_name",
      "c.is_active",
      "c.last_push_at",
      "c.last_pull_at",
      "c.last_error",
      "c.last_error_at",
      "c.webhook_key",
      "c.created_at",
      (eb) => eb.selectFrom("crm_sync_outbox as o").whereRef("o.connection_id", "=", "c.id").select((e) => e.fn.countAll<number>().as("n")).as("pending"),
      (eb) => eb.selectFrom("crm_sync_links as l").whereRef("l.connection_id", "=", "c.id").select((e) => e.fn.countAll<number>().as("n")).as("linked"),
    ])
    .orderBy("c.provider")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    provider: r.provider as CrmProvider,
    accountName: r.account_name,
    isActive: r.is_active,
    lastPushAt: r.last_push_at,
    lastPullAt: r.last_pull_at,
    lastError: r.last_error,
    lastErrorAt: r.last_error_at,
    pending: Number(r.pending ?? 0),
    linked: Number(r.linked ?? 0),
    webhookUrl: deps.links.rootUrl(crmWebhookPath(r.provider as CrmProvider, r.webhook_key)),
    createdAt: r.created_at,
  }));
}

type ConnectDeps = Pick<AppDeps, "crm" | "encryptionKey" | "links" | "now">;

/**
 * Stores a connection after the provider accepted the credentials; subscribes the provider's
 * webhooks to this connection's URL (Pipedrive: Basic auth with a user and password made here);
 * starts the scheduled pull. Reconnecting replaces the credentials and keeps the links.
 */
async function storeConnection(
  tx: TenantTx,
  tenantId: string,
  deps: ConnectDeps,
  provider: CrmProvider,
  credentials: CrmCredentials,
  apiBase: string | null,
  meta: AuditMeta,
  after: AfterCommit,
) {
  const client = deps.crm.open(provider, { ...credentials, apiBase });
  const account = await askCrm(provider, provider === "pipedrive" ? "apiToken" : "code", () => client.account());
  const existing = await tx.selectFrom("crm_sync_connections").select(["id", "webhook_key"]).where("provider", "=", provider).executeTakeFirst();
  const webhookKey = existing?.webhook_key ?? randomBytes(24).toString("base64url");
  const webhookUser = `vendaflow-${randomBytes(6).toString("hex")}`;
  const webhookPassword = randomBytes(24).toString("base64url");
  if (client.subscribe) {
    const url = deps.links.rootUrl(crmWebhookPath(provider, webhookKey));
    await askCrm(provider, "apiToken", () => client.subscribe!(url, { user: webhookUser, password: webhookPassword }));
  }
  const values = {
    credentials_encrypted: encryptCredentials<CrmSecrets>({ ...credentials, webhookPassword }, deps.encryptionKey),
    account_id: account.id.slice(0, 64),
    account_name: account.name.slice(0, 255),
    api_base: apiBase,
    webhook_user: webhookUser,
    is_active: true,
    last_error: null,
    last_error_at: null,
    created_by: meta.actorUserId ?? null,
  };
  const row = await tx
    .insertInto("crm_sync_connections")
    .values({ tenant_id: tenantId, provider, webhook_key: webhookKey, ...values })
    .onConflict((oc) => oc.columns(["tenant_id", "provider"]).doUpdateSet({ ...values, updated_at: sql<Date>`now()` }))
    .returning("id")
    .executeTakeFirstOrThrow();
  await recordAudit(tx, tenantId, meta, { action: "crm_sync.connect", entityType: "crm_sync_connection", entityId: row.id, after: { provider, account: values.account_name } });
  after.jobs.push(crmPullJob({ tenantId, connectionId: row.id }, deps.now(), 0));
  return row.id;
}

/** Pipedrive by API token (checked with GET /v1/users/me). */
export async function connectPipedrive(tx: TenantTx, tenantId: string, deps: ConnectDeps, input: ConnectPipedriveInput, meta: AuditMeta, after: AfterCommit) {
  const apiBase = input.companyDomain ? `https://${input.companyDomain}.pipedrive.com` : null;
  await storeConnection(tx, tenantId, deps, "pipedrive", { apiToken: input.apiToken }, apiBase, meta, after);
  return listCrmConnections(tx, deps);
}

/** HubSpot after the OAuth code exchange (tokens from the provider's token endpoint). */
export async function connectWithTokens(tx: TenantTx, tenantId: string, deps: ConnectDeps, provider: CrmProvider, credentials: CrmCredentials, meta: AuditMeta, after: AfterCommit) {
  return storeConnection(tx, tenantId, deps, provider, credentials, null, meta, after);
}

async function requireConnection(tx: TenantTx, deps: Pick<AppDeps, "encryptionKey">, provider: CrmProvider) {
  const c = await loadCrmConnection(tx, deps, { provider });
  if (!c) throw new DomainError("NOT_FOUND", `Conecte o ${providerLabel[provider]} primeiro.`);
  return c;
}

/**
 * Removes the connection, its links and pending pushes (no lead, deal or remote record is deleted
 * on either side), and undoes what connecting set up at the remote (CrmClient.uninstall: Pipedrive's
 * webhooks to this connection's URL; HubSpot's app install unless another tenant's connection uses
 * the portal). That is best effort: a revoked token or an unreachable CRM must not keep a tenant
 * connected, so it is reported (`remoteWebhooksLeft`, shown on the card with where to remove them
 * by hand) and later deliveries are refused or ignored (the connection is gone).
 */
export async function disconnectCrm(tx: TenantTx, tenantId: string, deps: ClientDeps & Pick<AppDeps, "links">, provider: CrmProvider, meta: AuditMeta) {
  const row = await tx.selectFrom("crm_sync_connections").select(["id", "account_name", "credentials_encrypted"]).where("provider", "=", provider).executeTakeFirst();
  if (!row) throw new DomainError("NOT_FOUND", `Conecte o ${providerLabel[provider]} primeiro.`);
  // Unreadable credentials (a retired key): the remote side cannot be undone, the connection still goes.
  let remoteWebhooksLeft = readCredentials(row.credentials_encrypted, deps.encryptionKey).unreadable;
  if (!remoteWebhooksLeft) {
    const c = await requireConnection(tx, deps, provider);
    const client = crmClientFor(deps, c);
    // Before the row is deleted: a token refresh on the way (HubSpot) locks the row in its own transaction.
    if (client.uninstall) {
      const others = c.account_id ? (await resolveCrmAccount(tx, provider, c.account_id)).filter((o) => o.connectionId !== c.id) : [];
      try {
        await client.uninstall(deps.links.rootUrl(crmWebhookPath(provider, c.webhook_key)), { lastOfAccount: others.length === 0 });
      } catch {
        remoteWebhooksLeft = true;
      }
    }
  }
  await tx.deleteFrom("crm_sync_connections").where("id", "=", row.id).execute();
  await recordAudit(tx, tenantId, meta, { action: "crm_sync.disconnect", entityType: "crm_sync_connection", entityId: row.id, before: { provider, account: row.account_name }, after: { remoteWebhooksLeft } });
  return { ok: true as const, remoteWebhooksLeft };
}

/** The mapping page: the fields, our stages and the remote's (asked live; an error leaves the list empty with the reason). */
export async function getCrmMapping(tx: TenantTx, deps: ClientDeps, provider: CrmProvider) {
  const row = await tx.selectFrom("crm_sync_connections").select(["field_mapping", "credentials_encrypted"]).where("provider", "=", provider).executeTakeFirst();
  if (!row) throw new DomainError("NOT_FOUND", `Conecte o ${providerLabel[provider]} primeiro.`);
  const unreadable = readCredentials(row.credentials_encrypted, deps.encryptionKey).unreadable;
  const localStages = await tx
    .selectFrom("pipeline_stages as s")
    .innerJoin("pipelines as p", "p.id", "s.pipeline_id")
    .select(["s.id", "s.name", "p.name as pipeline"])
    .orderBy("p.is_default", "desc")
    .orderBy("p.name")
    .orderBy("s.position")
    .execute();
  let remoteStages: { id: string; name: string; pipeline: string }[] = [];
  let remoteError: string | null = null;
  if (!unreadable) {
    try {
      remoteStages = await crmClientFor(deps, await requireConnection(tx, deps, provider)).stages();
    } catch (err) {
      remoteError = (err instanceof Error ? err.message : String(err)).slice(0, 300);
    }
  }
  return { provider, mapping: mappingView(readMapping(row.field_mapping)), localStages, remoteStages, remoteError, unreadable };
}

/** Saves which fields sync and the stage pairs; our stages must be the tenant's. */
export async function saveCrmMapping(tx: TenantTx, tenantId: string, deps: Pick<AppDeps, "encryptionKey">, provider: CrmProvider, mapping: CrmFieldMapping, meta: AuditMeta) {
  const c = await requireConnection(tx, deps, provider);
  const ids = [...new Set(mapping.stages.map((s) => s.localStageId))];
  if (ids.length) {
    const found = await tx.selectFrom("pipeline_stages").select("id").where("id", "in", ids).execute();
    if (found.length !== ids.length) throw new DomainError("BAD_REQUEST", "Uma das etapas escolhidas não existe mais. Recarregue a página.", { field: "stages" });
  }
  const remoteIds = mapping.stages.map((s) => s.remoteStageId);
  if (new Set(remoteIds).size !== remoteIds.length || ids.length !== mapping.stages.length) {
    throw new DomainError("BAD_REQUEST", "Cada etapa só pode aparecer em um par.", { field: "stages" });
  }
  await tx.updateTable("crm_sync_connections").set({ field_mapping: JSON.stringify(mapping), updated_at: sql<Date>`now()` }).where("id", "=", c.id).execute();
  await recordAudit(tx, tenantId, meta, { action: "crm_sync.mapping", entityType: "crm_sync_connection", entityId: c.id, before: c.mapping as unknown as Record<string, unknown>, after: mapping as unknown as Record<string, unknown> });
  return { ok: true as const };
}
