import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";

/**
 * A local Chatwoot speaking the Application API the mirror uses (https://developers.chatwoot.com/api-reference),
 * authenticated by the `api_access_token` header:
 * - `GET  /api/v1/accounts/{a}/inboxes/{id}` → the inbox (`channel_type` "Channel::Api" or another)
 * - `POST /api/v1/accounts/{a}/contacts` → `{ payload: { contact, contact_inbox: { inbox, source_id } } }`,
 *   422 `{ message: "Identifier has already been taken", attributes: ["identifier"] }` when taken
 * - `GET  /api/v1/accounts/{a}/contacts/search?q=` → `{ meta: { count }, payload: [contacts] }`
 * - `POST /api/v1/accounts/{a}/contacts/{id}/contact_inboxes` → `{ source_id, inbox }`
 * - `POST /api/v1/accounts/{a}/conversations` → the conversation (its `id` is the display id)
 * - `POST /api/v1/accounts/{a}/conversations/{id}/messages` → the message (`message_type` as a
 *   number, 0 incoming / 1 outgoing, as Chatwoot's REST answers); incoming only in API inboxes
 * A bad token is 401 `{ errors: ["You need to sign in or sign up before continuing."] }`; an unknown
 * account, inbox or conversation 404. Like Chatwoot, every message created (through the API or by
 * an agent, `agentReplies`) is POSTed as a `message_created` webhook to the subscribed URL
 * (Chatwoot does not sign them), so the app sees its own messages come back.
 */
export interface CwContact { id: number; name: string | null; email: string | null; phone_number: string | null; identifier: string | null; inboxes: Set<number> }
export interface CwMessage { id: number; conversationId: number; content: string; message_type: "incoming" | "outgoing"; private: boolean; sender: { id: number; name: string; type: "user" | "contact" } }
export interface CwConversation { id: number; accountId: number; inboxId: number; contactId: number; sourceId: string; additional_attributes: Record<string, unknown>; messages: CwMessage[] }
export interface CwDelivery { status: number; body: Record<string, unknown> }

