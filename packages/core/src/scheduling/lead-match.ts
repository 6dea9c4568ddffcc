import type { TenantTx } from "@vendaflow/db/with-tenant";
import { isUuid } from "@vendaflow/validators/uuid";

/**
 * The lead a booking is about: the reference our booking link carried (a lead of this tenant:
 * RLS hides the others), else the most recent lead with the invitee's e-mail, else a new lead
 * from the calendar (`created`: the caller fires lead_created). The reference is a lead id rather than a secret: it only ever names a lead
 * of the connection's own tenant, and a wrong one falls back to the e-mail.
 */
export async function matchLead(tx: TenantTx, tenantId: string, who: { ref: string | null; email: string | null; name: string | null }): Promise<{ id: string; created: boolean }> {
  if (isUuid(who.ref)) {
    const byRef = await tx.selectFrom("leads").select("id").where("id", "=", who.ref).where("anonymised_at", "is", null).executeTakeFirst();
    if (byRef) return { id: byRef.id, created: false };
  }
  const email = who.email?.trim().toLowerCase() || null;
  if (email) {
    const byEmail = await tx
      .selectFrom("leads")
      .select("id")
      .where("email_key", "=", email)
      .where("anonymised_at", "is", null)
      .orderBy("created_at", "desc")
      .executeTakeFirst();
    if (byEmail) return { id: byEmail.id, created: false };
  }
  const created = await tx
    .insertInto("leads")
    .values({ tenant_id: tenantId, source: "calendar", name: who.name, email, source_details: JSON.stringify({ via: "booking" }) })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id: created.id, created: true };
}
