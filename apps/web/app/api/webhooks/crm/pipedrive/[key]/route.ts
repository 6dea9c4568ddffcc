import { pipedriveWebhookId, pipedriveWebhookRecord } from "@vendaflow/connectors/pipedrive/records";
import { verifyPipedriveBasicAuth } from "@vendaflow/connectors/pipedrive/verify-webhook";
import { crmWebhook, resolveCrmWebhook } from "@vendaflow/core/crm-sync/webhooks";
import { pipedriveWebhookSchema } from "@vendaflow/validators/crm-sync";
import { appDeps } from "@/lib/server/deps";
import { handleWebhook } from "@/lib/server/webhook";
import { route } from "@/lib/server/route";

/**
 * Pipedrive webhooks v2 → CRM sync. The route key names one tenant's connection; the delivery's
 * HTTP Basic credentials (made per connection when the webhooks were subscribed) are compared in
 * constant time: anything else is 401 and nothing is stored. Deliveries are recorded once in
 * webhook_receipts (a repeat changes nothing); persons and deals are applied as pulls are.
 */
export const POST = route("/api/webhooks/crm/pipedrive/[key]", "webhook", async (req: Request, ctx: { params: Promise<{ key: string }> }) => {
  const deps = appDeps();
  const key = (await ctx.params).key;
  return handleWebhook(req, async () =>
    crmWebhook(deps, await resolveCrmWebhook(deps, "pipedrive", key), {
      provider: "pipedrive",
      schema: pipedriveWebhookSchema,
      verify: (_raw, headers, c) => verifyPipedriveBasicAuth(headers.get("authorization"), { user: c.webhook_user, password: c.secrets.webhookPassword ?? "" }),
      identify: pipedriveWebhookId,
      record: pipedriveWebhookRecord,
    }),
  );
});