export async function startChatwootStandIn() {
  let nextId = 1000;
  const accounts = new Map<number, { token: string; inboxes: Map<number, { id: number; name: string; channel_type: string }> }>();
  const contacts = new Map<number, CwContact & { accountId: number; sourceIds: Map<number, string> }>();
  const conversations = new Map<string, CwConversation>();
  const requests: { method: string; path: string; body: unknown }[] = [];
  const deliveries: CwDelivery[] = [];
  let failures: number[] = [];
  let down = false;
  let webhook: { url: URL; port: number } | null = null;

  const contactJson = (c: CwContact) => ({ id: c.id, name: c.name, email: c.email, phone_number: c.phone_number, identifier: c.identifier, additional_attributes: {}, custom_attributes: {}, thumbnail: "", type: "contact" });
  const convJson = (cv: CwConversation) => ({ id: cv.id, account_id: cv.accountId, inbox_id: cv.inboxId, status: "open", channel: "Channel::Api", additional_attributes: cv.additional_attributes, contact_inbox: { source_id: cv.sourceId }, meta: { sender: contactJson(contacts.get(cv.contactId)!) }, messages: [] });
  const msgJson = (m: CwMessage, cv: CwConversation) => ({ id: m.id, content: m.content, content_type: "text", content_attributes: {}, message_type: m.message_type === "incoming" ? 0 : 1, private: m.private, conversation_id: cv.id, inbox_id: cv.inboxId, account_id: cv.accountId, created_at: Math.floor(Date.now() / 1000), sender: m.sender, attachments: [] });

  /** The `message_created` webhook, shaped as Chatwoot's Message#webhook_data. */
  function webhookPayload(m: CwMessage, cv: CwConversation) {
    return {
      event: "message_created",
      id: m.id,
      content: m.content,
      content_type: "text",
      content_attributes: {},
      message_type: m.message_type,
      private: m.private,
      source_id: null,
      created_at: new Date().toISOString(),
      additional_attributes: {},
      sender: m.sender.type === "user" ? { id: m.sender.id, name: m.sender.name, email: "agente@empresa.com.br", type: "user" } : { ...contactJson(contacts.get(cv.contactId)!), type: "contact" },
      conversation: { ...convJson(cv), messages: [msgJson(m, cv)] },
      account: { id: cv.accountId, name: "Empresa" },
      inbox: { id: cv.inboxId, name: "Vendaflow" },
    };
  }

  async function deliver(payload: Record<string, unknown>): Promise<CwDelivery | null> {
    if (!webhook) return null;
    const body = JSON.stringify(payload);
    const status = await new Promise<number>((resolve) => {
      const req = http.request({ host: "127.0.0.1", port: webhook!.port, method: "POST", path: `${webhook!.url.pathname}${webhook!.url.search}`, headers: { host: webhook!.url.host, "content-type": "application/json", "user-agent": "rest-client/2.1.0" } }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      });
      req.on("error", () => resolve(0));
      req.end(body);
    });
    const d = { status, body: payload };
    deliveries.push(d);
    return d;
  }

  function addMessage(cv: CwConversation, m: Omit<CwMessage, "id" | "conversationId">): CwMessage {
    const msg = { ...m, id: nextId++, conversationId: cv.id };
    cv.messages.push(msg);
    // Chatwoot delivers its webhooks after the request (a background job): so does the stand-in.
    setTimeout(() => void deliver(webhookPayload(msg, cv)), 20);
    return msg;
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const send = (status: number, payload: unknown) => {
        res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
        res.end(JSON.stringify(payload));
      };
      const url = new URL(req.url ?? "/", "http://chatwoot.local");
      let body: Record<string, unknown> = {};
      try {
        body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>) : {};
      } catch {
        return send(400, { error: "Invalid JSON" });
      }
      requests.push({ method: req.method ?? "", path: url.pathname + url.search, body });
      if (down) return send(503, { error: "Service Unavailable" });
      const fail = failures.shift();
      if (fail) return send(fail, { error: "stand-in failure" });
      const m = /^\/api\/v1\/accounts\/(\d+)(\/.*)$/.exec(url.pathname);
      const account = m ? accounts.get(Number(m[1])) : undefined;
      if (!m || !account) return send(404, { error: "Resource could not be found" });
      if (req.headers.api_access_token !== account.token) return send(401, { errors: ["You need to sign in or sign up before continuing."] });
      const accountId = Number(m[1]);
      const rest = m[2]!;
      let r: RegExpExecArray | null;
      if (req.method === "GET" && (r = /^\/inboxes\/(\d+)$/.exec(rest))) {
        const inbox = account.inboxes.get(Number(r[1]));
        return inbox ? send(200, { ...inbox, account_id: accountId }) : send(404, { error: "Resource could not be found" });
      }
      if (req.method === "POST" && rest === "/contacts") {
        const inboxId = Number(body.inbox_id);
        if (!account.inboxes.has(inboxId)) return send(422, { message: "Inbox is invalid" });
        const mine = [...contacts.values()].filter((c) => c.accountId === accountId);
        for (const [field, value] of [["identifier", body.identifier], ["email", body.email], ["phone_number", body.phone_number]] as const) {
          if (value && mine.some((c) => c[field] === value)) return send(422, { message: `${field === "phone_number" ? "Phone number" : field === "email" ? "Email" : "Identifier"} has already been taken`, attributes: [field] });
        }
        if (body.phone_number && !/^\+[1-9]\d{1,14}$/.test(String(body.phone_number))) return send(422, { message: "Phone number should be in e164 format", attributes: ["phone_number"] });
        const c = { id: nextId++, accountId, name: (body.name as string) ?? null, email: (body.email as string) ?? null, phone_number: (body.phone_number as string) ?? null, identifier: (body.identifier as string) ?? null, inboxes: new Set([inboxId]), sourceIds: new Map([[inboxId, randomUUID()]]) };
        contacts.set(c.id, c);
        return send(200, { payload: { contact: contactJson(c), contact_inbox: { inbox: account.inboxes.get(inboxId), source_id: c.sourceIds.get(inboxId) } } });
      }
      if (req.method === "GET" && rest === "/contacts/search") {
        const q = (url.searchParams.get("q") ?? "").toLowerCase();
        const found = [...contacts.values()].filter((c) => c.accountId === accountId && q && [c.name, c.email, c.phone_number, c.identifier].some((v) => v?.toLowerCase().includes(q)));
        return send(200, { meta: { count: found.length, current_page: 1 }, payload: found.map(contactJson) });
      }
      if (req.method === "POST" && (r = /^\/contacts\/(\d+)\/contact_inboxes$/.exec(rest))) {
        const c = contacts.get(Number(r[1]));
        const inboxId = Number(body.inbox_id);
        if (!c || c.accountId !== accountId || !account.inboxes.has(inboxId)) return send(404, { error: "Resource could not be found" });
        if (!c.sourceIds.has(inboxId)) c.sourceIds.set(inboxId, randomUUID());
        c.inboxes.add(inboxId);
        return send(200, { source_id: c.sourceIds.get(inboxId), inbox: account.inboxes.get(inboxId) });
      }
      if (req.method === "POST" && rest === "/conversations") {
        const c = contacts.get(Number(body.contact_id));
        const inboxId = Number(body.inbox_id);
        if (!c || c.accountId !== accountId || c.sourceIds.get(inboxId) !== body.source_id) return send(422, { error: "Contact inbox is invalid" });
        const cv: CwConversation = { id: nextId++, accountId, inboxId, contactId: c.id, sourceId: String(body.source_id), additional_attributes: (body.additional_attributes as Record<string, unknown>) ?? {}, messages: [] };
        conversations.set(`${accountId}:${cv.id}`, cv);
        return send(200, convJson(cv));
      }
      if (req.method === "POST" && (r = /^\/conversations\/(\d+)\/messages$/.exec(rest))) {
        const cv = conversations.get(`${accountId}:${r[1]}`);
        if (!cv) return send(404, { error: "Resource could not be found" });
        const type = (body.message_type as string) ?? "outgoing";
        if (type === "incoming" && account.inboxes.get(cv.inboxId)?.channel_type !== "Channel::Api") return send(422, { error: "Incoming messages are only allowed in Api inboxes" });
        const contact = contacts.get(cv.contactId)!;
        const msg = addMessage(cv, { content: String(body.content ?? ""), message_type: type === "incoming" ? "incoming" : "outgoing", private: body.private === true, sender: type === "incoming" ? { id: contact.id, name: contact.name ?? "", type: "contact" } : { id: 1, name: "Token do Vendaflow", type: "user" } });
        return send(200, msgJson(msg, cv));
      }
      send(404, { error: "Resource could not be found" });
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl,
    requests,
    deliveries,
    /** An account with its user's access token and an API inbox (plus a website inbox, to refuse). */
    account() {
      const id = nextId++;
      const token = randomUUID().replace(/-/g, "").slice(0, 24);
      const apiInbox = { id: nextId++, name: "Vendaflow", channel_type: "Channel::Api" };
      const webInbox = { id: nextId++, name: "Site", channel_type: "Channel::WebWidget" };
      accounts.set(id, { token, inboxes: new Map([[apiInbox.id, apiInbox], [webInbox.id, webInbox]]) });
      return { id, token, inboxId: apiInbox.id, webInboxId: webInbox.id };
    },
    /** Where Chatwoot POSTs its webhooks (an account webhook's URL), reached at 127.0.0.1:port with the URL's Host. */
    subscribe(url: string, port: number) {
      webhook = { url: new URL(url), port };
    },
    conversationOf(accountId: number, predicate: (cv: CwConversation) => boolean) {
      return [...conversations.values()].find((cv) => cv.accountId === accountId && predicate(cv));
    },
    contact: (id: number) => contacts.get(id),
    /** An agent answers in the conversation: stored, then delivered as the webhook (awaited). */
    async agentReplies(accountId: number, conversationId: number, content: string, opts: { private?: boolean } = {}) {
      const cv = conversations.get(`${accountId}:${conversationId}`)!;
      const msg = { id: nextId++, conversationId, content, message_type: "outgoing" as const, private: opts.private ?? false, sender: { id: 7, name: "Ana Agente", type: "user" as const } };
      cv.messages.push(msg);
      const payload = webhookPayload(msg, cv);
      return { message: msg, payload, delivery: await deliver(payload) };
    },
    /** Sends a payload as the webhook again (Chatwoot retries, or a replay). */
    redeliver: (payload: Record<string, unknown>) => deliver(payload),
    /** The next requests answer these statuses (e.g. 500, 503). */
    failNext: (...statuses: number[]) => void (failures = statuses),
    setDown: (v: boolean) => void (down = v),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
export type ChatwootStandIn = Awaited<ReturnType<typeof startChatwootStandIn>>;
