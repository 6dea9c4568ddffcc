import { CalendarAuthError, type CalendarTokens, type CalendlyOAuth } from "@vendaflow/core/ports/calendar";

/** Calendly's authorization server (OAuth 2.0 authorization code, single-use rotating refresh tokens). */
export const CALENDLY_AUTH_BASE = "https://auth.calendly.com";

type Json = Record<string, unknown>;

/**
 * The platform's Calendly OAuth app (CALENDLY_CLIENT_ID / CALENDLY_CLIENT_SECRET): the authorize URL
 * an admin is sent to, and `POST /oauth/token` for the code and for refreshes, as a web client
 * (client id and secret in HTTP Basic, form-encoded body). A refused code or refresh token
 * (400 `invalid_grant`, 401) throws CalendarAuthError: the admin has to connect again.
 */
export function calendlyOAuth(opts: { clientId: string; clientSecret: string; authBase?: string; timeoutMs?: number }): CalendlyOAuth {
  const base = (opts.authBase ?? CALENDLY_AUTH_BASE).replace(/\/+$/, "");
  const basic = `Basic ${Buffer.from(`${opts.clientId}:${opts.clientSecret}`).toString("base64")}`;

  async function token(form: Record<string, string>, now: Date): Promise<CalendarTokens> {
    const res = await fetch(`${base}/oauth/token`, {
      method: "POST",
      headers: { authorization: basic, "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: new URLSearchParams(form).toString(),
      signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
    });
    const json = (await res.json().catch(() => ({}))) as Json;
    if (res.status === 401 || (res.status === 400 && (json.error === "invalid_grant" || json.error === "invalid_client"))) throw new CalendarAuthError("Autorização do Calendly recusada");
    if (!res.ok || typeof json.access_token !== "string" || typeof json.refresh_token !== "string") {
      throw new Error(`Calendly (OAuth) respondeu ${res.status}: ${String(json.error_description ?? json.error ?? "erro")}`);
    }
    const expiresIn = typeof json.expires_in === "number" ? json.expires_in : null;
    return { accessToken: json.access_token, refreshToken: json.refresh_token, expiresAt: expiresIn === null ? null : new Date(now.getTime() + expiresIn * 1000) };
  }

  return {
    authorizeUrl: ({ state, redirectUri }) => `${base}/oauth/authorize?${new URLSearchParams({ client_id: opts.clientId, response_type: "code", redirect_uri: redirectUri, state })}`,
    exchange: ({ code, redirectUri }, now) => token({ grant_type: "authorization_code", code, redirect_uri: redirectUri }, now),
    refresh: (refreshToken, now) => token({ grant_type: "refresh_token", refresh_token: refreshToken }, now),
  };
}
