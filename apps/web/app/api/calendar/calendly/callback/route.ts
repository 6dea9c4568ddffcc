import { findTenantById } from "@vendaflow/core/tenancy/tenants";
import { CALENDLY_OAUTH_CALLBACK, finishCalendlyOAuth, readOAuthState } from "@vendaflow/core/scheduling/calendly-oauth";
import { DomainError } from "@vendaflow/core/errors";
import { withTenant } from "@vendaflow/db/with-tenant";
import { appDeps } from "@/lib/server/deps";
import { tenantForHost } from "@/lib/server/host-tenant";
import { clientIp } from "@/lib/server/request-meta";
import { tenantSession } from "@/lib/server/session";
import { oauthCallbackQuery as query, refuseCallback as refuse } from "@/lib/server/oauth-callback";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

/**
 * Calendly sends the admin's browser back here after the consent (docs/scheduling.md, OAuth). On
 * the root host (the one redirect URI the OAuth app registers) the signed state names the tenant,
 * and the browser goes on to the tenant's own host, where its session cookie lives; there the same
 * admin session exchanges the code and the connection is made. The page it lands on says how it went.
 */
export const GET = route("/api/calendar/calendly/callback", "http", async (req: Request) => {
  const url = new URL(req.url);
  const q = query.safeParse(Object.fromEntries(url.searchParams));
  if (!q.success) return refuse("Parâmetros inválidos.");
  const deps = appDeps();
  const claims = readOAuthState(deps, q.data.state);
  if (!claims) return refuse("O pedido de conexão com o Calendly expirou ou é inválido. Comece de novo em Agenda.");
  const { tenant } = await tenantForHost(req.headers.get("host"));
  if (!tenant) {
    const target = await findTenantById(deps.db, claims.t);
    if (!target) return refuse("Conta não encontrada.");
    return Response.redirect(deps.links.tenantUrl(target.slug, `${CALENDLY_OAUTH_CALLBACK}${url.search}`), 302);
  }
  const back = (result: string) => Response.redirect(deps.links.tenantUrl(tenant.slug, `/calendar?calendly=${result}`), 302);
  if (q.data.error || !q.data.code) return back("negado");
  const session = await tenantSession(tenant);
  if (!session) return back("sessao");
  try {
    await withTenant(deps.db, tenant.id, (tx) =>
      finishCalendlyOAuth(tx, deps, session, { code: q.data.code!, state: q.data.state }, { actorUserId: session.userId, ip: clientIp(req.headers), userAgent: req.headers.get("user-agent") }),
    );
    return back("conectado");
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    return back(err.code === "FORBIDDEN" ? "outra-sessao" : err.code === "SERVICE_UNAVAILABLE" ? "indisponivel" : "recusado");
  }
});
