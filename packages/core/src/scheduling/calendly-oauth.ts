import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { AuditMeta } from "../audit/record";
import type { AppDeps } from "../deps";
import { DomainError } from "../errors";
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
/** A state is good for 10 minutes (Calendly's authorization codes live as long). */
const STATE_TTL_MS = 10 * 60_000;

/** Whose connection a state asks for: tenant, admin, session, expiry (ms), and a nonce. */
export interface OAuthState {
  t: string;
  u: string;
  s: string;
  e: number;
  n: string;
}

type StateDeps = Pick<AppDeps, "tokenSecret" | "now">;
type Who = { tenantId: string; userId: string; sessionId: string; role: string };

const mac = (secret: string, payload: string) => createHmac("sha256", secret).update(`calendly-oauth-state:${payload}`).digest("base64url");

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
  const claims: OAuthState = { t: who.tenantId, u: who.userId, s: who.sessionId, e: deps.now().getTime() + STATE_TTL_MS, n: randomBytes(12).toString("base64url") };
  const payload = Buffer.from(JSON.stringify(claims)).toString("base64url");
  return { url: oauth.authorizeUrl({ state: `${payload}.${mac(deps.tokenSecret, payload)}`, redirectUri: calendlyRedirectUri(deps) }) };
}

/** The state's claims when its signature holds and it has not expired; null otherwise. */
export function readOAuthState(deps: StateDeps, state: string): OAuthState | null {
  const parts = state.split(".");
  if (parts.length !== 2 || state.length > 1000) return null;
  const [payload, sig] = parts as [string, string];
  const want = Buffer.from(mac(deps.tokenSecret, payload));
  const got = Buffer.from(sig);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return null;
  try {
    const c = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as OAuthState;
    const ok = typeof c.t === "string" && typeof c.u === "string" && typeof c.s === "string" && typeof c.e === "number";
    return ok && c.e > deps.now().getTime() ? c : null;
  } catch {
    return null;
  }
}

/**
 * Step 3, on the tenant's host: the state must be this tenant's, this admin's and this very
 * session's; then the code is exchanged and the connection made (webhook subscription, secrets
 * encrypted) exactly as with a personal access token.
 */
export async function finishCalendlyOAuth(tx: TenantTx, deps: ConnectionDeps & StateDeps, who: Who, input: { code: string; state: string }, meta: AuditMeta) {
  const oauth = oauthOf(deps);
  const claims = readOAuthState(deps, input.state);
  if (!claims) throw new DomainError("BAD_REQUEST", "O pedido de conexão com o Calendly expirou ou é inválido. Comece de novo em Agenda.");
  if (claims.t !== who.tenantId || claims.u !== who.userId || claims.s !== who.sessionId) throw new DomainError("FORBIDDEN", "Esta autorização do Calendly foi pedida em outra sessão. Comece de novo em Agenda.");
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
