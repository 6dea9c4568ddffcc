import { visitorUpdates } from "@vendaflow/core/conversations/read";
import { withTenant } from "@vendaflow/db/with-tenant";
import { appDeps } from "@/lib/server/deps";
import { preflight } from "@/lib/server/cors";
import { toResponse } from "@/lib/server/http";
import { visitorFrom } from "@/lib/server/widget-request";

export const OPTIONS = preflight;
export const dynamic = "force-dynamic";

/** Polling fallback: messages after ?after=<seq>, read from the database (any instance can answer). */
export async function GET(req: Request) {
  let cors: Record<string, string> = {};
  try {
    const { visitor, cors: c } = await visitorFrom(req);
    cors = c;
    // A sequence number or 0: anything else (1e400, 2^70, "abc") must not reach Postgres' bigint.
    const raw = Number(new URL(req.url).searchParams.get("after") ?? 0);
    const after = Number.isSafeInteger(raw) && raw > 0 ? raw : 0;
    const body = await withTenant(appDeps().db, visitor.tenantId, (tx) => visitorUpdates(tx, visitor, after));
    return Response.json(body, { headers: { ...cors, "cache-control": "no-store" } });
  } catch (err) {
    return toResponse(err, cors);
  }
}
