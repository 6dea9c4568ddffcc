import { cached } from "@vendaflow/core/cache/context";
import { tenantsByHost } from "@vendaflow/core/cache/hot-reads";
import { webInboxAccess } from "@vendaflow/core/inboxes/inboxes";
import { verifyVisitorToken, type VisitorClaims } from "@vendaflow/core/conversations/visitor-token";
import { findTenantById } from "@vendaflow/core/tenancy/tenants";
import { noteRequest } from "@vendaflow/core/observability/request-info";
import { appDeps } from "./deps";
import { corsHeaders, originAllowed } from "./cors";
import { HttpError, problem } from "./http";

/**
 * Enforces the inbox's allowed origins (plus the tenant's own host). Both reads come from process
 * caches (web-inboxes, tenants-by-host by id): a warm widget request makes no round trip here.
 */
export async function checkInboxOrigin(req: Request, tenantId: string, inboxId: string): Promise<void> {
  noteRequest({ tenantId });
  const d = appDeps();
  const inbox = await webInboxAccess(d.db, tenantId, inboxId);
  const tenant = await cached(tenantsByHost, `i:${tenantId}`, () => findTenantById(d.db, tenantId), (t) => t !== null);
  const own = tenant ? [d.links.tenantUrl(tenant.slug, "")] : [];
  const origin = req.headers.get("origin");
  if (!inbox?.isActive || inbox.channel !== "web") throw new HttpError(problem(404, "not_found", "Widget não encontrado."));
  if (!originAllowed(origin, inbox.allowedOrigins, own)) {
    throw new HttpError(problem(403, "origin_not_allowed", "Este site não está autorizado a usar este widget."));
  }
}

/** The visitor behind a request: Bearer token (or ?token= for EventSource, which cannot set headers). */
export async function visitorFrom(req: Request): Promise<{ visitor: VisitorClaims; cors: Record<string, string> }> {
  const auth = req.headers.get("authorization");
  const token = auth?.startsWith("Bearer ") ? auth.slice(7) : new URL(req.url).searchParams.get("token");
  const visitor = verifyVisitorToken(token, appDeps().tokenSecret, appDeps().now().getTime());
  const cors = corsHeaders(req.headers.get("origin"));
  if (!visitor) throw new HttpError(problem(401, "unauthorized", "Sessão do chat inválida. Recarregue a página.", {}, cors));
  await checkInboxOrigin(req, visitor.tenantId, visitor.inboxId).catch((err) => {
    throw err instanceof HttpError ? new HttpError(new Response(err.response.body, { status: err.response.status, headers: { ...Object.fromEntries(err.response.headers), ...cors } })) : err;
  });
  return { visitor, cors };
}
