import { hubspotEventAction, hubspotEventId } from "@vendaflow/connectors/hubspot/records";
import { verifyHubSpotSignatureV3 } from "@vendaflow/connectors/hubspot/verify-webhook";
import { receiveCrmAccountEvents } from "@vendaflow/core/crm-sync/webhooks";
import { isTransientDbError } from "@vendaflow/db/errors";
import { hubspotWebhookSchema, type HubSpotWebhookEvent } from "@vendaflow/validators/crm-sync";
import { env } from "@/lib/env";
import { BODY_LIMITS, readBody } from "@/lib/server/body";
import { appDeps } from "@/lib/server/deps";
import { HttpError } from "@/lib/server/http";
import { log } from "@/lib/server/log";
import { route } from "@/lib/server/route";
import { retryLater, webhookResponse } from "@/lib/server/webhook";

const spec = {
  provider: "hubspot" as const,
  accountOf: (e: HubSpotWebhookEvent) => e.portalId,
  identify: hubspotEventId,
  action(e: HubSpotWebhookEvent) {
    const a = hubspotEventAction(e);
    // An event without occurredAt counts as happening now: as 1970 it would lose to any stored version.
    return a ? { ...a, id: e.objectId, at: e.occurredAt === undefined ? appDeps().now() : new Date(e.occurredAt) } : null;
  },
};

/**
 * HubSpot's webhooks for every portal that installed the app (one target URL, set in the app's
 * settings) → CRM sync. The request signature v3 (HMAC-SHA256 with the app's client secret over
 * method, this URL as HubSpot called it, body and timestamp; 5 minutes) is checked over the raw
 * body: wrong or missing → 401 and nothing read further. Each event goes to the connections of
 * its portal (receiveCrmAccountEvents), once per tenant (webhook_receipts); deletions unlink,
 * creations and changes schedule a pull. Bad JSON or shape → 400; a transient database failure →
 * 503 (HubSpot retries); never a 500 for a parseable payload.
 */
export const POST = route("/api/webhooks/crm/hubspot", "webhook", async (req: Request) => {
  const deps = appDeps();
  try {
    const rawBody = await readBody(req, BODY_LIMITS.webhook);
    const url = new URL(req.url);
    const secret = env().HUBSPOT_CLIENT_SECRET ?? "";
    const verified = verifyHubSpotSignatureV3({
      method: req.method,
      uri: deps.links.rootUrl(`${url.pathname}${url.search}`),
      body: rawBody,
      signature: req.headers.get("x-hubspot-signature-v3"),
      timestamp: req.headers.get("x-hubspot-request-timestamp"),
      appSecret: secret,
      nowMs: deps.now().getTime(),
    });
    if (!verified) return webhookResponse({ status: "invalid_signature" });
    let json: unknown;
    try {
      json = JSON.parse(rawBody);
    } catch {
      return webhookResponse({ status: "invalid_payload", issues: [{ path: [], message: "Corpo não é JSON válido." }] });
    }
    const parsed = hubspotWebhookSchema.safeParse(json);
    if (!parsed.success) return webhookResponse({ status: "invalid_payload", issues: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })) });
    const result = await receiveCrmAccountEvents(deps, spec, parsed.data);
    if (result.failed) log.error("webhook.failed", { provider: "hubspot", failed: result.failed });
    if (result.unrouted) log.warn("webhook.unrouted", { provider: "hubspot", events: result.unrouted });
    return Response.json({ ok: true, ...result });
  } catch (err) {
    if (err instanceof HttpError) return err.response;
    if (!isTransientDbError(err)) throw err;
    log.error("webhook.unavailable", { provider: "hubspot", error: (err as Error).message });
    return retryLater();
  }
});
