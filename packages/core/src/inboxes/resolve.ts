import { sql } from "kysely";
import type { Database } from "@vendaflow/db/create-db";
import { cached } from "../cache/context";
import { inboxRoutes } from "../cache/hot-reads";

export type InboxKeyKind = "public_key" | "phone_number_id" | "webhook_key";

/** Public entry points arrive before the tenant is known: one narrow definer function answers. */
export async function resolveInbox(db: Database, kind: InboxKeyKind, key: string) {
  if (!key || key.length > 200) return null;
  return cached(inboxRoutes, `${kind}:${key}`, () => lookup(db, kind, key), (r) => r !== null);
}

async function lookup(db: Database, kind: InboxKeyKind, key: string) {
  const { rows } = await sql<{ tenant_id: string; inbox_id: string; channel: string }>`select * from app_resolve_inbox(${kind}, ${key})`.execute(db);
  const r = rows[0];
  return r ? { tenantId: r.tenant_id, inboxId: r.inbox_id, channel: r.channel as "web" | "whatsapp" | "api" } : null;
}
