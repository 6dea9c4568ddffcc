import { randomBytes } from "node:crypto";
import { sql, type Selectable } from "kysely";
import type { DB } from "@vendaflow/db/types";
import { withTenant, type TenantTx } from "@vendaflow/db/with-tenant";
import type { CalendarProviderName, ConnectCalendarInput, PickEventTypeInput } from "@vendaflow/validators/scheduling";
import { recordAudit, type AuditMeta } from "../audit/record";
import type { AppDeps } from "../deps";
import { DomainError } from "../errors";
import { decryptCredentials, encryptCredentials, readCredentials } from "../inboxes/credentials";
import { CalendarAuthError, isCalendarAuthError, type CalendarClient, type CalendarEventType } from "../ports/calendar";

/**
 * What is stored encrypted: the tenant's API token (a Calendly OAuth access token when connected
 * by OAuth, with its single-use refresh token and expiry) and the webhook's signing secret.
 */
export interface CalendarSecrets {
  token: string;
  webhookSecret: string;
  refreshToken?: string;
  expiresAt?: string | null;
}

/** Opening a connection may refresh its OAuth token (in its own transaction): hence db and now. */
export type ConnectionDeps = Pick<AppDeps, "calendar" | "encryptionKey" | "links" | "db" | "now">;
type OpenDeps = Pick<AppDeps, "calendar" | "encryptionKey" | "db" | "now">;

const PROVIDER_NAME: Record<CalendarProviderName, string> = { calendly: "Calendly", calcom: "Cal.com" };

/** The provider's answer as a pt-BR domain error: a refused token is the admin's to fix, the rest is "try again". */
async function ask<T>(provider: CalendarProviderName, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (isCalendarAuthError(err)) throw new DomainError("BAD_REQUEST", `O ${PROVIDER_NAME[provider]} recusou este token. Confira se ele foi copiado inteiro e ainda é válido.`, { field: "token" });
    throw new DomainError("SERVICE_UNAVAILABLE", `Não foi possível falar com o ${PROVIDER_NAME[provider]} agora. Nada foi alterado; tente novamente em instantes.`);
  }
}

/** A connection with its secrets, for the webhook verifier and the adapters. */
export async function loadConnection(tx: TenantTx, deps: Pick<AppDeps, "encryptionKey">, where: { id: string } | { provider: CalendarProviderName }) {
  let q = tx.selectFrom("calendar_connections").selectAll();
  q = "id" in where ? q.where("id", "=", where.id) : q.where("provider", "=", where.provider);
  const row = await q.executeTakeFirst();
  return row ? withSecrets(row, decryptCredentials<CalendarSecrets>(row.credentials_encrypted, deps.encryptionKey)) : null;
}

type ConnectionRow = Selectable<DB["calendar_connections"]>;
function withSecrets(row: ConnectionRow, secrets: Partial<CalendarSecrets>) {
  return {
    ...row,
    provider: row.provider as CalendarProviderName,
    secrets: { token: secrets.token ?? "", webhookSecret: secrets.webhookSecret ?? "", refreshToken: secrets.refreshToken ?? null },
  };
}
export type LoadedConnection = ReturnType<typeof withSecrets>;

/**
 * The connection's client. A Calendly connection made by OAuth answers a rejected (expired)
 * access token by refreshing it once and retrying the call (refreshConnection).
 */
export function openConnection(deps: OpenDeps, c: LoadedConnection): CalendarClient {
  const first = deps.calendar.open(c.provider, c.secrets.token);
  if (!c.secrets.refreshToken || !deps.calendar.calendlyOAuth) return first;
  let current = first;
  const retry = <T>(call: (client: CalendarClient) => Promise<T>): Promise<T> =>
    call(current).catch(async (err: unknown) => {
      if (!isCalendarAuthError(err)) throw err;
      current = deps.calendar.open(c.provider, await refreshConnection(deps, c));
      return call(current);
    });
  return {
    provider: first.provider,
    account: () => retry((x) => x.account()),
    eventTypes: (account) => retry((x) => x.eventTypes(account)),
    subscribe: (input) => retry((x) => x.subscribe(input)),
    unsubscribe: (ref) => retry((x) => x.unsubscribe(ref)),
  };
}

