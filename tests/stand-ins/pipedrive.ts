import { randomBytes, randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local server speaking Pipedrive's wire formats for what a CRM-sync connection uses:
 * - API v1 `GET /v1/users/me` (the token's company), `POST /v1/webhooks` (subscription_url,
 *   event_action, event_object, http_auth_user / http_auth_password, version "2.0"), `GET
 *   /v1/webhooks` (the company's, `{ status, success, data: [...] }`) and `DELETE /v1/webhooks/{id}`.
 * - API v2 persons and deals: `POST /api/v2/{persons|deals}`, `PATCH /api/v2/…/{id}`,
 *   `GET /api/v2/…/{id}` (404 `{ success: false, error }`), `GET /api/v2/…?updated_since=&
 *   sort_by=update_time&sort_direction=asc&limit=&cursor=` (`additional_data.next_cursor`);
 *   persons carry `emails` / `phones` arrays of `{ value, primary, label }` and `org_id`; deals
 *   `value` in currency units, `currency`, `stage_id`, `person_id`; objects carry `update_time`
 *   in RFC 3339 with whole seconds. Organisations (`GET /api/v2/organizations/{id}`,
 *   `/search?term=&exact_match=true`, `POST`), stages and pipelines.
 * - Authentication with `x-api-token` (or `?api_token=`): 401 `{ success: false, error:
 *   "unauthorized access", errorCode: 401 }` otherwise; 429 with `Retry-After` and
 *   `x-ratelimit-*` when a test asks.
 * - Webhooks v2: every create / change / delete of a person or deal (through the API or a test's
 *   "edit in the Pipedrive app") is POSTed to each matching subscription with its HTTP Basic
 *   credentials, `{ meta: { action, entity, entity_id, id, timestamp, version: "2.0",
 *   change_source, … }, data, previous }`, after the API answer (as Pipedrive does, asynchronously).
 * Its clock is the real one in whole seconds, as Pipedrive's: two writes in one second share an update_time
 * (moving it on a second per write, as it did, ran it seconds ahead of the real clock in a busy test).
 */

type Obj = Record<string, unknown> & { id: number; update_time: string; add_time: string };

interface Account {
  token: string;
  companyId: number;
  companyName: string;
  persons: Map<number, Obj>;
  deals: Map<number, Obj>;
  orgs: Map<number, { id: number; name: string }>;
  webhooks: { id: number; url: string; object: string; action: string; user: string; password: string }[];
}

export interface PipedriveDelivery {
  url: string;
  body: string;
  authorization: string;
  status: number;
}

export interface PipedriveStandIn {
  url: string;
  /** A company with an API token. */
  account(name?: string): { token: string; companyId: number };
  /** The token stops authenticating (the user revoked it); the company and its webhooks stay. */
  revoke(token: string): void;
  /** Statuses the next API calls answer, in order (429 carries Retry-After: retryAfter). */
  failNext(status: number, times?: number, retryAfter?: number): void;
  /** The person / deal as Pipedrive holds it. */
  person(token: string, id: string | number): Obj | undefined;
  deal(token: string, id: string | number): Obj | undefined;
  persons(token: string): Obj[];
  deals(token: string): Obj[];
  /** The company's webhook subscriptions. */
  webhooks(token: string): { id: number; url: string; object: string; user: string }[];
  /** An edit made in Pipedrive's own app (webhook with change_source "app"). */
  editPerson(token: string, id: string | number, patch: Record<string, unknown>): Promise<Obj>;
  createPerson(token: string, fields: Record<string, unknown>): Promise<Obj>;
  editDeal(token: string, id: string | number, patch: Record<string, unknown>): Promise<Obj>;
  /** Hold webhook deliveries until release() (to deliver them twice, or late). */
  hold(): void;
  release(): Promise<void>;
  /** Sends a delivery again, as Pipedrive retries. */
  redeliver(d: PipedriveDelivery): Promise<number>;
  deliveries: PipedriveDelivery[];
  requests: { method: string; path: string }[];
  stages: { id: number; name: string; pipeline_id: number }[];
  close(): Promise<void>;
}

const readBody = (req: http.IncomingMessage) =>
  new Promise<string>((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
  });

export async function startPipedriveStandIn(): Promise<PipedriveStandIn> {
  const accounts = new Map<string, Account>();
  const fails: { status: number; retryAfter: number }[] = [];
  const requests: { method: string; path: string }[] = [];
  const deliveries: PipedriveDelivery[] = [];
  let held: (() => Promise<void>)[] | null = null;
  let nextId = 100;
  let nextCompany = 9000;
  let clock = 0;
  const tick = () => {
    clock = Math.max(Math.floor(Date.now() / 1000) * 1000, clock);
    return new Date(clock).toISOString().replace(/\.\d{3}Z$/, "Z");
  };
  const pipelines = [{ id: 1, name: "Funil de vendas" }];
  const stages = [
    { id: 11, name: "Qualificado", pipeline_id: 1 },
    { id: 12, name: "Proposta feita", pipeline_id: 1 },
    { id: 13, name: "Negociação", pipeline_id: 1 },
  ];

  async function post(d: Omit<PipedriveDelivery, "status">): Promise<number> {
    try {
      const res = await fetch(d.url, { method: "POST", headers: { "content-type": "application/json", authorization: d.authorization }, body: d.body });
      await res.text();
      return res.status;
    } catch {
      return 0;
    }
  }

  function emit(acc: Account, object: "person" | "deal", action: "create" | "change" | "delete", current: Obj | null, previous: Obj | null, source: "api" | "app") {
    for (const w of acc.webhooks) {
      if (w.object !== "*" && w.object !== object) continue;
      if (w.action !== "*" && w.action !== action) continue;
      const id = current?.id ?? previous?.id ?? 0;
      const body = JSON.stringify({
        data: current,
        previous,
        meta: { action, entity: object, entity_id: String(id), id: randomUUID(), timestamp: new Date(clock).toISOString(), version: "2.0", change_source: source, company_id: String(acc.companyId), correlation_id: randomUUID(), is_bulk_edit: false, type: "general", user_id: "1", webhook_id: String(w.id), webhook_owner_id: "1", attempt: 1 },
      });
      const authorization = `Basic ${Buffer.from(`${w.user}:${w.password}`).toString("base64")}`;
      const send = async () => {
        const d = { url: w.url, body, authorization, status: 0 };
        d.status = await post(d);
        deliveries.push(d);
      };
      if (held) held.push(send);
      else setTimeout(() => void send(), 20);
    }
  }

  const personOut = (p: Obj) => structuredClone(p);

  function applyPerson(acc: Account, p: Obj, body: Record<string, unknown>) {
    for (const k of ["name", "emails", "phones", "org_id", "owner_id"]) if (k in body) p[k] = body[k];
    p.update_time = tick();
  }
  function applyDeal(p: Obj, body: Record<string, unknown>) {
    for (const k of ["title", "value", "currency", "stage_id", "person_id", "status", "org_id"]) if (k in body) p[k] = body[k];
    if ("stage_id" in body) p.pipeline_id = stages.find((s) => s.id === body.stage_id)?.pipeline_id ?? 1;
    p.update_time = tick();
  }

  function newPerson(acc: Account, body: Record<string, unknown>): Obj {
    const t = tick();
    const p: Obj = { id: nextId++, name: "", emails: [], phones: [], org_id: null, owner_id: 1, add_time: t, update_time: t, visible_to: 3, custom_fields: {} };
    applyPerson(acc, p, body);
    p.add_time = p.update_time;
    acc.persons.set(p.id, p);
    return p;
  }

  const revoked = new Set<string>();
  const server = http.createServer(async (req, res) => {
    const raw = await readBody(req);
    const url = new URL(req.url ?? "/", "http://x");
    requests.push({ method: req.method ?? "", path: url.pathname + url.search });
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(body));
    };
    const token = String(req.headers["x-api-token"] ?? url.searchParams.get("api_token") ?? "");
    const acc = revoked.has(token) ? undefined : accounts.get(token);
    if (!acc) return send(401, { success: false, error: "unauthorized access", errorCode: 401, error_info: "Please check developers.pipedrive.com" });
    const fail = fails.shift();
    if (fail) {
      if (fail.status === 429) return send(429, { success: false, error: "Request over limit", errorCode: 429 }, { "retry-after": String(fail.retryAfter), "x-ratelimit-limit": "80", "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(fail.retryAfter) });
      return send(fail.status, { success: false, error: "Internal server error", errorCode: fail.status });
    }
    let body: Record<string, unknown> = {};
    try {
      body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    } catch {
      return send(400, { success: false, error: "Invalid JSON", errorCode: 400 });
    }
    const p = url.pathname;
    let m: RegExpExecArray | null;
    if (req.method === "GET" && p === "/v1/users/me") return send(200, { success: true, data: { id: 1, name: "Admin", email: "admin@empresa.com.br", company_id: acc.companyId, company_name: acc.companyName, company_domain: acc.companyName.toLowerCase().replace(/\W+/g, "") } });
    if (req.method === "POST" && p === "/v1/webhooks") {
      const w = { id: nextId++, url: String(body.subscription_url), object: String(body.event_object), action: String(body.event_action), user: String(body.http_auth_user ?? ""), password: String(body.http_auth_password ?? "") };
      acc.webhooks.push(w);
      return send(201, { status: "ok", success: true, data: { id: w.id, subscription_url: w.url, event_action: w.action, event_object: w.object, http_auth_user: w.user, version: String(body.version ?? "1.0"), is_active: 1 } });
    }
    if (req.method === "GET" && p === "/v1/webhooks") {
      const data = acc.webhooks.map((w) => ({ id: w.id, company_id: acc.companyId, owner_id: 1, user_id: 1, event_action: w.action, event_object: w.object, subscription_url: w.url, version: "2.0", is_active: 1, add_time: new Date(clock).toISOString(), http_auth_user: w.user, type: "general" }));
      return send(200, { status: "ok", success: true, data });
    }
    if (req.method === "DELETE" && (m = /^\/v1\/webhooks\/(\d+)$/.exec(p))) {
      const at = acc.webhooks.findIndex((w) => w.id === Number(m![1]));
      if (at < 0) return send(404, { status: "error", success: false, error: "Webhook not found", errorCode: 404 });
      acc.webhooks.splice(at, 1);
      return send(200, { status: "ok", success: true });
    }
    if (req.method === "GET" && p === "/api/v2/stages") return send(200, { success: true, data: stages, additional_data: { next_cursor: null } });
    if (req.method === "GET" && p === "/api/v2/pipelines") return send(200, { success: true, data: pipelines, additional_data: { next_cursor: null } });
    if (req.method === "GET" && p === "/api/v2/organizations/search") {
      const term = (url.searchParams.get("term") ?? "").toLowerCase();
      const items = [...acc.orgs.values()].filter((o) => o.name.toLowerCase() === term).map((o) => ({ result_score: 1, item: { id: o.id, name: o.name, type: "organization" } }));
      return send(200, { success: true, data: { items }, additional_data: { next_cursor: null } });
    }
    if (req.method === "POST" && p === "/api/v2/organizations") {
      const o = { id: nextId++, name: String(body.name ?? "") };
      acc.orgs.set(o.id, o);
      return send(200, { success: true, data: { ...o, add_time: tick(), update_time: new Date(clock).toISOString().replace(/\.\d{3}Z$/, "Z") } });
    }
    if (req.method === "GET" && (m = /^\/api\/v2\/organizations\/(\d+)$/.exec(p))) {
      const o = acc.orgs.get(Number(m[1]));
      return o ? send(200, { success: true, data: o }) : send(404, { success: false, error: "Organization not found", errorCode: 404 });
    }
    if ((m = /^\/api\/v2\/(persons|deals)(?:\/(\d+))?$/.exec(p))) {
      const kind = m[1] as "persons" | "deals";
      const store = kind === "persons" ? acc.persons : acc.deals;
      const object = kind === "persons" ? "person" : "deal";
      const id = m[2] ? Number(m[2]) : null;
      if (req.method === "GET" && id === null) {
        const since = url.searchParams.get("updated_since");
        const limit = Math.min(500, Number(url.searchParams.get("limit") ?? 100));
        const start = Number(url.searchParams.get("cursor") ? Buffer.from(url.searchParams.get("cursor")!, "base64url").toString() : 0);
        const all = [...store.values()].filter((o) => !since || o.update_time >= since).sort((a, b) => (a.update_time < b.update_time ? -1 : a.update_time > b.update_time ? 1 : a.id - b.id));
        const page = all.slice(start, start + limit);
        const next = start + limit < all.length ? Buffer.from(String(start + limit)).toString("base64url") : null;
        return send(200, { success: true, data: page.map(personOut), additional_data: { next_cursor: next } });
      }
      if (req.method === "GET" && id !== null) {
        const o = store.get(id);
        return o ? send(200, { success: true, data: personOut(o) }) : send(404, { success: false, error: `${object === "person" ? "Person" : "Deal"} not found`, errorCode: 404 });
      }
      if (req.method === "POST" && id === null) {
        let o: Obj;
        if (kind === "persons") o = newPerson(acc, body);
        else {
          const t = tick();
          o = { id: nextId++, title: "", value: 0, currency: "BRL", stage_id: stages[0]!.id, pipeline_id: 1, person_id: null, status: "open", add_time: t, update_time: t };
          applyDeal(o, body);
          store.set(o.id, o);
        }
        emit(acc, object, "create", personOut(o), null, "api");
        return send(201, { success: true, data: personOut(o) });
      }
      if (req.method === "PATCH" && id !== null) {
        const o = store.get(id);
        if (!o) return send(404, { success: false, error: "not found", errorCode: 404 });
        const before = personOut(o);
        if (kind === "persons") applyPerson(acc, o, body);
        else applyDeal(o, body);
        emit(acc, object, "change", personOut(o), before, "api");
        return send(200, { success: true, data: personOut(o) });
      }
    }
    send(404, { success: false, error: "Unknown method", errorCode: 404 });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  const accOf = (token: string) => {
    const a = accounts.get(token);
    if (!a) throw new Error("unknown token");
    return a;
  };
  return {
    url: `http://127.0.0.1:${port}`,
    stages,
    account(name = "Acme Pipedrive") {
      const token = randomBytes(20).toString("hex");
      const companyId = nextCompany++;
      accounts.set(token, { token, companyId, companyName: name, persons: new Map(), deals: new Map(), orgs: new Map(), webhooks: [] });
      return { token, companyId };
    },
    revoke(token) {
      revoked.add(token);
    },
    failNext(status, times = 1, retryAfter = 1) {
      for (let i = 0; i < times; i++) fails.push({ status, retryAfter });
    },
    person: (token, id) => accOf(token).persons.get(Number(id)),
    deal: (token, id) => accOf(token).deals.get(Number(id)),
    persons: (token) => [...accOf(token).persons.values()],
    deals: (token) => [...accOf(token).deals.values()],
    webhooks: (token) => accOf(token).webhooks.map(({ id, url, object, user }) => ({ id, url, object, user })),
    async editPerson(token, id, patch) {
      const acc = accOf(token);
      const o = acc.persons.get(Number(id))!;
      const before = personOut(o);
      applyPerson(acc, o, patch);
      emit(acc, "person", "change", personOut(o), before, "app");
      return personOut(o);
    },
    async createPerson(token, fields) {
      const acc = accOf(token);
      const o = newPerson(acc, fields);
      emit(acc, "person", "create", personOut(o), null, "app");
      return personOut(o);
    },
    async editDeal(token, id, patch) {
      const acc = accOf(token);
      const o = acc.deals.get(Number(id))!;
      const before = personOut(o);
      applyDeal(o, patch);
      emit(acc, "deal", "change", personOut(o), before, "app");
      return personOut(o);
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
