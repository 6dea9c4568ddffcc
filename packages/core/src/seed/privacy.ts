import type { Database } from "@vendaflow/db/create-db";
import { withTenant } from "@vendaflow/db/with-tenant";
import { recordManualConsentSchema, revokeConsentSchema } from "@vendaflow/validators/privacy";
import { recordManualConsent, revokeConsent } from "../privacy/consent-ledger";

/**
 * Demo consent ledger: the two oldest demo leads get a marketing consent an agent recorded by
 * phone; the second one later revoked it (so marketing templates to it are refused). Idempotent:
 * does nothing once the tenant has a phone consent. Inputs pass the validators first.
 */
export async function seedPrivacy(db: Database, tenantId: string, now: Date): Promise<void> {
  await withTenant(db, tenantId, async (tx) => {
    const done = await tx.selectFrom("consents").select("id").where("channel", "=", "phone").executeTakeFirst();
    if (done) return;
    const agent = await tx.selectFrom("users").select("id").where("role", "=", "agent").orderBy("created_at").executeTakeFirst();
    const leads = await tx.selectFrom("leads").select("id").orderBy("created_at").orderBy("id").limit(2).execute();
    const meta = { actorUserId: agent?.id ?? null };
    for (const [i, lead] of leads.entries()) {
      const input = recordManualConsentSchema.parse({
        subject: { leadId: lead.id },
        purpose: "marketing",
        granted: true,
        channel: "phone",
        textShown: "Aceito receber novidades e ofertas. Posso cancelar quando quiser.",
        textVersion: "telefone-v1",
        note: "Ligação de retorno: o lead autorizou por voz o envio de ofertas pelo WhatsApp.",
      });
      await recordManualConsent(tx, tenantId, input, meta, new Date(now.getTime() - 3 * 86_400_000));
      if (i === 1) {
        const revoke = revokeConsentSchema.parse({ subject: { leadId: lead.id }, purpose: "marketing", reason: "Pediu por e-mail para não receber mais ofertas." });
        await revokeConsent(tx, tenantId, { ...revoke, channel: "email" }, meta, new Date(now.getTime() - 86_400_000));
      }
    }
  });
}
