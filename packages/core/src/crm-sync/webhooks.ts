import { sql } from "kysely";
import { withTenant } from "@vendaflow/db/with-tenant";
import type { CrmProvider } from "@vendaflow/validators/crm-sync";
import type { z } from "zod";
import type { AppDeps } from "../deps";
import type { RemoteCrmRecord } from "../ports/crm-sync";
import type { InboundWebhook } from "../webhooks/receive-once";
import { applyRemoteRecord } from "./apply";
import { loadCrmConnection, type LoadedCrmConnection } from "./connections";

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
