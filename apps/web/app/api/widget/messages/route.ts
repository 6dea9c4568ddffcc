import { visitorUpdates } from "@vendaflow/core/conversations/read";
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
    const body = await visitorUpdates(appDeps().db, visitor, after);
    return Response.json(body, { headers: { ...cors, "cache-control": "no-store" } });
  } catch (err) {
    return toResponse(err, cors);
  }
});
