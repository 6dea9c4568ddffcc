import { sql } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import { flowSchema, type Flow } from "@vendaflow/validators/flow";
import { defaultBantFlow } from "../bot/default-flow";
import { cached } from "../cache/context";
import { defaultFlows, publishedFlows } from "../cache/hot-reads";

// Published versions never change, so their parsed definitions are cached per process (the query
// still runs, under RLS, so a tenant only ever gets a flow it can see).
const parsed = new Map<string, Flow>();
function parseOnce(id: string, definition: unknown): Flow {
  let flow = parsed.get(id);
  if (!flow) {
    flow = flowSchema.parse(definition);
    if (parsed.size > 1000) parsed.clear();
    parsed.set(id, flow);
  }
  return flow;
}

/** The tenant's default flow, created from the seed's BANT flow on first use. */
export async function ensureDefaultFlow(tx: TenantTx, tenantId: string): Promise<{ id: string; flow: Flow }> {
  const existing = await cached(
    defaultFlows,
    tenantId,
    async () => {
      const row = await tx
        .selectFrom("qualification_flows")
        .select(["id", "definition"])
        .where("is_default", "=", true)
        .where("published_at", "is not", null)
        .orderBy("version", "desc")
        .limit(1)
        .executeTakeFirst();
      return row ? { id: row.id, flow: parseOnce(row.id, row.definition) } : null;
    },
    (f) => f !== null,
  );
  if (existing) return existing;
  const row = await tx
    .insertInto("qualification_flows")
    .values({ tenant_id: tenantId, name: defaultBantFlow.name, version: defaultBantFlow.version, definition: JSON.stringify(defaultBantFlow), is_default: true, published_at: sql<Date>`now()` })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id: row.id, flow: defaultBantFlow };
}

/**
 * A conversation keeps the exact version it started on. With the tenant id, a published version
 * comes from the process cache (it never changes; the key carries the tenant, so an entry read under
 * one tenant's RLS never serves another).
 */
export async function loadFlow(tx: TenantTx, flowId: string, tenantId?: string): Promise<Flow> {
  const read = async () => {
    const row = await tx.selectFrom("qualification_flows").select(["definition", "published_at"]).where("id", "=", flowId).executeTakeFirstOrThrow();
    return { flow: row.published_at ? parseOnce(flowId, row.definition) : flowSchema.parse(row.definition), published: row.published_at !== null };
  };
  if (!tenantId) return (await read()).flow;
  let draft: Flow | null = null;
  const published = await cached(publishedFlows, `${tenantId}:${flowId}`, async () => {
    const r = await read();
    if (!r.published) draft = r.flow;
    return r.published ? r.flow : null;
  }, (f) => f !== null);
  return published ?? draft!;
}
