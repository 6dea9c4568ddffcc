import { createHmac, randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local server speaking HubSpot's wire formats for what a CRM-sync connection uses
 * (developers.hubspot.com, OAuth and CRM API v3):
 * - OAuth 2.0: `GET /oauth/authorize?client_id&redirect_uri&scope&state` (the consent: 302 to the
 *   redirect URI with `code` and `state`, for the portal the test chose), `POST /oauth/v1/token`
 *   (form-encoded `grant_type` authorization_code | refresh_token, `client_id`, `client_secret`,
 *   `redirect_uri`, `code` | `refresh_token` → `{ token_type: "bearer", access_token,
 *   refresh_token, expires_in }`; a bad or used code 400 `{ status: "BAD_AUTH_CODE" }`, a bad
 *   refresh token 400 `{ status: "BAD_REFRESH_TOKEN" }`, wrong client 400 `{ status:
 *   "BAD_CLIENT_ID" }`), `GET /oauth/v1/access-tokens/{token}` (`hub_id`, `hub_domain`, `scopes`, …;
 *   404 for an unknown or expired token).
 * - CRM v3 contacts and deals with `Authorization: Bearer` (401 `{ status: "error", category:
 *   "EXPIRED_AUTHENTICATION" }` for an expired token): `POST /crm/v3/objects/{type}` (`properties`,
 *   `associations`), `PATCH …/{id}`, `GET …/{id}?properties=&associations=contacts` (404
 *   `OBJECT_NOT_FOUND`), `POST …/search` (`filterGroups` with GTE on `lastmodifieddate` /
 *   `hs_lastmodifieddate`, `sorts`, `properties`, `limit`, `after` → `{ total, results, paging:
 *   { next: { after } } }`); objects `{ id, properties (strings), createdAt, updatedAt (ms), archived }`;
 *   `PUT /crm/v4/objects/deal/{id}/associations/default/contact/{contactId}`, `POST
 *   /crm/v4/associations/deal/contact/batch/read` (207 with `errors` for deals without one);
 *   `GET /crm/v3/pipelines/deals`. 429 (`errorType: "RATE_LIMIT"`, Retry-After) when a test asks.
 * - Webhooks of the app: every create / property change / delete of a contact or deal (through the
 *   API or a test's "edit in HubSpot") is POSTed to the app's target URL as a JSON array of events
 *   (`eventId`, `subscriptionId`, `portalId`, `appId`, `occurredAt`, `subscriptionType`,
 *   `attemptNumber`, `objectId`, `propertyName`, `propertyValue`, `changeSource`), signed v3:
 *   `X-HubSpot-Signature-v3` = base64 HMAC-SHA256(client secret, "POST" + URL + body + timestamp)
 *   with `X-HubSpot-Request-Timestamp` (ms); after the API answer, as HubSpot does.
 * - `DELETE /appinstalls/v3/external-install` (the token's portal uninstalls the app: 204, its
 *   tokens stop working and its webhooks stop; a new consent installs it again).
 */

type Props = Record<string, string | null>;
interface Obj {
  id: string;
  properties: Props;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  contacts: Set<string>;
}
interface Portal {
  portalId: number;
  domain: string;
  contacts: Map<string, Obj>;
  deals: Map<string, Obj>;
}

export interface HubSpotDelivery {
  url: string;
  body: string;
  headers: Record<string, string>;
  status: number;
}

export interface HubSpotStandIn {
  url: string;
  oauth: { clientId: string; clientSecret: string; appId: number };
  /** A HubSpot account (portal); the next consents grant the last one made (or `consentFor`). */
  portal(domain?: string): { portalId: number };
  consentFor(portalId: number): void;
  /** Where the app's webhooks go (set in the app's settings at HubSpot). */
  setWebhookTarget(url: string): void;
  /** Whether the app is installed in the portal (a consent installs it; the uninstall API removes it). */
  installed(portalId: number): boolean;
  /** Every access token of the portal expires now (the API answers 401; a refresh gives new ones). */
  expireTokens(portalId: number): void;
  /** Statuses the next CRM API calls answer, in order (429 carries Retry-After: retryAfter). */
  failNext(status: number, times?: number, retryAfter?: number): void;
  contact(portalId: number, id: string): ObjOut | undefined;
  deal(portalId: number, id: string): ObjOut | undefined;
  contacts(portalId: number): ObjOut[];
  /** Edits made in HubSpot's own app (webhooks with changeSource "CRM_UI"). */
  editContact(portalId: number, id: string, props: Props): Promise<ObjOut>;
  createContact(portalId: number, props: Props): Promise<ObjOut>;
  editDeal(portalId: number, id: string, props: Props): Promise<ObjOut>;
  createDeal(portalId: number, props: Props, contactIds?: string[]): Promise<ObjOut>;
  deleteContact(portalId: number, id: string): Promise<void>;
  /** Signs and POSTs events to the target as HubSpot would (or with another secret / timestamp). */
  send(events: unknown[], opts?: { secret?: string; timestamp?: number; url?: string }): Promise<HubSpotDelivery>;
  /** Hold webhook deliveries until release() (to deliver them twice, or late). */
  hold(): void;
  release(): Promise<void>;
  redeliver(d: HubSpotDelivery): Promise<number>;
  deliveries: HubSpotDelivery[];
  requests: { method: string; path: string; auth: string }[];
  close(): Promise<void>;
}

export type ObjOut = { id: string; properties: Props; createdAt: string; updatedAt: string; archived: boolean; associations?: { contacts: { results: { id: string; type: string }[] } } };

const readBody = (req: http.IncomingMessage) =>
  new Promise<string>((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
  });

export const signV3 = (secret: string, method: string, url: string, body: string, timestamp: number) => createHmac("sha256", secret).update(`${method}${url}${body}${timestamp}`, "utf8").digest("base64");

export async function startHubSpotStandIn(): Promise<HubSpotStandIn> {
  const oauth = { clientId: randomBytes(8).toString("hex"), clientSecret: randomBytes(16).toString("hex"), appId: 4242 };
  const portals = new Map<number, Portal>();
  const codes = new Map<string, { portalId: number; redirectUri: string }>();
  const access = new Map<string, { portalId: number; expiresAt: number }>();
  const refresh = new Map<string, number>();
  const fails: { status: number; retryAfter: number }[] = [];
  const requests: { method: string; path: string; auth: string }[] = [];
  const deliveries: HubSpotDelivery[] = [];
  let held: (() => Promise<void>)[] | null = null;
  let target = "";
  let consentPortal = 0;
  let nextPortal = 62_500;
  let nextId = 1000;
  let nextEvent = 1;
  let clock = 0;
  const tick = () => (clock = Math.max(Date.now(), clock + 1));
  const pipelines = [
    {
      id: "default",
      label: "Pipeline de vendas",
      displayOrder: 0,
      stages: [
        { id: "appointmentscheduled", label: "Reunião marcada", displayOrder: 0, metadata: { isClosed: "false", probability: "0.2" } },
        { id: "qualifiedtobuy", label: "Qualificado", displayOrder: 1, metadata: { isClosed: "false", probability: "0.4" } },
        { id: "closedwon", label: "Ganho", displayOrder: 2, metadata: { isClosed: "true", probability: "1.0" } },
      ],
    },
  ];

  const modifiedKey = (type: "contacts" | "deals") => (type === "contacts" ? "lastmodifieddate" : "hs_lastmodifieddate");

  function out(o: Obj, type: "contacts" | "deals", only?: string[], withAssociations = false): ObjOut {
    const base: Props = { hs_object_id: o.id, createdate: o.createdAt, [modifiedKey(type)]: o.updatedAt };
    const props = only ? Object.fromEntries(only.map((k) => [k, o.properties[k] ?? null])) : { ...o.properties };
    return {
      id: o.id,
      properties: { ...props, ...base },
      createdAt: o.createdAt,
      updatedAt: o.updatedAt,
      archived: false,
      ...(withAssociations ? { associations: { contacts: { results: [...o.contacts].map((id) => ({ id, type: "deal_to_contact" })) } } } : {}),
    };
  }

  async function post(d: Omit<HubSpotDelivery, "status">): Promise<number> {
    try {
      const res = await fetch(d.url, { method: "POST", headers: d.headers, body: d.body });
      await res.text();
      return res.status;
    } catch {
      return 0;
    }
  }

  function signed(events: unknown[], opts: { secret?: string; timestamp?: number; url?: string } = {}): Omit<HubSpotDelivery, "status"> {
    const url = opts.url ?? target;
    const body = JSON.stringify(events);
    const ts = opts.timestamp ?? Date.now();
    return { url, body, headers: { "content-type": "application/json", "x-hubspot-signature-v3": signV3(opts.secret ?? oauth.clientSecret, "POST", url, body, ts), "x-hubspot-request-timestamp": String(ts), "user-agent": "HubSpot Connect 2.0 (http://dev.hubspot.com/)" } };
  }

  /** The webhooks of one write: creation, or one propertyChange per changed property, or deletion. */
  function emit(p: Portal, object: "contact" | "deal", id: string, what: { created?: boolean; deleted?: boolean; changed?: Props }, source: "INTEGRATION" | "CRM_UI") {
    if (!target || !installs.has(p.portalId)) return;
    const common = { subscriptionId: 1, portalId: p.portalId, appId: oauth.appId, occurredAt: Date.now(), attemptNumber: 0, objectId: Number(id), changeSource: source, ...(source === "INTEGRATION" ? { sourceId: String(oauth.appId) } : {}) };
    const events: Record<string, unknown>[] = [];
    if (what.created) events.push({ eventId: nextEvent++, subscriptionType: `${object}.creation`, changeFlag: "CREATED", ...common });
    if (what.deleted) events.push({ eventId: nextEvent++, subscriptionType: `${object}.deletion`, changeFlag: "DELETED", ...common });
    for (const [k, v] of Object.entries(what.changed ?? {})) events.push({ eventId: nextEvent++, subscriptionType: `${object}.propertyChange`, propertyName: k, propertyValue: v ?? "", ...common });
    if (!events.length) return;
    const d = signed(events);
    const send = async () => {
      const sent = { ...d, status: 0 };
      sent.status = await post(d);
      deliveries.push(sent);
    };
    if (held) held.push(send);
    else setTimeout(() => void send(), 20);
  }

  function write(o: Obj, props: Props): Props {
    const changed: Props = {};
    for (const [k, v] of Object.entries(props)) {
      const val = v === "" ? null : v;
      if ((o.properties[k] ?? null) !== val) changed[k] = val;
      o.properties[k] = val;
    }
    if (Object.keys(changed).length) o.updatedAt = new Date(tick()).toISOString();
    return changed;
  }

  function create(p: Portal, type: "contacts" | "deals", props: Props): Obj {
    const now = new Date(tick()).toISOString();
    const o: Obj = { id: String(nextId++), properties: {}, createdAt: now, updatedAt: now, archived: false, contacts: new Set() };
    for (const [k, v] of Object.entries(props)) o.properties[k] = v === "" ? null : v;
    (type === "contacts" ? p.contacts : p.deals).set(o.id, o);
    return o;
  }

  const json = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { "content-type": "application/json;charset=utf-8", ...headers });
    res.end(JSON.stringify(body));
  };
  const notFound = (res: http.ServerResponse) => json(res, 404, { status: "error", message: "resource not found", category: "OBJECT_NOT_FOUND", correlationId: randomBytes(8).toString("hex") });

  const installs = new Set<number>();
  function issue(portalId: number) {
    const at = `CN${randomBytes(24).toString("base64url")}`;
    const rt = `na1-${randomBytes(16).toString("hex")}`;
    access.set(at, { portalId, expiresAt: Date.now() + 1800_000 });
    refresh.set(rt, portalId);
    installs.add(portalId);
    return { token_type: "bearer", access_token: at, refresh_token: rt, expires_in: 1800 };
  }

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const body = await readBody(req);
    const auth = req.headers.authorization ?? "";
    requests.push({ method: req.method ?? "", path: url.pathname, auth });

    if (req.method === "GET" && url.pathname === "/oauth/authorize") {
      if (url.searchParams.get("client_id") !== oauth.clientId) return json(res, 400, { status: "BAD_CLIENT_ID", message: "unknown client" });
      const redirect = url.searchParams.get("redirect_uri") ?? "";
      const code = randomBytes(12).toString("hex");
      codes.set(code, { portalId: consentPortal, redirectUri: redirect });
      const back = new URL(redirect);
      back.searchParams.set("code", code);
      back.searchParams.set("state", url.searchParams.get("state") ?? "");
      res.writeHead(302, { location: back.toString() });
      return res.end();
    }
    if (req.method === "POST" && url.pathname === "/oauth/v1/token") {
      const f = new URLSearchParams(body);
      if (f.get("client_id") !== oauth.clientId || f.get("client_secret") !== oauth.clientSecret) return json(res, 400, { status: "BAD_CLIENT_ID", message: "missing or invalid client_id / client_secret" });
      if (f.get("grant_type") === "authorization_code") {
        const c = codes.get(f.get("code") ?? "");
        codes.delete(f.get("code") ?? "");
        if (!c || c.redirectUri !== f.get("redirect_uri")) return json(res, 400, { status: "BAD_AUTH_CODE", message: "missing or unknown auth code" });
        return json(res, 200, issue(c.portalId));
      }
      if (f.get("grant_type") === "refresh_token") {
        const portalId = refresh.get(f.get("refresh_token") ?? "");
        if (!portalId) return json(res, 400, { status: "BAD_REFRESH_TOKEN", message: "missing or unknown refresh token" });
        // HubSpot keeps the refresh token; a new access token each time.
        const t = issue(portalId);
        refresh.delete(t.refresh_token);
        return json(res, 200, { ...t, refresh_token: f.get("refresh_token") });
      }
      return json(res, 400, { status: "BAD_GRANT_TYPE", message: "unsupported grant_type" });
    }
    const tokenInfo = /^\/oauth\/v1\/access-tokens\/([^/]+)$/.exec(url.pathname);
    if (req.method === "GET" && tokenInfo) {
      const t = access.get(decodeURIComponent(tokenInfo[1]!));
      if (!t || t.expiresAt <= Date.now()) return json(res, 404, { status: "error", message: "not found" });
      const p = portals.get(t.portalId)!;
      return json(res, 200, { token: tokenInfo[1], user: "admin@example.com", hub_domain: p.domain, scopes: ["oauth", "crm.objects.contacts.read", "crm.objects.contacts.write", "crm.objects.deals.read", "crm.objects.deals.write"], hub_id: p.portalId, app_id: oauth.appId, expires_in: Math.floor((t.expiresAt - Date.now()) / 1000), user_id: 1, token_type: "access" });
    }

    // The CRM API: a valid Bearer token names the portal.
    const bearer = /^Bearer (.+)$/.exec(auth)?.[1] ?? "";
    const t = access.get(bearer);
    if (!t) return json(res, 401, { status: "error", message: "Authentication credentials not found.", category: "INVALID_AUTHENTICATION" });
    if (t.expiresAt <= Date.now()) return json(res, 401, { status: "error", message: "The OAuth token used to make this call expired.", category: "EXPIRED_AUTHENTICATION" });
    const fail = fails.shift();
    if (fail) return json(res, fail.status, fail.status === 429 ? { status: "error", message: "You have reached your secondly limit.", errorType: "RATE_LIMIT", policyName: "SECONDLY" } : { status: "error", message: "internal error" }, fail.status === 429 ? { "retry-after": String(fail.retryAfter) } : {});
    const p = portals.get(t.portalId)!;

    if (req.method === "DELETE" && url.pathname === "/appinstalls/v3/external-install") {
      installs.delete(p.portalId);
      for (const [k, v] of access) if (v.portalId === p.portalId) access.delete(k);
      for (const [k, v] of refresh) if (v === p.portalId) refresh.delete(k);
      res.writeHead(204);
      return res.end();
    }
    if (req.method === "GET" && url.pathname === "/crm/v3/pipelines/deals") return json(res, 200, { results: pipelines });
    const assoc = /^\/crm\/v4\/objects\/deal\/(\d+)\/associations\/default\/contact\/(\d+)$/.exec(url.pathname);
    if (req.method === "PUT" && assoc) {
      const d = p.deals.get(assoc[1]!);
      if (!d || !p.contacts.has(assoc[2]!)) return notFound(res);
      d.contacts.clear();
      d.contacts.add(assoc[2]!);
      return json(res, 200, { status: "COMPLETE", results: [{ from: { id: d.id }, to: { id: assoc[2] }, associationSpec: { associationCategory: "HUBSPOT_DEFINED", associationTypeId: 3 } }] });
    }
    if (req.method === "POST" && url.pathname === "/crm/v4/associations/deal/contact/batch/read") {
      const inputs = ((JSON.parse(body || "{}") as { inputs?: { id: string }[] }).inputs ?? []).map((x) => String(x.id));
      const found = inputs.map((id) => p.deals.get(id)).filter((d): d is Obj => Boolean(d && d.contacts.size));
      const results = found.map((d) => ({ from: { id: d.id }, to: [...d.contacts].map((c) => ({ toObjectId: Number(c), associationTypes: [{ category: "HUBSPOT_DEFINED", typeId: 3, label: null }] })) }));
      const missing = inputs.filter((id) => !found.some((d) => d.id === id));
      // Deals without a contact are reported as errors beside the results (207), as HubSpot does.
      return json(res, missing.length ? 207 : 200, { status: "COMPLETE", results, ...(missing.length ? { numErrors: missing.length, errors: missing.map((id) => ({ status: "error", category: "OBJECT_NOT_FOUND", message: `No contact is associated with deal ${id}.`, context: { fromObjectId: [id] } })) } : {}) });
    }
    const m = /^\/crm\/v3\/objects\/(contacts|deals)(?:\/(search|\d+))?$/.exec(url.pathname);
    if (!m) return notFound(res);
    const type = m[1] as "contacts" | "deals";
    const object = type === "contacts" ? "contact" : "deal";
    const store = type === "contacts" ? p.contacts : p.deals;
    const parsed = body ? (JSON.parse(body) as Record<string, unknown>) : {};
    if (req.method === "POST" && !m[2]) {
      const props = (parsed.properties ?? {}) as Props;
      const o = create(p, type, props);
      for (const a of (parsed.associations ?? []) as { to: { id: string } }[]) if (p.contacts.has(String(a.to.id))) o.contacts.add(String(a.to.id));
      emit(p, object, o.id, { created: true }, "INTEGRATION");
      return json(res, 201, out(o, type));
    }
    if (req.method === "POST" && m[2] === "search") {
      const key = modifiedKey(type);
      const gte = ((parsed.filterGroups ?? []) as { filters: { propertyName: string; operator: string; value: string }[] }[]).flatMap((g) => g.filters).find((f) => f.propertyName === key && f.operator === "GTE");
      const since = gte ? Number(gte.value) : 0;
      const all = [...store.values()].filter((o) => Date.parse(o.updatedAt) >= since).sort((a, b) => a.updatedAt.localeCompare(b.updatedAt));
      const limit = Math.min(Number(parsed.limit ?? 10), 200);
      const after = Number(parsed.after ?? 0);
      const page = all.slice(after, after + limit);
      const props = (parsed.properties ?? []) as string[];
      return json(res, 200, { total: all.length, results: page.map((o) => out(o, type, props)), ...(after + limit < all.length ? { paging: { next: { after: String(after + limit), link: "" } } } : {}) });
    }
    const o = m[2] ? store.get(m[2]) : undefined;
    if (!o) return notFound(res);
    if (req.method === "GET") {
      const only = url.searchParams.get("properties")?.split(",").filter(Boolean);
      return json(res, 200, out(o, type, only, url.searchParams.get("associations")?.includes("contacts") ?? false));
    }
    if (req.method === "PATCH") {
      const changed = write(o, (parsed.properties ?? {}) as Props);
      emit(p, object, o.id, { changed }, "INTEGRATION");
      return json(res, 200, out(o, type));
    }
    return notFound(res);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const portalOf = (id: number) => {
    const p = portals.get(id);
    if (!p) throw new Error(`no portal ${id}`);
    return p;
  };

  return {
    url,
    oauth,
    portal(domain = `empresa-${nextPortal}.com.br`) {
      const portalId = nextPortal++;
      portals.set(portalId, { portalId, domain, contacts: new Map(), deals: new Map() });
      consentPortal = portalId;
      return { portalId };
    },
    installed: (portalId) => installs.has(portalId),
    consentFor(portalId) {
      consentPortal = portalId;
    },
    setWebhookTarget(u) {
      target = u;
    },
    expireTokens(portalId) {
      for (const v of access.values()) if (v.portalId === portalId) v.expiresAt = Date.now() - 1;
    },
    failNext(status, times = 1, retryAfter = 1) {
      for (let i = 0; i < times; i++) fails.push({ status, retryAfter });
    },
    contact: (portalId, id) => {
      const o = portalOf(portalId).contacts.get(id);
      return o && out(o, "contacts");
    },
    deal: (portalId, id) => {
      const o = portalOf(portalId).deals.get(id);
      return o && out(o, "deals", undefined, true);
    },
    contacts: (portalId) => [...portalOf(portalId).contacts.values()].map((o) => out(o, "contacts")),
    async editContact(portalId, id, props) {
      const p = portalOf(portalId);
      const o = p.contacts.get(id)!;
      emit(p, "contact", id, { changed: write(o, props) }, "CRM_UI");
      return out(o, "contacts");
    },
    async createContact(portalId, props) {
      const p = portalOf(portalId);
      const o = create(p, "contacts", props);
      emit(p, "contact", o.id, { created: true }, "CRM_UI");
      return out(o, "contacts");
    },
    async editDeal(portalId, id, props) {
      const p = portalOf(portalId);
      const o = p.deals.get(id)!;
      emit(p, "deal", id, { changed: write(o, props) }, "CRM_UI");
      return out(o, "deals", undefined, true);
    },
    async createDeal(portalId, props, contactIds = []) {
      const p = portalOf(portalId);
      const o = create(p, "deals", props);
      for (const c of contactIds) o.contacts.add(c);
      emit(p, "deal", o.id, { created: true }, "CRM_UI");
      return out(o, "deals", undefined, true);
    },
    async deleteContact(portalId, id) {
      const p = portalOf(portalId);
      p.contacts.delete(id);
      emit(p, "contact", id, { deleted: true }, "CRM_UI");
    },
    async send(events, opts) {
      const d = signed(events, opts);
      const sent = { ...d, status: await post(d) };
      deliveries.push(sent);
      return sent;
    },
    hold() {
      held = [];
    },
    async release() {
      const q = held ?? [];
      held = null;
      for (const s of q) await s();
    },
    redeliver: (d) => post(d),
    deliveries,
    requests,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
