import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { CrmProvider } from "@vendaflow/validators/crm-sync";
import type { AfterCommit } from "../after-commit";
import type { AuditMeta } from "../audit/record";
import type { AppDeps } from "../deps";
import { DomainError } from "../errors";
import { readSignedOAuthState, sameCaller, signOAuthState, type OAuthCaller, type OAuthStateDeps } from "../oauth/state";
import { isCrmAuthError } from "../ports/crm-sync";
import { connectWithTokens, providerLabel } from "./connections";

// A CRM connected by the platform's OAuth app (HubSpot), the way Calendly is (core/oauth/state.ts):
// 1. an admin asks to connect (crmSync.oauthStart) and is sent to the provider's consent page with
//    a state signed for this provider that names the tenant, the admin and the session;
// 2. the provider sends the browser back to the app's one redirect URI on the root host
//    (/api/crm-sync/{provider}/callback), which forwards it to the tenant's host named by the state;
// 3. there the same admin's same session exchanges the code at the provider's token endpoint and
//    the connection is stored as with a token (tokens sealed; crmClientFor refreshes them).

export const crmOAuthCallback = (provider: CrmProvider) => `/api/crm-sync/${provider}/callback`;
export const crmRedirectUri = (deps: Pick<AppDeps, "links">, provider: CrmProvider) => deps.links.rootUrl(crmOAuthCallback(provider));
/** Where the callback sends the admin back (the settings page says how it went). */
export const CRM_OAUTH_DONE_PATH = "/settings";

function oauthOf(deps: Pick<AppDeps, "crm">, provider: CrmProvider) {
  const oauth = deps.crm.oauth?.[provider];
  if (!oauth) throw new DomainError("PRECONDITION_FAILED", `A conexão com o ${providerLabel[provider]} não está configurada nesta instalação.`);
  return oauth;
}

/** Which providers this installation can connect by OAuth (the settings card shows the button). */
export const crmOAuthProviders = (deps: Pick<AppDeps, "crm">) => (Object.keys(deps.crm.oauth ?? {}) as CrmProvider[]).filter((p) => Boolean(deps.crm.oauth?.[p]));

/** Step 1: the provider's consent URL for this admin's session. */
export function startCrmOAuth(deps: OAuthStateDeps & Pick<AppDeps, "crm" | "links">, provider: CrmProvider, who: OAuthCaller): { url: string } {
  const oauth = oauthOf(deps, provider);
  if (who.role !== "admin") throw new DomainError("FORBIDDEN", "Apenas administradores conectam o CRM.");
  return { url: oauth.authorizeUrl({ state: signOAuthState(deps, `crm-${provider}`, who), redirectUri: crmRedirectUri(deps, provider) }) };
}

/** The state's claims when it is this provider's, its signature holds and it has not expired. */
export const readCrmOAuthState = (deps: OAuthStateDeps, provider: CrmProvider, state: string) => readSignedOAuthState(deps, `crm-${provider}`, state);

/**
 * Step 3, on the tenant's host: the state must be this tenant's, this admin's and this session's;
 * then the code is exchanged and the connection stored (account checked with the new token).
 */
export async function finishCrmOAuth(
  tx: TenantTx,
  deps: OAuthStateDeps & Parameters<typeof connectWithTokens>[2],
  provider: CrmProvider,
  who: OAuthCaller,
  input: { code: string; state: string },
  meta: AuditMeta,
  after: AfterCommit,
) {
  const oauth = oauthOf(deps, provider);
  const label = providerLabel[provider];
  const claims = readCrmOAuthState(deps, provider, input.state);
  if (!claims) throw new DomainError("BAD_REQUEST", `O pedido de conexão com o ${label} expirou ou é inválido. Comece de novo em Configurações.`);
  if (!sameCaller(claims, who)) throw new DomainError("FORBIDDEN", `Esta autorização do ${label} foi pedida em outra sessão. Comece de novo em Configurações.`);
  if (who.role !== "admin") throw new DomainError("FORBIDDEN", "Apenas administradores conectam o CRM.");
  let tokens;
  try {
    tokens = await oauth.exchange({ code: input.code, redirectUri: crmRedirectUri(deps, provider) }, deps.now());
  } catch (err) {
    if (isCrmAuthError(err)) throw new DomainError("BAD_REQUEST", `O ${label} recusou esta autorização (código vencido ou já usado). Comece de novo em Configurações.`);
    throw new DomainError("SERVICE_UNAVAILABLE", `Não foi possível falar com o ${label} agora. Nada foi alterado; tente novamente em instantes.`);
  }
  return connectWithTokens(tx, who.tenantId, deps, provider, { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, ...(tokens.expiresAt === null ? {} : { expiresAt: tokens.expiresAt }) }, meta, after);
}
