import { after } from "next/server";
import { sendWidgetMessage } from "@vendaflow/core/conversations/widget";
import { tightest } from "@vendaflow/core/rate-limit/assert-rate-limit";
import { assertPlanRateLimit } from "@vendaflow/core/rate-limit/plan-limits";
import { withTenant, type InTenant } from "@vendaflow/db/with-tenant";
import { widgetSendInput } from "@vendaflow/validators/widget";
import { BODY_LIMITS } from "@/lib/server/body";
import { appDeps } from "@/lib/server/deps";
import { preflight } from "@/lib/server/cors";
import { parseJson, toResponse } from "@/lib/server/http";
import { log } from "@/lib/server/log";
import { rateLimitHeaders } from "@/lib/server/rate-limit-headers";
import { visitorFrom } from "@/lib/server/widget-request";
import { route } from "@/lib/server/route";

export const OPTIONS = preflight;

/** Persist the visitor's message, answer at once, let the bot reply after the response (read via SSE). */
export const POST = route("/api/widget/send", "http", async (req: Request) => {
  let cors: Record<string, string> = {};
  try {
    const { visitor, cors: c } = await visitorFrom(req);
    cors = c;
    const input = await parseJson(req, widgetSendInput, BODY_LIMITS.widgetSend);
    const d = appDeps();
    const now = d.now();
    // The plan's limits from the process cache: a transaction only on a miss.
    const inTenant: InTenant = (fn) => withTenant(d.db, visitor.tenantId, fn);
    const limits = [
      await assertPlanRateLimit(inTenant, d.counters, visitor.tenantId, "widget-message:visitor", visitor.visitorId, now),
      await assertPlanRateLimit(inTenant, d.counters, visitor.tenantId, "widget-message:inbox", visitor.inboxId, now),
    ];
    const sent = await sendWidgetMessage(d, visitor, input);
    after(() => sent.process().catch((err: Error) => log.error("widget.process_failed", { tenantId: visitor.tenantId, error: err.message })));
    return Response.json({ message: sent.message }, { headers: { ...cors, ...rateLimitHeaders(tightest(limits)) } });
  } catch (err) {
    return toResponse(err, cors);
  }
});