/**
 * A new access token for an OAuth connection, in its own transaction with the row locked: Calendly's
 * refresh tokens are single-use, so concurrent refreshes queue, and one that finds the token
 * already replaced takes the new one instead of spending the refresh token again. The new pair
 * replaces the stored one (encrypted) at once. A refused refresh token throws CalendarAuthError.
 */
export async function refreshConnection(deps: OpenDeps, c: LoadedConnection): Promise<string> {
  const oauth = deps.calendar.calendlyOAuth;
  if (!oauth) throw new CalendarAuthError();
  const token = await withTenant(deps.db, c.tenant_id, async (tx) => {
    const row = await tx.selectFrom("calendar_connections").select("credentials_encrypted").where("id", "=", c.id).forUpdate().executeTakeFirst();
    if (!row) throw new CalendarAuthError();
    const stored = decryptCredentials<CalendarSecrets>(row.credentials_encrypted, deps.encryptionKey);
    if (stored.token && stored.token !== c.secrets.token) return stored.token;
    if (!stored.refreshToken) throw new CalendarAuthError();
    const fresh = await oauth.refresh(stored.refreshToken, deps.now());
    const secrets: CalendarSecrets = { ...stored, webhookSecret: stored.webhookSecret ?? "", token: fresh.accessToken, refreshToken: fresh.refreshToken, expiresAt: fresh.expiresAt?.toISOString() ?? null };
    await tx.updateTable("calendar_connections").set({ credentials_encrypted: encryptCredentials(secrets, deps.encryptionKey), updated_at: sql<Date>`now()` }).where("id", "=", c.id).execute();
    return fresh.accessToken;
  });
  c.secrets.token = token;
  return token;
}

/** The connections page: never the secrets (only whether it was made by OAuth or with a token). */
export async function listConnections(tx: TenantTx, deps: Pick<AppDeps, "encryptionKey">) {
  const rows = await tx
    .selectFrom("calendar_connections")
    .select(["id", "provider", "account_name", "event_type_ref", "event_type_name", "booking_url", "is_active", "created_at", "credentials_encrypted"])
    .orderBy("provider")
    .execute();
  return rows.map(({ credentials_encrypted, ...r }) => {
    const { secrets, unreadable } = readCredentials<CalendarSecrets>(credentials_encrypted, deps.encryptionKey);
    return { ...r, provider: r.provider as CalendarProviderName, auth: secrets.refreshToken ? ("oauth" as const) : ("token" as const), unreadable };
  });
}

/**
 * Checks the token with the provider, creates the signed webhook subscription pointing at this
 * connection's route key, and stores both secrets encrypted. Reconnecting a provider replaces
 * its connection (the old subscription is removed, best effort: the token may be the dead one).
 * `oauth` (Calendly by OAuth, calendly-oauth.ts): the refresh token kept beside the access token.
 */
export async function connectCalendar(tx: TenantTx, tenantId: string, deps: ConnectionDeps, input: ConnectCalendarInput, meta: AuditMeta, oauth?: { refreshToken: string; expiresAt: Date | null }) {
  const client = deps.calendar.open(input.provider, input.token);
  const account = await ask(input.provider, () => client.account());
  await unsubscribeStored(tx, deps, input.provider);
  const webhookKey = randomBytes(24).toString("base64url");
  const webhookSecret = randomBytes(32).toString("hex");
  const callbackUrl = deps.links.rootUrl(`/api/webhooks/${input.provider}/${webhookKey}`);
  const sub = await ask(input.provider, () => client.subscribe({ account, callbackUrl, secret: webhookSecret }));
  const values = {
    credentials_encrypted: encryptCredentials<CalendarSecrets>(
      { token: input.token, webhookSecret, ...(oauth ? { refreshToken: oauth.refreshToken, expiresAt: oauth.expiresAt?.toISOString() ?? null } : {}) },
      deps.encryptionKey,
    ),
    account_ref: account.ref,
    organization_ref: account.organizationRef,
    account_name: account.name.slice(0, 255),
    event_type_ref: null,
    event_type_name: null,
    booking_url: null,
    webhook_ref: sub.ref,
    webhook_key: webhookKey,
    is_active: true,
    created_by: meta.actorUserId ?? null,
  };
  const row = await tx
    .insertInto("calendar_connections")
    .values({ tenant_id: tenantId, provider: input.provider, ...values })
    .onConflict((oc) => oc.columns(["tenant_id", "provider"]).doUpdateSet({ ...values, updated_at: sql<Date>`now()` }))
    .returning("id")
    .executeTakeFirstOrThrow();
  await recordAudit(tx, tenantId, meta, { action: "calendar.connect", entityType: "calendar_connection", entityId: row.id, after: { provider: input.provider, account: account.name, via: oauth ? "oauth" : "token" } });
  return { id: row.id, eventTypes: await ask(input.provider, () => client.eventTypes({ ...account })) };
}

