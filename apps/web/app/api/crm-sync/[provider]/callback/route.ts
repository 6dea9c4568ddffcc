import { afterCommit, runAfterCommit } from "@vendaflow/core/after-commit";
import { crmOAuthCallback, finishCrmOAuth, readCrmOAuthState } from "@vendaflow/core/crm-sync/oauth";
import { DomainError } from "@vendaflow/core/errors";
import { findTenantById } from "@vendaflow/core/tenancy/tenants";
import { withTenant } from "@vendaflow/db/with-tenant";
import { crmProvider } from "@vendaflow/validators/crm-sync";
import { appDeps } from "@/lib/server/deps";
import { tenantForHost } from "@/lib/server/host-tenant";
import { clientIp } from "@/lib/server/request-meta";
import { tenantSession } from "@/lib/server/session";
import { oauthCallbackQuery as query, refuseCallback as refuse } from "@/lib/server/oauth-callback";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

/**
 * The CRM's OAuth consent (HubSpot) sends the admin's browser back here (docs/integrations.md, CRM
 * sync: HubSpot), like Calendly's callback: on the root host (the one redirect URI the app
 * registers) the signed state names the tenant and the browser goes on to the tenant's host, where
 * the same admin session exchanges the code and the connection is stored. The settings page it
 * lands on says how it went (`?crm=hubspot-conectado`, …).
 */
export const GET = route("/api/crm-sync/[provider]/callback", "http", async (req: Request, ctx: { params: Promise<{ provider: string }> }) => {
  const provider = crmProvider.safeParse((await ctx.params).provider);
  if (!provider.success) return refuse("Provedor desconhecido.");
  const url = new URL(req.url);
  const q = query.safeParse(Object.fromEntries(url.searchParams));
  if (!q.success) return refuse("Parâmetros inválidos.");
  const deps = appDeps();
  const claims = readCrmOAuthState(deps, provider.data, q.data.state);
  if (!claims) return refuse("O pedido de conexão expirou ou é inválido. Comece de novo em Configurações.");
  const { tenant } = await tenantForHost(req.headers.get("host"));
  if (!tenant) {
    const target = await findTenantById(deps.db, claims.t);
    if (!target) return refuse("Conta não encontrada.");
    return Response.redirect(deps.links.tenantUrl(target.slug, `${crmOAuthCallback(provider.data)}${url.search}`), 302);
  }
  const back = (result: string) => Response.redirect(deps.links.tenantUrl(tenant.slug, `/settings?crm=${provider.data}-${result}`), 302);
  if (q.data.error || !q.data.code) return back("negado");
  const session = await tenantSession(tenant);
  if (!session) return back("sessao");
  const after = afterCommit();
  try {
    await withTenant(deps.db, tenant.id, (tx) =>
      finishCrmOAuth(tx, deps, provider.data, session, { code: q.data.code!, state: q.data.state }, { actorUserId: session.userId, ip: clientIp(req.headers), userAgent: req.headers.get("user-agent") }, after),
    );
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    return back(err.code === "FORBIDDEN" ? "outra-sessao" : err.code === "SERVICE_UNAVAILABLE" ? "indisponivel" : "recusado");
  }
  await runAfterCommit(deps, tenant.id, after);
  return back("conectado");
});
