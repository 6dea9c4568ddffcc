import { afterCommit, runAfterCommit } from "@vendaflow/core/after-commit";
import { isAgentReply, isMirrorEcho, receiveChatwootEvent, resolveChatwootWebhook } from "@vendaflow/core/chatwoot/inbound";
import { chatwootWebhookSchema } from "@vendaflow/validators/chatwoot";
import { appDeps } from "@/lib/server/deps";
import { handleWebhook } from "@/lib/server/webhook";
import { route } from "@/lib/server/route";

/**
 * Chatwoot's webhook (Settings → Integrations → Webhooks, event "Message created"), at the URL the
 * settings card shows: `/api/chatwoot/webhook/{key}?token={token}`. Chatwoot does not sign its
 * webhooks, so the unguessable route key names the connection and the token is checked against
 * its hash in constant time: otherwise 401 and nothing is read or written. An agent's public reply
 * in a mirrored conversation goes to the lead (once per Chatwoot message id); everything else is
 * acknowledged and ignored: the mirror's own messages coming back quietly (an echo), the rest
 * logged as unrouted.
 */
export const POST = route("/api/chatwoot/webhook/[key]", "webhook", async (req: Request, ctx: { params: Promise<{ key: string }> }) => {
  const deps = appDeps();
  const key = (await ctx.params).key;
  const token = new URL(req.url).searchParams.get("token");
  const after = afterCommit();
  let connection: { tenantId: string; connectionId: string } | null = null;
  return handleWebhook(req, {
    provider: "chatwoot",
    maxBodyBytes: 512 * 1024,
    verify: async () => (connection = await resolveChatwootWebhook(deps.db, key, token)) !== null,
    schema: chatwootWebhookSchema,
    identify: (ev) => ({ eventId: `message:${ev.id ?? 0}`, eventType: ev.event }),
    // Only an agent's reply is recorded and acted on; any other event is acknowledged as not ours.
    tenantOf: async (ev) => (connection && isAgentReply(ev) ? connection.tenantId : null),
    isEcho: async (ev) => connection !== null && (await isMirrorEcho(deps.db, connection, ev)),
    handle: async (tx, ev, tenantId) => void (await receiveChatwootEvent(tx, tenantId, connection!.connectionId, ev, after, deps.now())),
    afterCommit: (_ev, tenantId) => runAfterCommit(deps, tenantId, after),
  });
});
