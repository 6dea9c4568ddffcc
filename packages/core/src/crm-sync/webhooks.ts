import { sql } from "kysely";
import { withTenant } from "@vendaflow/db/with-tenant";
import type { CrmProvider } from "@vendaflow/validators/crm-sync";
import { z } from "zod";
import type { AppDeps } from "../deps";
import type { RemoteCrmRecord } from "../ports/crm-sync";
import { receiveWebhookOnce, type InboundWebhook, type WebhookOutcome } from "../webhooks/receive-once";
import { applyRemoteRecord } from "./apply";
import { loadCrmConnection, resolveCrmAccount, type LoadedCrmConnection } from "./connections";
import { crmWebhookPull } from "./jobs";

const ROUTE_KEY = /^[A-Za-z0-9_-]{32,64}$/;

/** The connection a webhook's route key names (app_resolve_crm_sync_webhook, 0135), with its secrets; null = not ours. */
export async function resolveCrmWebhook(deps: Pick<AppDeps, "db" | "encryptionKey">, provider: CrmProvider, key: string): Promise<{ tenantId: string; connection: LoadedCrmConnection } | null> {
  if (!ROUTE_KEY.test(key)) return null;
  const { rows } = await sql<{ tenant_id: string; connection_id: string }>`select * from app_resolve_crm_sync_webhook(${provider}, ${key})`.execute(deps.db);
  const r = rows[0];
  if (!r) return null;
  const connection = await withTenant(deps.db, r.tenant_id, (tx) => loadCrmConnection(tx, deps, { id: r.connection_id }));
  return connection ? { tenantId: r.tenant_id, connection } : null;
}

/** What a provider's webhook needs from connectors: the credential check and the wire → record conversion. */
export interface CrmWebhookSpec<S extends z.ZodType> {
  provider: CrmProvider;
  schema: S;
  verify(rawBody: string, headers: Headers, connection: LoadedCrmConnection): boolean;
  identify: InboundWebhook<S>["identify"];
  /** The contact or deal the event carries (null: an object or action we do not sync). */
  record(event: z.infer<S>): RemoteCrmRecord | null;
}

/**
 * A provider's webhook for one connection, in the shape of every inbound webhook (receive-once):
 * an unknown route key or bad credentials → 401 and nothing stored; a repeated delivery → 200 and
 * nothing changes; the record is applied like a pulled one (echo ignored, last writer wins). A new
 * remote object arriving while a push run holds the connection is left to the scheduled pull (it
 * may be our own create coming back before the run linked it).
 */
export function crmWebhook<S extends z.ZodType>(deps: Pick<AppDeps, "now">, route: { tenantId: string; connection: LoadedCrmConnection } | null, spec: CrmWebhookSpec<S>): InboundWebhook<S> {
  return {
    provider: spec.provider,
    verify: (raw, headers) => (route ? spec.verify(raw, headers, route.connection) : false),
    schema: spec.schema,
    identify: spec.identify,
    tenantOf: async () => route?.tenantId ?? null,
    async handle(tx, event, tenantId) {
      const rec = spec.record(event);
      if (!rec || !route) return;
      const c = await tx.selectFrom("crm_sync_connections").select(["id", "push_lease_until", "is_active"]).where("id", "=", route.connection.id).executeTakeFirst();
      if (!c?.is_active) return;
      if (c.push_lease_until && c.push_lease_until > deps.now()) {
        const linked = await tx.selectFrom("crm_sync_links").select("local_id").where("connection_id", "=", c.id).where("entity_type", "=", rec.kind === "contact" ? "lead" : "deal").where("remote_id", "=", rec.id).executeTakeFirst();
        if (!linked) return;
      }
      await applyRemoteRecord(tx, tenantId, route.connection, rec, deps.now());
    },
  };
}

/** What an account-routed event asks of the sync: unlink a deleted object, or read the changed ones (a pull). */
export interface CrmAccountEventSpec<E> {
  provider: CrmProvider;
  accountOf(event: E): string;
  identify(event: E): { eventId: string; eventType: string };
  action(event: E): { kind: "contact" | "deal"; id: string; action: "deleted" | "changed"; at: Date } | null;
}

export interface CrmAccountEventsResult {
  processed: number;
  duplicate: number;
  unrouted: number;
  failed: number;
}

/**
 * Webhooks the provider sends to the app's one URL for every account (HubSpot), the request
 * already verified as a whole (the app's signature): each event goes to the connections of its
 * account (its portal) and is recorded once per tenant in webhook_receipts (a repeated delivery
 * changes nothing), through receiveWebhookOnce like every inbound webhook. A deletion unlinks the
 * object at once; a creation or change schedules a pull of the connection (crmWebhookPull: the
 * events carry no fields), which applies it like any pulled record (echo ignored, last writer wins).
 * An account no tenant connected is acknowledged and ignored.
 */
export async function receiveCrmAccountEvents<E>(deps: Pick<AppDeps, "db" | "now" | "encryptionKey" | "scheduler">, spec: CrmAccountEventSpec<E>, events: E[]): Promise<CrmAccountEventsResult> {
  const result: CrmAccountEventsResult = { processed: 0, duplicate: 0, unrouted: 0, failed: 0 };
  const targets = new Map<string, { tenantId: string; connectionId: string }[]>();
  for (const event of events) {
    const account = spec.accountOf(event);
    if (!targets.has(account)) targets.set(account, await resolveCrmAccount(deps.db, spec.provider, account));
    const routes = targets.get(account)!;
    if (!routes.length) result.unrouted++;
    for (const route of routes) {
      const outcome: WebhookOutcome = await receiveWebhookOnce(deps.db, accountEventHook(deps, spec, route), { rawBody: JSON.stringify(event), headers: new Headers() });
      if (outcome.status === "processed") result.processed++;
      else if (outcome.status === "duplicate") result.duplicate++;
      else if (outcome.status === "failed") result.failed++;
      else result.unrouted++;
    }
  }
  return result;
}

function accountEventHook<E>(deps: Pick<AppDeps, "now" | "encryptionKey" | "scheduler">, spec: CrmAccountEventSpec<E>, route: { tenantId: string; connectionId: string }): InboundWebhook<z.ZodType<E>> {
  return {
    provider: spec.provider,
    // The request carrying this event was verified as a whole by the route.
    verify: () => true,
    schema: z.custom<E>(() => true),
    identify: spec.identify,
    tenantOf: async () => route.tenantId,
    async handle(tx, event, tenantId) {
      const a = spec.action(event);
      if (a?.action !== "deleted") return;
      const c = await loadCrmConnection(tx, deps, { id: route.connectionId });
      if (!c?.is_active) return;
      await applyRemoteRecord(tx, tenantId, c, { kind: a.kind, id: a.id, version: "", updatedAt: a.at, fields: {}, deleted: true }, deps.now());
    },
    async afterCommit(event, tenantId) {
      if (spec.action(event)?.action === "changed") await deps.scheduler.schedule(crmWebhookPull({ tenantId, connectionId: route.connectionId }, deps.now()));
    },
  };
}
