import { afterCommit, runAfterCommit } from "@vendaflow/core/after-commit";
import { reply } from "@vendaflow/core/conversations/agent-actions";
import { discardAgentFile, storeAgentFile } from "@vendaflow/core/media/agent-file";
import { withTenant } from "@vendaflow/db/with-tenant";
import { sendMediaInput } from "@vendaflow/validators/media";
import { BODY_LIMITS, boundedRequest } from "@/lib/server/body";
import { appDeps } from "@/lib/server/deps";
import { tenantForHost } from "@/lib/server/host-tenant";
import { problem, toResponse } from "@/lib/server/http";
import { tenantSession } from "@/lib/server/session";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

/**
 * An agent sends a file in a WhatsApp conversation: multipart form with `conversationId`, `file`
 * and an optional `caption`. Same rules as a text reply (core reply), same-origin only.
 */
export const POST = route("/api/agent/media", "http", async (req: Request) => {
  const { tenant } = await tenantForHost(req.headers.get("host"));
  const session = tenant ? await tenantSession(tenant) : null;
  if (!tenant || !session) return problem(401, "unauthorized", "Sessão expirada. Entre novamente.");
  const origin = req.headers.get("origin");
  if (origin && URL.parse(origin)?.host !== req.headers.get("host")) return problem(403, "forbidden", "Envio de outra origem recusado.");
  const length = Number(req.headers.get("content-length") ?? NaN);
  if (!Number.isFinite(length)) return problem(411, "length_required", "Informe o tamanho do envio.");
  let bounded: Request;
  try {
    // Read under the route's limit: 413 on a declared or an actual size past it.
    bounded = await boundedRequest(req, BODY_LIMITS.agentMedia);
  } catch (err) {
    return toResponse(err);
  }
  let form: FormData;
  try {
    form = await bounded.formData();
  } catch {
    return problem(400, "invalid_form", "Envie um formulário multipart com o arquivo.");
  }
  const fields = sendMediaInput.safeParse({ conversationId: form.get("conversationId"), caption: form.get("caption") || undefined });
  if (!fields.success) return problem(400, "invalid_input", fields.error.issues[0]!.message, { issues: fields.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })) });
  const file = form.get("file");
  if (!(file instanceof File)) return problem(400, "invalid_input", "Escolha um arquivo para enviar.");
  const d = appDeps();
  try {
    // The bytes are stored first; if the message's transaction fails nothing points at them.
    const stored = await storeAgentFile(d, tenant.id, { body: new Uint8Array(await file.arrayBuffer()), type: file.type, name: file.name, caption: fields.data.caption });
    const after = afterCommit();
    const actor = { userId: session.userId, role: session.role, name: session.name || session.email };
    const messageId = await withTenant(d.db, tenant.id, (tx) => reply({ tx, tenantId: tenant.id, actor, now: d.now(), after }, fields.data.conversationId, { file: stored })).catch(async (err: unknown) => {
      await discardAgentFile(d, stored);
      throw err;
    });
    await runAfterCommit(d, tenant.id, after);
    return Response.json({ messageId });
  } catch (err) {
    return toResponse(err);
  }
});
