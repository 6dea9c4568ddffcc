import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";

/**
 * A local server speaking Stripe's REST wire format for the endpoints billing uses (stripe-mock is
 * not on npm): form-encoded requests with bracketed keys, JSON objects back, `{error:{type,…}}` on
 * failure, Bearer secret-key auth, Idempotency-Key replay. The real `stripe` SDK is pointed at it
 * with host/port/protocol. State lives in memory; tests drive "what Stripe did" through helpers that
 * also build the signed-ready webhook events.
 */

type Obj = Record<string, unknown>;
const id = (prefix: string) => `${prefix}_${randomBytes(10).toString("hex")}`;
const nowUnix = () => Math.floor(Date.now() / 1000);

/** `a[b][0][c]=x&a[b][1]=y` → nested objects, arrays where every key is numeric. */
export function decodeForm(body: string): Obj {
  const root: Obj = {};
  for (const pair of body.split("&")) {
    if (!pair) continue;
    const [rawK, rawV = ""] = pair.split("=");
    const key = decodeURIComponent(rawK!.replace(/\+/g, " "));
    const value = decodeURIComponent(rawV.replace(/\+/g, " "));
    const parts = key.split(/\[|\]\[|\]/).filter((p) => p !== "");
    let cur: Obj = root;
    parts.forEach((p, i) => {
      if (i === parts.length - 1) cur[p] = value;
      else cur = (cur[p] ??= {}) as Obj;
    });
  }
  const arrays = (v: unknown): unknown => {
    if (!v || typeof v !== "object") return v;
    const o = v as Obj;
    const keys = Object.keys(o);
    if (keys.length && keys.every((k) => /^\d+$/.test(k))) return keys.sort((a, b) => Number(a) - Number(b)).map((k) => arrays(o[k]));
    for (const k of keys) o[k] = arrays(o[k]);
    return o;
  };
  return arrays(root) as Obj;
}

const list = (data: unknown[], url: string) => ({ object: "list", data, has_more: false, url });
const bool = (v: unknown) => v === true || v === "true";

export interface StripeStandIn {
  url: string;
  /** Requests seen, in order: method, path, decoded params, idempotency key. */
  requests: { method: string; path: string; params: Obj; idempotencyKey?: string }[];
  customers: Map<string, Obj>;
  products: Map<string, Obj>;
  prices: Map<string, Obj>;
  meters: Map<string, Obj>;
  /** Accepted meter events (duplicates by identifier dropped, as Stripe does). */
  meterEvents: Obj[];
  sessions: Map<string, Obj>;
  subscriptions: Map<string, Obj>;
  invoices: Map<string, Obj>;
  /** When true, every request's connection is dropped (Stripe unreachable). */
  down: boolean;
  /** Sum of accepted meter event values for a meter event name and customer. */
  meterTotal(eventName: string, customerId: string): number;
  /** A Stripe event object around an API object. */
  event(type: string, object: Obj, created?: number): Obj;
  /** The customer pays a Checkout session: subscription + paid invoice, and the events Stripe would send. */
  completeCheckout(sessionId: string): { subscription: Obj; events: Obj[] };
  /** Stripe moves a subscription's status (dunning, cancellation…). */
  setStatus(subscriptionId: string, status: string): Obj;
  invoiceFor(subscriptionId: string, status: "paid" | "open", amountCents?: number): Obj;
  onCheckout(fn: (events: Obj[]) => Promise<void>): void;
  close(): Promise<void>;
}

