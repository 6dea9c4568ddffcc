import { verifyCalcomSignature } from "@vendaflow/connectors/calcom/verify-webhook";
import { calcomWebhook, resolveCalendarConnection } from "@vendaflow/core/scheduling/webhooks";
import { appDeps } from "@/lib/server/deps";
import { handleWebhook } from "@/lib/server/webhook";
import { route } from "@/lib/server/route";

/**
 * Cal.com → meetings. The route key names one tenant's connection (and so its secret);
 * `X-Cal-Signature-256` is checked over the raw body, and (booking uid, trigger) is recorded once:
 * Cal.com signs no timestamp, so the receipt is what refuses a replay. Unknown key: 401.
 */
export const POST = route("/api/webhooks/calcom/[key]", "webhook", async (req: Request, ctx: { params: Promise<{ key: string }> }) => {
  const deps = appDeps();
  const key = (await ctx.params).key;
  return handleWebhook(req, async () => calcomWebhook(deps, await resolveCalendarConnection(deps, "calcom", key), (raw, headers, secret) => verifyCalcomSignature(raw, headers.get("x-cal-signature-256"), secret)));
});
