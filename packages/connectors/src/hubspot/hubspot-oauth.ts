import { CrmAuthError, type CrmOAuth, type CrmTokens } from "@vendaflow/core/ports/crm-sync";
import { crmHttp } from "../crm/http";
import type { OutboundPolicy } from "../http/safe-fetch";

/** HubSpot's consent page and API (the token endpoint lives on the API host). */
export const HUBSPOT_AUTH_BASE = "https://app.hubspot.com";
export const HUBSPOT_API_BASE = "https://api.hubapi.com";
/** What the sync needs: contacts and deals, read and write (plus `oauth`, which every app has). */
export const HUBSPOT_SCOPES = ["oauth", "crm.objects.contacts.read", "crm.objects.contacts.write", "crm.objects.deals.read", "crm.objects.deals.write"];

/**
 * The platform's HubSpot public app (HUBSPOT_CLIENT_ID / HUBSPOT_CLIENT_SECRET): the consent URL
 * (`/oauth/authorize` with client id, redirect URI, scopes and state) and `POST /oauth/v1/token`
 * (form-encoded, client id and secret in the body) for the code and for refreshes, through the
 * SSRF guard. A refused code or refresh token (400 BAD_AUTH_CODE / BAD_REFRESH_TOKEN /
 * invalid_grant, 401) throws CrmAuthError: the admin connects again.
 */
export function hubspotOAuth(opts: { clientId: string; clientSecret: string; authBase?: string; apiBase?: string; policy?: OutboundPolicy }): CrmOAuth {
  const authBase = (opts.authBase ?? HUBSPOT_AUTH_BASE).replace(/\/+$/, "");
  const call = crmHttp({ label: "HubSpot (OAuth)", base: opts.apiBase ?? HUBSPOT_API_BASE, headers: {}, policy: opts.policy });

  async function token(form: Record<string, string>, now: Date): Promise<CrmTokens> {
    let json: Record<string, unknown>;
    try {
      json = (await call<Record<string, unknown>>("POST", "/oauth/v1/token", { ...form, client_id: opts.clientId, client_secret: opts.clientSecret }, true)).json ?? {};
    } catch (err) {
      if (err instanceof Error && /^HubSpot \(OAuth\) 400/.test(err.message)) throw new CrmAuthError("Autorização do HubSpot recusada (código ou token de atualização inválido).");
      throw err;
    }
    if (typeof json.access_token !== "string" || typeof json.refresh_token !== "string") throw new Error("HubSpot (OAuth): resposta sem tokens.");
    const expiresIn = typeof json.expires_in === "number" ? json.expires_in : null;
    return { accessToken: json.access_token, refreshToken: json.refresh_token, expiresAt: expiresIn === null ? null : now.getTime() + expiresIn * 1000 };
  }

  return {
    authorizeUrl: ({ state, redirectUri }) => `${authBase}/oauth/authorize?${new URLSearchParams({ client_id: opts.clientId, redirect_uri: redirectUri, scope: HUBSPOT_SCOPES.join(" "), state })}`,
    exchange: ({ code, redirectUri }, now) => token({ grant_type: "authorization_code", code, redirect_uri: redirectUri }, now),
    refresh: (refreshToken, now) => token({ grant_type: "refresh_token", refresh_token: refreshToken }, now),
  };
}
