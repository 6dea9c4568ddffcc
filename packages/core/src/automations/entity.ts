import { sql } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { Facts } from "./conditions";

export interface AutomationEntity {
  type: "lead" | "deal";
  id: string;
  /** Whom "owner" means: the deal's owner, or the agent of the lead's latest conversation. */
  ownerId: string | null;
  facts: Facts;
}

const customFacts = (o: unknown): Facts =>
  Object.fromEntries(Object.entries(o && typeof o === "object" ? (o as Record<string, unknown>) : {}).map(([k, v]) => [`custom.${k}`, v]));

/** The entity as it is now (the job re-reads it: state may have moved since the event), or null if gone. */
export async function loadEntity(tx: TenantTx, type: "lead" | "deal", id: string): Promise<AutomationEntity | null> {
  if (type === "deal") {
    const d = await tx
      .selectFrom("deals as d")
      .innerJoin("pipeline_stages as s", "s.id", "d.stage_id")
      .select(["d.id", "d.title", "d.value_cents", "d.status", "d.tags", "d.owner_id", "d.custom_fields", "d.stage_id", "d.pipeline_id", "s.name as stage", "d.probability"])
      .where("d.id", "=", id)
      .where("d.deleted_at", "is", null)
      .executeTakeFirst();
    if (!d) return null;
    const { custom_fields, ...rest } = d;
    return { type, id, ownerId: d.owner_id, facts: { ...rest, value_cents: Number(d.value_cents), ...customFacts(custom_fields) } };
  }
  const l = await tx
    .selectFrom("leads")
    .select(["id", "name", "email", "phone", "company", "source", "stage", "score", "bant_score", "tags", "custom_fields"])
    .select(sql<string | null>`(select c.assigned_to from conversations c where c.lead_id = leads.id order by c.last_message_at desc limit 1)`.as("owner_id"))
    .where("id", "=", id)
    .executeTakeFirst();
  if (!l) return null;
  const { custom_fields, ...rest } = l;
  return { type, id, ownerId: l.owner_id, facts: { ...rest, ...customFacts(custom_fields) } };
}
