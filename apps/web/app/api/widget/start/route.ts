import { startWidget } from "@vendaflow/core/conversations/widget";
import { resolveInbox } from "@vendaflow/core/inboxes/resolve";
import { assertRateLimit } from "@vendaflow/core/rate-limit/assert-rate-limit";
import { widgetStartInput } from "@vendaflow/validators/widget";
import { BODY_LIMITS } from "@/lib/server/body";
import { appDeps } from "@/lib/server/deps";
import { corsHeaders, preflight } from "@/lib/server/cors";
import { HttpError, parseJson, problem, toResponse } from "@/lib/server/http";
import { rateLimitHeaders } from "@/lib/server/rate-limit-headers";
import { checkInboxOrigin } from "@/lib/server/widget-request";
import { route } from "@/lib/server/route";

export const OPTIONS = preflight;

/** Inbox public key (+ a returning visitor's token) → visitor token, theme, privacy notice, history. */
export const POST = route("/api/widget/start", "http", async (req: Request) => {
  const cors = corsHeaders(req.headers.get("origin"));
  try {
    const input = await parseJson(req, widgetStartInput, BODY_LIMITS.widgetStart);
    const d = appDeps();
    const inbox = await resolveInbox(d.db, "public_key", input.publicKey);
    if (!inbox || inbox.channel !== "web") throw new HttpError(problem(404, "not_found", "Widget não encontrado. Confira o código de instalação."));
    await checkInboxOrigin(req, inbox.tenantId, inbox.inboxId);
    const limit = await assertRateLimit(d.counters, "widget-start:inbox", inbox.inboxId, d.now().getTime());
    return Response.json(await startWidget(d, inbox, input.visitorToken), { headers: { ...cors, "cache-control": "no-store", ...rateLimitHeaders(limit) } });
  } catch (err) {
    return toResponse(err, cors);
  }
});
