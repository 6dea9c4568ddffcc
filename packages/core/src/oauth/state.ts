import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { AppDeps } from "../deps";

// The `state` of an OAuth 2.0 authorization-code flow started by an admin (Calendly in scheduling,
// HubSpot in crm-sync): signed with AUTH_SECRET for one purpose, it names the tenant, the admin and
// the session that asked, and expires. The callback on the root host reads the tenant from it; the
// tenant's host then checks it is the same admin's same session (sameCaller) before the code is
// exchanged. A state made for one provider is refused by another's callback (the purpose is signed).

/** Whose connection a state asks for: tenant, admin, session, expiry (ms), and a nonce. */
export interface OAuthState {
  t: string;
  u: string;
  s: string;
  e: number;
  n: string;
}

export type OAuthStateDeps = Pick<AppDeps, "tokenSecret" | "now">;
export type OAuthCaller = { tenantId: string; userId: string; sessionId: string; role: string };

/** A state is good for 10 minutes (the providers' authorization codes live about as long). */
export const OAUTH_STATE_TTL_MS = 10 * 60_000;

const mac = (secret: string, purpose: string, payload: string) => createHmac("sha256", secret).update(`${purpose}-oauth-state:${payload}`).digest("base64url");

/** A signed state for `purpose` (e.g. "calendly", "hubspot") naming this caller. */
export function signOAuthState(deps: OAuthStateDeps, purpose: string, who: OAuthCaller): string {
  const claims: OAuthState = { t: who.tenantId, u: who.userId, s: who.sessionId, e: deps.now().getTime() + OAUTH_STATE_TTL_MS, n: randomBytes(12).toString("base64url") };
  const payload = Buffer.from(JSON.stringify(claims)).toString("base64url");
  return `${payload}.${mac(deps.tokenSecret, purpose, payload)}`;
}

/** The state's claims when it was signed for `purpose` and has not expired; null otherwise. */
export function readSignedOAuthState(deps: OAuthStateDeps, purpose: string, state: string): OAuthState | null {
  const parts = state.split(".");
  if (parts.length !== 2 || state.length > 1000) return null;
  const [payload, sig] = parts as [string, string];
  const want = Buffer.from(mac(deps.tokenSecret, purpose, payload));
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

/** The callback is presented by the tenant, admin and session the state names. */
export const sameCaller = (claims: OAuthState, who: OAuthCaller) => claims.t === who.tenantId && claims.u === who.userId && claims.s === who.sessionId;
