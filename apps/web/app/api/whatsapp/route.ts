import { resolveInbox } from "@vendaflow/core/inboxes/resolve";
import { platformAccountTenantsForWaba, platformTenantsForWaba } from "@vendaflow/core/whatsapp/templates";
import { appDeps } from "@/lib/server/deps";
import { receiveWebhook, verifySubscription } from "@/lib/server/whatsapp-webhook";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

/** The platform's Meta app: one webhook, each change routed to the inbox owning its phone_number_id. */
export const GET = route("/api/whatsapp", "webhook", async (req: Request) => {
  return verifySubscription(req, appDeps().platformWhatsApp.verifyToken);
});

export const POST = route("/api/whatsapp", "webhook", async (req: Request) => {
  const d = appDeps();
  return receiveWebhook(req, d.platformWhatsApp.appSecret, {
    number: async (phoneNumberId) => {
      const r = await resolveInbox(d.db, "phone_number_id", phoneNumberId);
      return r && r.channel === "whatsapp" ? r : null;
    },
    templates: (wabaId) => platformTenantsForWaba(d.db, wabaId),
    // account_update names a WABA: the tenants whose platform-app inboxes use it, inactive ones included.
    accountUpdates: (wabaId) => platformAccountTenantsForWaba(d.db, wabaId),
  });
});
