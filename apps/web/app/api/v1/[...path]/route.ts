import { restCall } from "@vendaflow/api/openapi";
import { apiContextFrom } from "@/lib/server/api-context";
import { BODY_LIMITS, readBody } from "@/lib/server/body";
import { problem, toResponse } from "@/lib/server/http";
import { log } from "@/lib/server/log";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

/**
 * REST for non-TypeScript callers (n8n, Zapier, Make, Python): `POST /api/v1/<procedure>` with the
 * input as JSON (queries also `GET ?input=<json>`), authenticated by the same API keys, through
 * the same procedures as tRPC and the SDK. The document: /api/openapi.json.
 */
const handler = route("/api/v1/[...path]", "http", async (req: Request, { params }: { params: Promise<{ path: string[] }> }) => {
  try {
    const { path } = await params;
    let input: unknown;
    try {
      const raw = req.method === "GET" ? (new URL(req.url).searchParams.get("input") ?? "") : await readBody(req, BODY_LIMITS.trpc);
      input = raw ? JSON.parse(raw) : undefined;
    } catch (err) {
      if (err instanceof SyntaxError) return problem(400, "invalid_json", "A entrada não é JSON válido.");
      throw err;
    }
    const ctx = await apiContextFrom(req.headers);
    const res = await restCall(ctx, path.join("."), req.method, input);
    if (res.status >= 500) log.error("rest.error", { path: path.join("."), requestId: ctx.requestId, tenantId: ctx.tenant?.id });
    return Response.json(res.body, { status: res.status, headers: res.headers });
  } catch (err) {
    return toResponse(err);
  }
});

export { handler as GET, handler as POST };
