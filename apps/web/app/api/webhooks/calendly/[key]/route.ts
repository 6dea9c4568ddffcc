import { verifyCalendlySignature } from "@vendaflow/connectors/calendly/verify-webhook";
import { calendlyWebhook, resolveCalendarConnection } from "@vendaflow/core/scheduling/webhooks";
import { appDeps } from "@/lib/server/deps";
import { handleWebhook } from "@/lib/server/webhook";
import { route } from "@/lib/server/route";

/**
 * Calendly → meetings. The route key names one tenant's connection (and so its signing key);
 * `Calendly-Webhook-Signature` is checked over the raw body with the timestamp tolerance, then
 * receiveWebhookOnce records (event, invitee URI) once and applies it. Unknown key: 401.
 */
export const POST = route("/api/webhooks/calendly/[key]", "webhook", async (req: Request, ctx: { params: Promise<{ key: string }> }) => {
  const deps = appDeps();
  const key = (await ctx.params).key;
  const now = () => Math.floor(deps.now().getTime() / 1000);
  return handleWebhook(req, async () => calendlyWebhook(deps, await resolveCalendarConnection(deps, "calendly", key), (raw, headers, secret) => verifyCalendlySignature(raw, headers.get("calendly-webhook-signature"), secret, now())));
});
