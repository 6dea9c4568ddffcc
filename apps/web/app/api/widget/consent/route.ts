import { acceptWidgetConsent } from "@vendaflow/core/conversations/widget";
import { widgetConsentInput } from "@vendaflow/validators/widget";
import { BODY_LIMITS } from "@/lib/server/body";
import { appDeps } from "@/lib/server/deps";
import { preflight } from "@/lib/server/cors";
import { parseJson, toResponse } from "@/lib/server/http";
import { clientIp } from "@/lib/server/request-meta";
import { visitorFrom } from "@/lib/server/widget-request";
import { route } from "@/lib/server/route";

export const OPTIONS = preflight;

/** Records service and marketing consent separately, then the bot greets. */
export const POST = route("/api/widget/consent", "http", async (req: Request) => {
  let cors: Record<string, string> = {};
  try {
    const v = await visitorFrom(req);
    cors = v.cors;
    const input = await parseJson(req, widgetConsentInput, BODY_LIMITS.widgetConsent);
    await acceptWidgetConsent(appDeps(), v.visitor, input.marketing, { ip: clientIp(req.headers), userAgent: req.headers.get("user-agent") });
    return Response.json({ ok: true }, { headers: cors });
  } catch (err) {
    return toResponse(err, cors);
  }
});
