import { HelpdeskRefusedError, type Helpdesk, type HelpdeskAccount } from "@vendaflow/core/ports/helpdesk";
import { jsonOrNull, OutboundBlockedError, safeFetch, type OutboundPolicy } from "../http/safe-fetch";

/**
 * Chatwoot's Application API (https://developers.chatwoot.com/api-reference): JSON over HTTPS with
 * the user's `api_access_token` header, against the tenant's own installation (or
 * app.chatwoot.com), so every call leaves through the SSRF guard (bounded, no redirects followed).
 * There is no official Node SDK for the Application API; the few calls are plain requests.
 */
export function chatwootHelpdesk(opts: { policy?: OutboundPolicy; timeoutMs?: number } = {}): Helpdesk {
  const policy = opts.policy ?? {};
  const timeoutMs = opts.timeoutMs ?? 10_000;

  async function call<T>(a: HelpdeskAccount, method: "GET" | "POST", path: string, body?: unknown, accept: number[] = []): Promise<{ status: number; json: T }> {
    const url = `${a.baseUrl.replace(/\/+$/, "")}/api/v1/accounts/${a.accountId}${path}`;
    let res;
    try {
      res = await safeFetch(
        url,
        {
          method,
          headers: { api_access_token: a.apiToken, accept: "application/json", "user-agent": "Vendaflow-Chatwoot/1", ...(body === undefined ? {} : { "content-type": "application/json" }) },
          body: body === undefined ? undefined : JSON.stringify(body),
          timeoutMs,
          maxBytes: 1024 * 1024,
          maxRedirects: 0,
        },
        policy,
      );
    } catch (err) {
      // A refused destination (private address, bad scheme) will be refused again: the admin's to fix.
      if (err instanceof OutboundBlockedError) throw new HelpdeskRefusedError(err.message);
      throw err;
    }
    const text = res.body.toString("utf8");
    const json = jsonOrNull(text);
    if (accept.includes(res.status) || (res.status >= 200 && res.status < 300)) return { status: res.status, json: json as T };
    const detail = text.slice(0, 200);
    if (res.status === 401 || res.status === 403) throw new HelpdeskRefusedError(`O Chatwoot recusou o token de acesso (${res.status}).`);
    if (res.status === 404) throw new HelpdeskRefusedError(`O Chatwoot não encontrou a conta ou a caixa de entrada (404 em ${path.split("?")[0]}).`);
    if (res.status >= 300 && res.status < 400) throw new HelpdeskRefusedError(`O Chatwoot redirecionou a chamada (${res.status}): confira a URL (https e sem caminho).`);
    if (res.status === 422 || res.status === 400) throw new HelpdeskRefusedError(`O Chatwoot recusou os dados (${res.status}: ${detail}).`);
    throw new Error(`O Chatwoot respondeu ${res.status}: ${detail}`);
  }

  const num = (v: unknown, what: string): number => {
    const n = typeof v === "string" ? Number(v) : v;
    if (typeof n !== "number" || !Number.isSafeInteger(n) || n <= 0) throw new Error(`Resposta do Chatwoot sem ${what}.`);
    return n;
  };

  type ContactRow = { id?: number; email?: string | null; phone_number?: string | null; identifier?: string | null };

  return {
    async inbox(a, inboxId) {
      const { json } = await call<{ id?: number; name?: string; channel_type?: string }>(a, "GET", `/inboxes/${inboxId}`);
      return { id: num(json?.id, "caixa de entrada"), name: String(json?.name ?? ""), channelType: String(json?.channel_type ?? "") };
    },

    async contact(a, inboxId, c) {
      const created = await call<{ payload?: { contact?: { id?: number }; contact_inbox?: { source_id?: string | null } } }>(
        a,
        "POST",
        "/contacts",
        { inbox_id: inboxId, identifier: c.identifier, ...(c.name ? { name: c.name } : {}), ...(c.email ? { email: c.email } : {}), ...(c.phone ? { phone_number: c.phone } : {}) },
        [422],
      );
      if (created.status !== 422) {
        const contactId = num(created.json?.payload?.contact?.id, "contato");
        const sourceId = created.json?.payload?.contact_inbox?.source_id;
        if (sourceId) return { contactId, sourceId: String(sourceId) };
        return { contactId, sourceId: await contactInbox(a, contactId, inboxId) };
      }
      // Taken (identifier, e-mail or phone): the contact exists already; find it and join it to the inbox.
      for (const q of [c.identifier, c.email, c.phone].filter((x): x is string => Boolean(x))) {
        const found = await call<{ payload?: ContactRow[] }>(a, "GET", `/contacts/search?q=${encodeURIComponent(q)}`);
        const row = (found.json?.payload ?? []).find((r) => r.identifier === c.identifier || (c.email && r.email?.toLowerCase() === c.email.toLowerCase()) || (c.phone && r.phone_number === c.phone));
        if (row?.id) return { contactId: num(row.id, "contato"), sourceId: await contactInbox(a, row.id, inboxId) };
      }
      throw new HelpdeskRefusedError("O Chatwoot recusou o contato e não foi possível encontrá-lo pela busca.");
    },

    async openConversation(a, inboxId, c) {
      const { json } = await call<{ id?: number }>(a, "POST", "/conversations", { source_id: c.sourceId, inbox_id: inboxId, contact_id: c.contactId, status: "open", additional_attributes: c.attributes });
      return { conversationId: num(json?.id, "conversa") };
    },

    async post(a, conversationId, m) {
      const { json } = await call<{ id?: number }>(a, "POST", `/conversations/${conversationId}/messages`, { content: m.content, message_type: m.incoming ? "incoming" : "outgoing", private: m.private });
      return { messageId: num(json?.id, "mensagem") };
    },
  };

  async function contactInbox(a: HelpdeskAccount, contactId: number, inboxId: number): Promise<string> {
    const { json } = await call<{ source_id?: string | null }>(a, "POST", `/contacts/${contactId}/contact_inboxes`, { inbox_id: inboxId });
    if (!json?.source_id) throw new Error("Resposta do Chatwoot sem source_id.");
    return String(json.source_id);
  }
}