async function requireConnection(tx: TenantTx, deps: Pick<AppDeps, "encryptionKey">, provider: CalendarProviderName) {
  const c = await loadConnection(tx, deps, { provider });
  if (!c) throw new DomainError("NOT_FOUND", `Conecte o ${PROVIDER_NAME[provider]} primeiro.`);
  return c;
}

/** The event types the connected account offers (the settings page's picker). */
export async function listEventTypes(tx: TenantTx, deps: OpenDeps, provider: CalendarProviderName): Promise<CalendarEventType[]> {
  const c = await requireConnection(tx, deps, provider);
  const client = openConnection(deps, c);
  const account = await ask(provider, () => client.account());
  return ask(provider, () => client.eventTypes(account));
}

/** The event type leads are offered; the only active one when both providers are connected is the latest pick. */
export async function pickEventType(tx: TenantTx, tenantId: string, deps: OpenDeps, input: PickEventTypeInput, meta: AuditMeta) {
  const types = await listEventTypes(tx, deps, input.provider);
  const type = types.find((t) => t.ref === input.eventTypeRef);
  if (!type) throw new DomainError("BAD_REQUEST", "Este tipo de evento não existe mais na conta conectada.", { field: "eventTypeRef" });
  await tx
    .updateTable("calendar_connections")
    .set({ event_type_ref: type.ref, event_type_name: type.name.slice(0, 255), booking_url: type.bookingUrl, is_active: true, updated_at: sql<Date>`now()` })
    .where("provider", "=", input.provider)
    .execute();
  await recordAudit(tx, tenantId, meta, { action: "calendar.event_type", entityType: "calendar_connection", after: { provider: input.provider, eventType: type.name } });
  return type;
}

/**
 * Removes the stored connection's webhook subscription at the provider, best effort (the token may
 * be the dead one), before reconnecting or disconnecting. Not with credentials no key opens (a key
 * retired before `pnpm db:rekey`): they cannot call the provider, and the row still has to go or be
 * replaced, so that subscription stays there, pointed at a webhook key nothing answers to any more.
 */
async function unsubscribeStored(tx: TenantTx, deps: OpenDeps, provider: CalendarProviderName) {
  const row = await tx.selectFrom("calendar_connections").selectAll().where("provider", "=", provider).executeTakeFirst();
  if (!row) return null;
  const { secrets, unreadable } = readCredentials<CalendarSecrets>(row.credentials_encrypted, deps.encryptionKey);
  if (!unreadable && row.webhook_ref) await openConnection(deps, withSecrets(row, secrets)).unsubscribe(row.webhook_ref).catch(() => undefined);
  return row;
}

/** Removes the provider's webhook subscription (best effort) and the connection; meetings stay. */
export async function disconnectCalendar(tx: TenantTx, tenantId: string, deps: OpenDeps, provider: CalendarProviderName, meta: AuditMeta) {
  const row = await unsubscribeStored(tx, deps, provider);
  if (!row) throw new DomainError("NOT_FOUND", `Conecte o ${PROVIDER_NAME[provider]} primeiro.`);
  await tx.deleteFrom("calendar_connections").where("id", "=", row.id).execute();
  await recordAudit(tx, tenantId, meta, { action: "calendar.disconnect", entityType: "calendar_connection", entityId: row.id, before: { provider } });
}
