import { visitorUpdates } from "@vendaflow/core/conversations/read";
import { withTenant } from "@vendaflow/db/with-tenant";
import { seqAfter } from "@vendaflow/validators/widget";
import { appDeps } from "@/lib/server/deps";
import { preflight } from "@/lib/server/cors";
import { toResponse } from "@/lib/server/http";
import { visitorFrom } from "@/lib/server/widget-request";
import { route } from "@/lib/server/route";

export const OPTIONS = preflight;
export const dynamic = "force-dynamic";

/** Polling fallback: messages after ?after=<seq>, read from the database (any instance can answer). */
export const GET = route("/api/widget/messages", "http", async (req: Request) => {
  let cors: Record<string, string> = {};
  try {
    const { visitor, cors: c } = await visitorFrom(req);
    cors = c;
    const after = seqAfter(new URL(req.url).searchParams.get("after"));
    const body = await withTenant(appDeps().db, visitor.tenantId, (tx) => visitorUpdates(tx, visitor, after));
    return Response.json(body, { headers: { ...cors, "cache-control": "no-store" } });
  } catch (err) {
    return toResponse(err, cors);
  }
});
