import type { Database } from "@vendaflow/db/create-db";
import { withTenant } from "@vendaflow/db/with-tenant";
import { privacySettingsSchema, submitRequestSchema } from "@vendaflow/validators/privacy";
import { savePrivacySettings } from "../privacy/settings";
import { dueDateOf, newProtocol } from "../privacy/request-rules";

/**
 * Demo privacy page and queue: the encarregado's contact and one confirmed access request from the
 * oldest demo lead with an e-mail. Idempotent (nothing once settings exist); inputs pass the validators.
 */
export async function seedPrivacyRequests(db: Database, tenantId: string, now: Date): Promise<void> {
  await withTenant(db, tenantId, async (tx) => {
    if (await tx.selectFrom("privacy_settings").select("tenant_id").executeTakeFirst()) return;
    const settings = privacySettingsSchema.parse({ dpoName: "Helena Prado", dpoEmail: "privacidade@demo.com", dpoPhone: "+55 11 4000-1234", notice: "" });
    await savePrivacySettings(tx, tenantId, settings, {}, now);
    const lead = await tx.selectFrom("leads").select(["id", "name", "email"]).where("email", "is not", null).orderBy("created_at").executeTakeFirst();
    if (!lead?.email) return;
    const input = submitRequestSchema.parse({ kind: "access", name: lead.name ?? "Titular", email: lead.email, details: "Quero saber quais dados vocês têm sobre mim." });
    const verifiedAt = new Date(now.getTime() - 12 * 86_400_000);
    await tx
      .insertInto("privacy_requests")
      .values({ tenant_id: tenantId, protocol: newProtocol(verifiedAt), kind: input.kind, status: "open", requester_name: input.name, requester_email: input.email, details: input.details, lead_id: lead.id, verified_at: verifiedAt, due_date: dueDateOf(verifiedAt), created_at: verifiedAt, updated_at: verifiedAt })
      .execute();
  });
}
