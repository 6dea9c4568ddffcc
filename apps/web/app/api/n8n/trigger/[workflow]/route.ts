import { restCall } from "@vendaflow/api/openapi";
import { apiContextFrom } from "@/lib/server/api-context";
import { BODY_LIMITS, readBody } from "@/lib/server/body";
import { problem, toResponse } from "@/lib/server/http";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

/**
 * The seed's `POST /api/n8n/trigger/{workflow}` (docs/integrations.md): an API key with
 * `webhooks:write` forwards its JSON body, with `tenant_id` and `user_id` added, to the tenant's
 * n8n instance at `{base}/webhook/{workflow}`; the answer is `{ success, workflow_id, status }`.
 * The same procedure as REST's `n8n.trigger` (key, scope, rate limit, audit).
 */
export const POST = route("/api/n8n/trigger/[workflow]", "http", async (req: Request, { params }: { params: Promise<{ workflow: string }> }) => {
  try {
    const { workflow } = await params;
    let payload: unknown;
    try {
      const raw = await readBody(req, BODY_LIMITS.trpc);
      payload = raw.trim() ? JSON.parse(raw) : {};
    } catch (err) {
      if (err instanceof SyntaxError) return problem(400, "invalid_json", "O corpo não é JSON válido.");
      throw err;
    }
    if (!payload || typeof payload !== "object" || Array.isArray(payload)) return problem(400, "invalid_json", "O corpo deve ser um objeto JSON.");
    const res = await restCall(await apiContextFrom(req.headers), "n8n.trigger", "POST", { workflow, payload });
    return Response.json(res.body, { status: res.status, headers: res.headers });
  } catch (err) {
    return toResponse(err);
  }
});