export async function startStripeStandIn(opts: { secretKey: string }): Promise<StripeStandIn> {
  const s = {
    requests: [] as StripeStandIn["requests"],
    customers: new Map<string, Obj>(),
    products: new Map<string, Obj>(),
    prices: new Map<string, Obj>(),
    meters: new Map<string, Obj>(),
    meterEvents: [] as Obj[],
    sessions: new Map<string, Obj>(),
    subscriptions: new Map<string, Obj>(),
    invoices: new Map<string, Obj>(),
    down: false,
  };
  const idempotent = new Map<string, { status: number; body: unknown }>();

  const priceObj = (p: Obj) => p;
  const subscriptionItem = (price: Obj, start: number, end: number, quantity?: number) => ({
    id: id("si"),
    object: "subscription_item",
    price: priceObj(price),
    quantity: quantity ?? ((price.recurring as Obj | null)?.usage_type === "metered" ? undefined : 1),
    current_period_start: start,
    current_period_end: end,
  });
  const periodEnd = (start: number, interval: string) => start + (interval === "year" ? 365 : 30) * 86_400;

  function routes(method: string, path: string, p: Obj): [number, unknown] {
    const notFound = (what: string): [number, unknown] => [404, { error: { type: "invalid_request_error", code: "resource_missing", message: `No such ${what}` } }];
    const bad = (message: string): [number, unknown] => [400, { error: { type: "invalid_request_error", message } }];
    let m: RegExpExecArray | null;

    if (method === "POST" && path === "/v1/customers") {
      const c = { id: id("cus"), object: "customer", name: p.name ?? null, email: p.email ?? null, metadata: p.metadata ?? {}, created: nowUnix() };
      s.customers.set(c.id, c);
      return [200, c];
    }
    if (method === "GET" && (m = /^\/v1\/products\/([^/]+)$/.exec(path))) return s.products.get(m[1]!) ? [200, s.products.get(m[1]!)] : notFound("product");
    if (method === "POST" && path === "/v1/products") {
      const pid = (p.id as string) ?? id("prod");
      if (s.products.has(pid)) return bad(`Product already exists: ${pid}`);
      const prod = { id: pid, object: "product", name: p.name, description: p.description ?? null, active: true };
      s.products.set(pid, prod);
      return [200, prod];
    }
    if (method === "POST" && (m = /^\/v1\/products\/([^/]+)$/.exec(path))) {
      const prod = s.products.get(m[1]!);
      if (!prod) return notFound("product");
      Object.assign(prod, { name: p.name ?? prod.name, description: p.description ?? prod.description, active: p.active === undefined ? prod.active : bool(p.active) });
      return [200, prod];
    }
    if (method === "GET" && path === "/v1/prices") {
      const keys = (p.lookup_keys as string[] | undefined) ?? [];
      const data = [...s.prices.values()].filter((x) => (!keys.length || keys.includes(x.lookup_key as string)) && (p.active === undefined || x.active === bool(p.active)));
      return [200, list(data, "/v1/prices")];
    }
    if (method === "POST" && path === "/v1/prices") {
      if (!s.products.has(p.product as string)) return notFound("product");
      const rec = p.recurring as Obj | undefined;
      if (rec?.usage_type === "metered" && !s.meters.has(rec.meter as string)) return bad("Metered prices need an existing meter");
      if (p.lookup_key) {
        const taken = [...s.prices.values()].find((x) => x.lookup_key === p.lookup_key);
        if (taken && !bool(p.transfer_lookup_key)) return bad(`lookup_key ${String(p.lookup_key)} is already in use`);
        if (taken) taken.lookup_key = null;
      }
      const price = {
        id: id("price"),
        object: "price",
        product: p.product,
        currency: p.currency,
        unit_amount: Number(p.unit_amount),
        nickname: p.nickname ?? null,
        lookup_key: p.lookup_key ?? null,
        active: true,
        recurring: rec ? { interval: rec.interval, usage_type: rec.usage_type ?? "licensed", meter: rec.meter ?? null } : null,
        type: rec ? "recurring" : "one_time",
      };
      s.prices.set(price.id, price);
      return [200, price];
    }
    if (method === "POST" && (m = /^\/v1\/prices\/([^/]+)$/.exec(path))) {
      const price = s.prices.get(m[1]!);
      if (!price) return notFound("price");
      if (p.active !== undefined) price.active = bool(p.active);
      return [200, price];
    }
    if (method === "GET" && path === "/v1/billing/meters") {
      const data = [...s.meters.values()].filter((x) => !p.status || x.status === p.status);
      return [200, list(data, "/v1/billing/meters")];
    }
    if (method === "POST" && path === "/v1/billing/meters") {
      if ([...s.meters.values()].some((x) => x.event_name === p.event_name && x.status === "active")) return bad("An active meter with this event_name exists");
      const meter = { id: id("mtr"), object: "billing.meter", display_name: p.display_name, event_name: p.event_name, status: "active", default_aggregation: p.default_aggregation, customer_mapping: p.customer_mapping, value_settings: p.value_settings };
      s.meters.set(meter.id, meter);
      return [200, meter];
    }
    if (method === "GET" && (m = /^\/v1\/billing\/meters\/([^/]+)\/event_summaries$/.exec(path))) {
      const meter = s.meters.get(m[1]!);
      if (!meter) return notFound("billing.meter");
      if (!p.customer || p.start_time === undefined || p.end_time === undefined) return bad("customer, start_time and end_time are required");
      const [from, to] = [Number(p.start_time), Number(p.end_time)];
      if (from % 60 !== 0 || to % 60 !== 0) return bad("start_time and end_time must be aligned with minute boundaries");
      const value = s.meterEvents
        .filter((e) => e.event_name === meter.event_name && (e.payload as Obj).stripe_customer_id === p.customer && (e.timestamp as number) >= from && (e.timestamp as number) < to)
        .reduce((n, e) => n + Number((e.payload as Obj).value), 0);
      const summary = { id: id("mtrusg"), object: "billing.meter_event_summary", aggregated_value: value, start_time: from, end_time: to, livemode: false, meter: meter.id };
      return [200, list([summary], `/v1/billing/meters/${meter.id}/event_summaries`)];
    }
    if (method === "POST" && path === "/v1/billing/meter_events") {
      const payload = (p.payload ?? {}) as Obj;
      if (!p.event_name || payload.value === undefined || !payload.stripe_customer_id) return bad("event_name, payload[value] and payload[stripe_customer_id] are required");
      if (![...s.meters.values()].some((x) => x.event_name === p.event_name)) return bad(`No active meter for event_name ${String(p.event_name)}`);
      const ts = p.timestamp === undefined ? nowUnix() : Number(p.timestamp);
      if (ts < nowUnix() - 35 * 86_400 || ts > nowUnix() + 300) return bad("timestamp must be within the past 35 calendar days or up to 5 minutes in the future");
      const ev = { object: "billing.meter_event", event_name: p.event_name, identifier: (p.identifier as string) ?? id("mev"), payload, timestamp: ts, created: nowUnix(), livemode: false };
      // Stripe enforces identifier uniqueness: a repeat is not counted again.
      if (!s.meterEvents.some((x) => x.identifier === ev.identifier)) s.meterEvents.push(ev);
      return [200, ev];
    }
    if (method === "POST" && path === "/v1/checkout/sessions") {
      if (!s.customers.has(p.customer as string)) return notFound("customer");
      const items = (p.line_items as Obj[] | undefined) ?? [];
      for (const li of items) if (!s.prices.has(li.price as string)) return notFound("price");
      // Stripe refuses tax ID collection for an existing customer unless the session may rename it.
      const taxIds = (p.tax_id_collection as Obj | undefined)?.enabled === "true";
      if (taxIds && (p.customer_update as Obj | undefined)?.name !== "auto")
        return [400, { error: { type: "invalid_request_error", param: "customer_update[name]", message: "tax_id_collection requires customer_update[name]=auto with an existing customer" } }];
      const sid = id("cs_test");
      const session = {
        id: sid,
        object: "checkout.session",
        mode: p.mode,
        customer: p.customer,
        client_reference_id: p.client_reference_id ?? null,
        line_items: items,
        allowed_payment_method_types: p.allowed_payment_method_types ?? null,
        payment_method_options: p.payment_method_options ?? {},
        subscription_data: p.subscription_data ?? {},
        tax_id_collection: { enabled: taxIds, required: "never" },
        billing_address_collection: p.billing_address_collection ?? null,
        success_url: p.success_url,
        cancel_url: p.cancel_url,
        status: "open",
        subscription: null as string | null,
        url: `${server.url}/pay/${sid}`,
      };
      s.sessions.set(sid, session);
      return [200, session];
    }
    if (method === "POST" && path === "/v1/billing_portal/sessions") {
      if (!s.customers.has(p.customer as string)) return notFound("customer");
      return [200, { id: id("bps"), object: "billing_portal.session", customer: p.customer, return_url: p.return_url, url: `${server.url}/portal/${String(p.customer)}` }];
    }
    if (method === "GET" && (m = /^\/v1\/subscriptions\/([^/]+)$/.exec(path))) return s.subscriptions.get(m[1]!) ? [200, s.subscriptions.get(m[1]!)] : notFound("subscription");
    if (method === "POST" && (m = /^\/v1\/subscriptions\/([^/]+)$/.exec(path))) {
      const sub = s.subscriptions.get(m[1]!);
      if (!sub) return notFound("subscription");
      if (p.cancel_at_period_end !== undefined) sub.cancel_at_period_end = bool(p.cancel_at_period_end);
      if (p.items) {
        const err = applyItems(sub, p.items as Obj[]);
        if (err) return bad(err);
      }
      return [200, sub];
    }
    if (method === "POST" && path === "/v1/invoices/create_preview") {
      const sub = s.subscriptions.get(p.subscription as string);
      if (!sub) return notFound("subscription");
      const copy = structuredClone(sub);
      const err = applyItems(copy, (((p.subscription_details as Obj | undefined)?.items as Obj[]) ?? []));
      if (err) return bad(err);
      const flat = (x: Obj) => ((x.items as Obj).data as Obj[]).filter((i) => ((i.price as Obj).recurring as Obj).usage_type !== "metered").reduce((n, i) => n + Number((i.price as Obj).unit_amount), 0);
      const first = ((sub.items as Obj).data as Obj[])[0]!;
      const start = Number(first.current_period_start);
      const end = Number(first.current_period_end);
      const left = Math.max(0, Math.min(1, (end - nowUnix()) / Math.max(1, end - start)));
      const amount = Math.max(0, Math.round((flat(copy) - flat(sub)) * left));
      return [200, { object: "invoice", id: null, currency: "brl", amount_due: amount, subscription: sub.id }];
    }
    return [404, { error: { type: "invalid_request_error", message: `Unrecognized request URL (${method}: ${path})` } }];
  }

  function applyItems(sub: Obj, items: Obj[]): string | null {
    const data = (sub.items as Obj).data as Obj[];
    const first = data[0]!;
    for (const it of items) {
      if (it.price && !s.prices.has(it.price as string)) return `No such price: ${String(it.price)}`;
      const existing = it.id ? data.find((d) => d.id === it.id) : undefined;
      if (it.id && !existing) return `No such subscription item: ${String(it.id)}`;
      if (existing && bool(it.deleted)) data.splice(data.indexOf(existing), 1);
      else if (existing && it.price) existing.price = s.prices.get(it.price as string);
      else if (!existing && it.price) data.push(subscriptionItem(s.prices.get(it.price as string)!, Number(first.current_period_start), Number(first.current_period_end)));
    }
    return null;
  }

  const server = { url: "" };
  const httpServer = http.createServer((req, res) => {
    if (s.down) return req.socket.destroy();
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const reply = (status: number, body: unknown, type = "application/json") => {
        res.writeHead(status, { "content-type": type, "request-id": id("req") });
        res.end(typeof body === "string" ? body : JSON.stringify(body));
      };
      const url = new URL(req.url ?? "/", "http://stand-in");
      // The Checkout and portal pages a browser lands on (e2e): a "Pagar" button completes the session.
      if (url.pathname.startsWith("/pay/") || url.pathname.startsWith("/portal/")) {
        const sid = url.pathname.split("/")[2] ?? "";
        const session = s.sessions.get(sid);
        if (req.method === "POST" && session) {
          const done = completeCheckout(sid);
          void Promise.resolve(onCheckoutCompleted?.(done.events)).then(
            () => {
              res.writeHead(303, { location: String(session.success_url).replace("{CHECKOUT_SESSION_ID}", sid) });
              res.end();
            },
            (err: Error) => reply(500, `delivering the events failed: ${err.message}`, "text/plain"),
          );
          return;
        }
        return reply(200, `<!doctype html><title>Stripe Checkout (stand-in)</title><h1>Checkout</h1><form method="post"><button type="submit">Pagar</button></form>`, "text/html");
      }
      if (req.headers.authorization !== `Bearer ${opts.secretKey}`) {
        return reply(401, { error: { type: "invalid_request_error", message: "Invalid API Key provided" } });
      }
      const body = Buffer.concat(chunks).toString("utf8");
      const params = req.method === "GET" ? decodeForm(url.search.slice(1)) : decodeForm(body);
      const key = req.headers["idempotency-key"] as string | undefined;
      s.requests.push({ method: req.method ?? "GET", path: url.pathname, params, idempotencyKey: key });
      if (key && req.method === "POST" && idempotent.has(`${url.pathname} ${key}`)) {
        const hit = idempotent.get(`${url.pathname} ${key}`)!;
        return reply(hit.status, hit.body);
      }
      const [status, out] = routes(req.method ?? "GET", url.pathname, params);
      if (key && req.method === "POST" && status < 500) idempotent.set(`${url.pathname} ${key}`, { status, body: out });
      reply(status, out);
    });
  });
  await new Promise<void>((r) => httpServer.listen(0, "127.0.0.1", r));
  server.url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;

  let onCheckoutCompleted: ((events: Obj[]) => Promise<void>) | null = null;

  const event = (type: string, object: Obj, created = nowUnix()) => ({
    id: id("evt"),
    object: "event",
    api_version: Stripe.API_VERSION,
    created,
    type,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    data: { object: structuredClone(object) },
  });

  function invoiceFor(subscriptionId: string, status: "paid" | "open", amountCents?: number) {
    const sub = s.subscriptions.get(subscriptionId)!;
    const flat = ((sub.items as Obj).data as Obj[]).find((i) => ((i.price as Obj).recurring as Obj).usage_type !== "metered");
    const amount = amountCents ?? Number((flat?.price as Obj | undefined)?.unit_amount ?? 0);
    const first = ((sub.items as Obj).data as Obj[])[0]!;
    const inv = {
      id: id("in"),
      object: "invoice",
      customer: sub.customer,
      subscription: sub.id,
      number: `VF-${String(s.invoices.size + 1).padStart(4, "0")}`,
      status,
      currency: "brl",
      amount_due: amount,
      amount_paid: status === "paid" ? amount : 0,
      hosted_invoice_url: `${server.url}/invoice/hosted`,
      invoice_pdf: `${server.url}/invoice/pdf`,
      period_start: first.current_period_start,
      period_end: first.current_period_end,
      due_date: null,
      created: nowUnix(),
      status_transitions: { paid_at: status === "paid" ? nowUnix() : null },
    };
    s.invoices.set(inv.id, inv);
    return inv;
  }

  function completeCheckout(sessionId: string) {
    const session = s.sessions.get(sessionId);
    if (!session) throw new Error(`no session ${sessionId}`);
    const start = nowUnix();
    const items = (session.line_items as Obj[]).map((li) => s.prices.get(li.price as string)!);
    const interval = ((items[0]!.recurring as Obj).interval as string) ?? "month";
    const end = periodEnd(start, interval);
    const trialEnd = (session.subscription_data as Obj).trial_end ? Number((session.subscription_data as Obj).trial_end) : null;
    const sub = {
      id: id("sub"),
      object: "subscription",
      customer: session.customer,
      status: trialEnd ? "trialing" : "active",
      items: { object: "list", data: items.map((price) => subscriptionItem(price, start, end)), has_more: false, url: "/v1/subscription_items" },
      cancel_at_period_end: false,
      trial_end: trialEnd,
      canceled_at: null,
      metadata: (session.subscription_data as Obj).metadata ?? {},
      created: start,
    };
    s.subscriptions.set(sub.id, sub);
    session.status = "complete";
    session.subscription = sub.id;
    const inv = invoiceFor(sub.id, "paid");
    return { subscription: sub, events: [event("checkout.session.completed", session), event("customer.subscription.created", sub), event("invoice.paid", inv)] };
  }

  function setStatus(subscriptionId: string, status: string) {
    const sub = s.subscriptions.get(subscriptionId);
    if (!sub) throw new Error(`no subscription ${subscriptionId}`);
    sub.status = status;
    if (status === "canceled") sub.canceled_at = nowUnix();
    return sub;
  }

  return Object.assign(s, {
    url: server.url,
    meterTotal: (eventName: string, customerId: string) =>
      s.meterEvents.filter((e) => e.event_name === eventName && (e.payload as Obj).stripe_customer_id === customerId).reduce((n, e) => n + Number((e.payload as Obj).value), 0),
    event,
    completeCheckout,
    setStatus,
    invoiceFor,
    /** e2e: after the stand-in page completes a session, deliver its events (signed) to the app. */
    onCheckout(fn: (events: Obj[]) => Promise<void>) {
      onCheckoutCompleted = fn;
    },
    close: () => new Promise<void>((r) => httpServer.close(() => r())),
  });
}

/** A Stripe-Signature header for a payload, made by the SDK itself. */
export const signStripe = (payload: string, secret: string, timestamp?: number) => Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });
