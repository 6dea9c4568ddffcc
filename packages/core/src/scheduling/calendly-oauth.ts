import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { AuditMeta } from "../audit/record";
import type { AppDeps } from "../deps";
import { DomainError } from "../errors";
import { readSignedOAuthState, sameCaller, signOAuthState, type OAuthCaller, type OAuthState, type OAuthStateDeps } from "../oauth/state";
import { isCalendarAuthError } from "../ports/calendar";
import { connectCalendar, type ConnectionDeps } from "./connections";

// Calendly by OAuth 2.0 (authorization code), beside the personal access token (docs/scheduling.md):
// 1. an admin asks to connect (scheduling.calendlyOAuthStart) and is sent to Calendly with a
//    `state` signed with AUTH_SECRET that names the tenant, the admin and the session;
// 2. Calendly sends the browser back to the one redirect URI registered for the app, on the root
//    host, which forwards it to the tenant's host (where the session cookie lives);
// 3. there the same session of the same admin exchanges the code and the connection is made as
//    with a token, the refresh token stored encrypted beside it (connections.ts refreshes on 401).

/** The redirect URI registered with the Calendly OAuth app: `{PUBLIC_PROTOCOL}://{ROOT_DOMAIN}` + this. */
export const CALENDLY_OAUTH_CALLBACK = "/api/calendar/calendly/callback";
type StateDeps = OAuthStateDeps;
type Who = OAuthCaller;

export const calendlyRedirectUri = (deps: Pick<AppDeps, "links">) => deps.links.rootUrl(CALENDLY_OAUTH_CALLBACK);

function oauthOf(deps: Pick<AppDeps, "calendar">) {
  const oauth = deps.calendar.calendlyOAuth;
  if (!oauth) throw new DomainError("PRECONDITION_FAILED", "A conexão do Calendly por OAuth não está configurada nesta instalação. Use um token de acesso pessoal.");
  return oauth;
}

/** Step 1: the Calendly authorization URL for this admin's session (admins only, from the browser). */
export function startCalendlyOAuth(deps: StateDeps & Pick<AppDeps, "calendar" | "links">, who: Who): { url: string } {
  const oauth = oauthOf(deps);
  if (who.role !== "admin") throw new DomainError("FORBIDDEN", "Apenas administradores conectam a agenda.");
  return { url: oauth.authorizeUrl({ state: signOAuthState(deps, "calendly", who), redirectUri: calendlyRedirectUri(deps) }) };
}

/** The state's claims when it is a Calendly state, its signature holds and it has not expired; null otherwise. */
export const readOAuthState = (deps: StateDeps, state: string): OAuthState | null => readSignedOAuthState(deps, "calendly", state);

/**
 * Step 3, on the tenant's host: the state must be this tenant's, this admin's and this very
 * session's; then the code is exchanged and the connection made (webhook subscription, secrets
 * encrypted) exactly as with a personal access token.
 */
export async function finishCalendlyOAuth(tx: TenantTx, deps: ConnectionDeps & StateDeps, who: Who, input: { code: string; state: string }, meta: AuditMeta) {
  const oauth = oauthOf(deps);
  const claims = readOAuthState(deps, input.state);
  if (!claims) throw new DomainError("BAD_REQUEST", "O pedido de conexão com o Calendly expirou ou é inválido. Comece de novo em Agenda.");
  if (!sameCaller(claims, who)) throw new DomainError("FORBIDDEN", "Esta autorização do Calendly foi pedida em outra sessão. Comece de novo em Agenda.");
  if (who.role !== "admin") throw new DomainError("FORBIDDEN", "Apenas administradores conectam a agenda.");
  let tokens;
  try {
    tokens = await oauth.exchange({ code: input.code, redirectUri: calendlyRedirectUri(deps) }, deps.now());
  } catch (err) {
    if (isCalendarAuthError(err)) throw new DomainError("BAD_REQUEST", "O Calendly recusou esta autorização (código vencido ou já usado). Comece de novo em Agenda.");
    throw new DomainError("SERVICE_UNAVAILABLE", "Não foi possível falar com o Calendly agora. Nada foi alterado; tente novamente em instantes.");
  }
  return connectCalendar(tx, who.tenantId, deps, { provider: "calendly", token: tokens.accessToken }, meta, { refreshToken: tokens.refreshToken, expiresAt: tokens.expiresAt });
}
