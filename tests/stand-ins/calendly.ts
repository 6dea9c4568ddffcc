import { createHmac, randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local server speaking Calendly API v2's wire format for what a connection uses: `GET
 * /users/me`, `GET /event_types?user=`, `POST|DELETE /webhook_subscriptions` (Bearer personal
 * access token, `{resource}` / `{collection, pagination}` bodies, `{title, message}` errors), plus
 * the public booking page an inline embed opens (`GET /{owner}/{slug}` with the prefill query
 * Calendly reads: name, email, utm_*). Booking, cancelling and rescheduling on it deliver the
 * `invitee.*` webhooks Calendly sends, signed `Calendly-Webhook-Signature: t=…,v1=…`.
 * The OAuth app's authorization server lives here too (auth.calendly.com in production):
 * `GET /oauth/authorize` (consent given at once: 302 to the redirect URI with `code` and `state`)
 * and `POST /oauth/token` (HTTP Basic client credentials, form body; `authorization_code` and
 * single-use rotating `refresh_token` grants; `{error, error_description}` on refusal). Its access
 * tokens open the API like the personal access token does, until `expireAccessTokens()`.
 */

type Obj = Record<string, unknown>;

export interface CalendlyInvitee {
  uri: string;
  email: string;
  name: string;
  eventUri: string;
  eventTypeUri: string;
  start: Date;
  end: Date;
  tracking: Record<string, string | null>;
  status: "active" | "canceled";
}

export interface CalendlyStandIn {
  url: string;
  token: string;
  userUri: string;
  orgUri: string;
  eventTypes: { uri: string; name: string; scheduling_url: string; duration: number; slug: string }[];
  subscriptions: Map<string, { url: string; events: string[]; signing_key: string; scope: string }>;
  invitees: Map<string, CalendlyInvitee>;
  requests: { method: string; path: string; body: Obj | null }[];
  /** The webhook body Calendly would send for an invitee (created / canceled, with reschedule links). */
  payload(event: "invitee.created" | "invitee.canceled" | "invitee_no_show.created", inv: CalendlyInvitee, extra?: Obj): Obj;
  /** Signs a raw body as Calendly does (timestamp defaults to now). */
  sign(raw: string, key: string, t?: number): string;
  /** Someone books an event type: the invitee and the `invitee.created` delivery to every subscription. */
  book(input: { eventTypeUri?: string; name: string; email: string; start: Date; tracking?: Record<string, string | null> }): Promise<CalendlyInvitee>;
  cancel(inviteeUri: string, reason?: string): Promise<void>;
  /**
   * Canceled + created, as Calendly sends a reschedule (in that order unless `createdFirst`);
   * `holdCreated` sends only the cancel and keeps the created until `deliverHeld()` (a lost or late delivery).
   */
  reschedule(inviteeUri: string, start: Date, opts?: { createdFirst?: boolean; holdCreated?: boolean }): Promise<CalendlyInvitee>;
  deliverHeld(): Promise<void>;
  /** Webhook deliveries made and the HTTP status each got. */
  deliveries: { event: string; status: number; body: string }[];
  oauth: {
    clientId: string;
    clientSecret: string;
    /** Live access and refresh tokens (a refresh token works once). */
    accessTokens: Set<string>;
    refreshTokens: Set<string>;
    /** Grants asked at /oauth/token, in order. */
    grants: { grantType: string; status: number }[];
    /** Makes every OAuth access token stale (Calendly's 2-hour expiry): the API answers 401. */
    expireAccessTokens(): void;
  };
  close(): Promise<void>;
}

export async function startCalendlyStandIn(opts: { token?: string; clientId?: string; clientSecret?: string } = {}): Promise<CalendlyStandIn> {
  const token = opts.token ?? `calendly_pat_${randomUUID()}`;
  const codes = new Map<string, { redirectUri: string }>();
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const userUri = `${url}/users/${randomUUID()}`;
  const orgUri = `${url}/organizations/${randomUUID()}`;
  const eventTypes = [
    { uri: `${url}/event_types/${randomUUID()}`, name: "Demonstração (30 min)", slug: "demo-30", scheduling_url: `${url}/vendas/demo-30`, duration: 30 },
    { uri: `${url}/event_types/${randomUUID()}`, name: "Diagnóstico (60 min)", slug: "diag-60", scheduling_url: `${url}/vendas/diag-60`, duration: 60 },
  ];
  const s: CalendlyStandIn = {
    url,
    token,
    userUri,
    orgUri,
    eventTypes,
    subscriptions: new Map(),
    invitees: new Map(),
    requests: [],
    oauth: {
      clientId: opts.clientId ?? `calendly-client-${randomUUID().slice(0, 8)}`,
      clientSecret: opts.clientSecret ?? randomUUID().replaceAll("-", ""),
      accessTokens: new Set(),
      refreshTokens: new Set(),
      grants: [],
      expireAccessTokens() {
        this.accessTokens.clear();
      },
    },
    deliveries: [],
    payload(event, inv, extra = {}) {
      const type = eventTypes.find((e) => e.uri === inv.eventTypeUri)!;
      if (event === "invitee_no_show.created") {
        return { event, created_at: new Date().toISOString(), created_by: userUri, payload: { uri: `${url}/invitee_no_shows/${randomUUID()}`, invitee: inv.uri, created_at: new Date().toISOString() } };
      }
      return {
        event,
        created_at: new Date().toISOString(),
        created_by: userUri,
        payload: {
          uri: inv.uri,
          email: inv.email,
          name: inv.name,
          status: inv.status,
          timezone: "America/Sao_Paulo",
          event: inv.eventUri,
          cancel_url: `${url}/cancellations/${inv.uri.split("/").pop()}`,
          reschedule_url: `${url}/reschedulings/${inv.uri.split("/").pop()}`,
          rescheduled: false,
          old_invitee: null,
          new_invitee: null,
          tracking: { utm_campaign: null, utm_source: null, utm_medium: null, utm_content: null, utm_term: null, salesforce_uuid: null, ...inv.tracking },
          questions_and_answers: [],
          scheduled_event: {
            uri: inv.eventUri,
            name: type.name,
            status: inv.status,
            start_time: inv.start.toISOString(),
            end_time: inv.end.toISOString(),
            event_type: type.uri,
            location: { type: "google_conference", join_url: `https://meet.example.com/${inv.eventUri.split("/").pop()}` },
          },
          created_at: new Date().toISOString(),
          updated_at: new Date().toISOString(),
          ...(inv.status === "canceled" ? { cancellation: { canceled_by: inv.name, reason: null, canceler_type: "invitee" } } : {}),
          ...extra,
        },
      };
    },
    sign(raw, key, t = Math.floor(Date.now() / 1000)) {
      return `t=${t},v1=${createHmac("sha256", key).update(`${t}.${raw}`).digest("hex")}`;
    },
    async book(input) {
      const type = eventTypes.find((e) => e.uri === input.eventTypeUri) ?? eventTypes[0]!;
      const inv: CalendlyInvitee = {
        uri: `${url}/scheduled_events/${randomUUID()}/invitees/${randomUUID()}`,
        email: input.email,
        name: input.name,
        eventUri: "",
        eventTypeUri: type.uri,
        start: input.start,
        end: new Date(input.start.getTime() + type.duration * 60_000),
        tracking: input.tracking ?? {},
        status: "active",
      };
      inv.eventUri = inv.uri.split("/invitees/")[0]!;
      s.invitees.set(inv.uri, inv);
      await deliver("invitee.created", s.payload("invitee.created", inv));
      return inv;
    },
    async cancel(inviteeUri, reason = "Imprevisto") {
      const inv = s.invitees.get(inviteeUri)!;
      inv.status = "canceled";
      await deliver("invitee.canceled", s.payload("invitee.canceled", inv, { cancellation: { canceled_by: inv.name, reason, canceler_type: "invitee" } }));
    },
    async reschedule(inviteeUri, start, o = {}) {
      const old = s.invitees.get(inviteeUri)!;
      old.status = "canceled";
      const fresh: CalendlyInvitee = { ...old, status: "active", start, end: new Date(start.getTime() + (old.end.getTime() - old.start.getTime())) };
      fresh.eventUri = `${url}/scheduled_events/${randomUUID()}`;
      fresh.uri = `${fresh.eventUri}/invitees/${randomUUID()}`;
      s.invitees.set(fresh.uri, fresh);
      const canceled = () => deliver("invitee.canceled", s.payload("invitee.canceled", old, { rescheduled: true, new_invitee: fresh.uri, cancellation: { canceled_by: old.name, reason: null, canceler_type: "invitee" } }));
      const created = () => deliver("invitee.created", s.payload("invitee.created", fresh, { old_invitee: old.uri }));
      if (o.holdCreated) {
        await canceled();
        held.push(created);
      } else if (o.createdFirst) await created().then(canceled);
      else await canceled().then(created);
      return fresh;
    },
    async deliverHeld() {
      for (const send of held.splice(0)) await send();
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };

  const held: (() => Promise<void>)[] = [];
  async function deliver(event: string, body: Obj) {
    for (const sub of s.subscriptions.values()) {
      if (!sub.events.includes(event)) continue;
      const raw = JSON.stringify(body);
      const res = await fetch(sub.url, { method: "POST", headers: { "content-type": "application/json", "calendly-webhook-signature": s.sign(raw, sub.signing_key) }, body: raw });
      s.deliveries.push({ event, status: res.status, body: await res.text() });
    }
  }

  const send = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(body === null ? undefined : JSON.stringify(body));
  };

  server.on("request", (req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      void (async () => {
        const u = new URL(req.url ?? "/", url);
        // The booking page posts a form; the API takes JSON.
        const body = raw && String(req.headers["content-type"]).startsWith("application/json") ? (JSON.parse(raw) as Obj) : null;
        s.requests.push({ method: req.method ?? "GET", path: u.pathname + u.search, body });
        // The public booking page (what the inline embed's iframe loads): no token.
        const page = eventTypes.find((e) => new URL(e.scheduling_url).pathname === u.pathname);
        if (page && req.method === "GET") return bookingPage(res, page, u.searchParams);
        if (page && req.method === "POST") {
          const form = new URLSearchParams(raw);
          const tracking = Object.fromEntries(["utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term"].map((k) => [k, form.get(k) || null]));
          await s.book({ eventTypeUri: page.uri, name: form.get("name") ?? "", email: form.get("email") ?? "", start: new Date(form.get("start")!), tracking });
          res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
          return res.end("<!doctype html><p id=\"booked\">Agendamento confirmado</p>");
        }
        if (u.pathname === "/oauth/authorize" && req.method === "GET") return authorize(res, u.searchParams);
        if (u.pathname === "/oauth/token" && req.method === "POST") return tokenGrant(res, String(req.headers.authorization ?? ""), new URLSearchParams(raw));
        const bearer = String(req.headers.authorization ?? "").replace(/^Bearer /, "");
        if (bearer !== token && !s.oauth.accessTokens.has(bearer)) return send(res, 401, { title: "Unauthenticated", message: "The access token is invalid" });
        if (req.method === "GET" && u.pathname === "/users/me") {
          return send(res, 200, { resource: { uri: userUri, name: "Equipe de Vendas", slug: "vendas", email: "vendas@example.com", scheduling_url: `${url}/vendas`, timezone: "America/Sao_Paulo", current_organization: orgUri } });
        }
        if (req.method === "GET" && u.pathname === "/event_types") {
          if (u.searchParams.get("user") !== userUri) return send(res, 403, { title: "Permission Denied", message: "You do not have permission" });
          return send(res, 200, { collection: eventTypes.map((e) => ({ uri: e.uri, name: e.name, active: true, slug: e.slug, scheduling_url: e.scheduling_url, duration: e.duration, kind: "solo" })), pagination: { count: eventTypes.length, next_page: null } });
        }
        if (req.method === "POST" && u.pathname === "/webhook_subscriptions") {
          const missing = ["url", "events", "organization", "scope"].filter((k) => !body?.[k]);
          if (missing.length) return send(res, 400, { title: "Invalid Argument", message: `missing ${missing.join(", ")}`, details: missing.map((parameter) => ({ parameter, message: "is required" })) });
          const uri = `${url}/webhook_subscriptions/${randomUUID()}`;
          s.subscriptions.set(uri, { url: String(body!.url), events: body!.events as string[], signing_key: String(body!.signing_key ?? ""), scope: String(body!.scope) });
          return send(res, 201, { resource: { uri, callback_url: body!.url, events: body!.events, scope: body!.scope, organization: body!.organization, user: body!.user, state: "active", created_at: new Date().toISOString() } });
        }
        if (req.method === "DELETE" && u.pathname.startsWith("/webhook_subscriptions/")) {
          const uri = `${url}${u.pathname}`;
          if (!s.subscriptions.delete(uri)) return send(res, 404, { title: "Resource Not Found", message: "The server could not find the requested resource." });
          return send(res, 204, null);
        }
        send(res, 404, { title: "Resource Not Found", message: "The server could not find the requested resource." });
      })().catch((err: Error) => send(res, 500, { title: "Internal Server Error", message: err.message }));
    });
  });

  /** The consent screen, agreed at once: back to the app with a code (10 minutes in Calendly; here until used). */
  function authorize(res: http.ServerResponse, q: URLSearchParams) {
    const redirectUri = q.get("redirect_uri");
    if (q.get("client_id") !== s.oauth.clientId || q.get("response_type") !== "code" || !redirectUri) return send(res, 400, { error: "invalid_request", error_description: "client_id, response_type=code and redirect_uri are required" });
    const code = randomUUID().replaceAll("-", "");
    codes.set(code, { redirectUri });
    const back = new URL(redirectUri);
    back.searchParams.set("code", code);
    if (q.get("state") !== null) back.searchParams.set("state", q.get("state")!);
    res.writeHead(302, { location: back.toString() });
    res.end();
  }

  function tokenGrant(res: http.ServerResponse, authorization: string, form: URLSearchParams) {
    const grantType = form.get("grant_type") ?? "";
    const answer = (status: number, body: Obj) => {
      s.oauth.grants.push({ grantType, status });
      send(res, status, body);
    };
    if (authorization !== `Basic ${Buffer.from(`${s.oauth.clientId}:${s.oauth.clientSecret}`).toString("base64")}`) return answer(401, { error: "invalid_client", error_description: "Client authentication failed" });
    if (grantType === "authorization_code") {
      const c = codes.get(form.get("code") ?? "");
      if (!c || c.redirectUri !== form.get("redirect_uri")) return answer(400, { error: "invalid_grant", error_description: "The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client." });
      codes.delete(form.get("code")!);
    } else if (grantType === "refresh_token") {
      if (!s.oauth.refreshTokens.delete(form.get("refresh_token") ?? "")) return answer(400, { error: "invalid_grant", error_description: "The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client." });
    } else return answer(400, { error: "unsupported_grant_type", error_description: "The authorization grant type is not supported by the authorization server." });
    const access = `oauth_at_${randomUUID().replaceAll("-", "")}`;
    const refresh = `oauth_rt_${randomUUID().replaceAll("-", "")}`;
    s.oauth.accessTokens.add(access);
    s.oauth.refreshTokens.add(refresh);
    answer(200, { token_type: "Bearer", access_token: access, refresh_token: refresh, scope: "default", created_at: Math.floor(Date.now() / 1000), expires_in: 7200, owner: userUri, organization: orgUri });
  }

  /** The booking page: the prefilled invitee and three times to pick (what the iframe shows). */
  function bookingPage(res: http.ServerResponse, type: (typeof eventTypes)[number], q: URLSearchParams) {
    const esc = (v: string) => v.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
    const hidden = ["utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term"].map((k) => `<input type="hidden" name="${k}" value="${esc(q.get(k) ?? "")}">`).join("");
    const day = Math.ceil(Date.now() / 86_400_000) * 86_400_000 + 2 * 86_400_000;
    const times = [13, 14, 17].map((h) => new Date(day + h * 3_600_000));
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><html lang="pt-BR"><body><h1>${esc(type.name)}</h1><form method="post">
      <label>Nome <input name="name" value="${esc(q.get("name") ?? "")}"></label>
      <label>E-mail <input name="email" value="${esc(q.get("email") ?? "")}"></label>${hidden}
      ${times.map((t, i) => `<label><input type="radio" name="start" value="${t.toISOString()}"${i === 0 ? " checked" : ""}> ${t.toISOString()}</label>`).join("")}
      <button type="submit">Confirmar agendamento</button></form></body></html>`);
  }

  return s;
}
