import { randomInt } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signMetaBody } from "@vendaflow/connectors/whatsapp/verify-signature";
import { TEST_KEYS } from "../support/app-env";
import { graphAppSuite, type GraphApp } from "../support/graph-app";
import { signedInClients } from "../support/sessions";
import { connectWhatsAppNumber, owner, type FixtureTenant } from "../support/fixtures";
import { request } from "../support/http";
import * as wa from "../support/whatsapp-payloads";
import { issueSignupCode, type GraphRequest, type GraphStandIn } from "../stand-ins/graph-api";
import { WA_DISCONNECTED_TEXT } from "@vendaflow/validators/plain/whatsapp-account";
import { eventually } from "../support/eventually";

// A number connected through Embedded Signup is called with the business token the signup
// obtained (Meta's guidance for Tech Providers), not the platform's: the Graph stand-in, like Meta,
// answers only that token for a WABA onboarded that way. A revoked business token is Meta's 190 on
// the message and in "Testar conexão", never retried with the platform's token; it marks the inbox
// disconnected (token_revoked, audited once) until a new signup reconnects it, whichever call met it
// (a send, "Testar conexão", templates sync, a media download, read receipts). Transient errors mark nothing.

let graph: GraphStandIn;
let app: GraphApp["app"];
let a: FixtureTenant;
const as = signedInClients(() => app);
const newNumber = () => `55119${randomInt(10_000_000, 99_999_999)}`;
const PLATFORM = `Bearer ${TEST_KEYS.waAccessToken}`;

function post(body: unknown) {
  const raw = JSON.stringify(body);
  return request(app.port, app.rootDomain, "POST", "/api/whatsapp", { headers: { "content-type": "application/json", "x-hub-signature-256": signMetaBody(raw, TEST_KEYS.waAppSecret) }, body: raw });
}
/** A number connected by signup in its own WABA: the inbox, and the business token the stand-in issued. */
async function signedUp(templates = false) {
  const phone = String(randomInt(1e12, 9e12));
  const waba = String(randomInt(1e12, 9e12));
  if (templates) graph.setTemplates(waba, [{ id: "7001", name: "boas_vindas", language: "pt_BR", status: "APPROVED", category: "UTILITY", components: [{ type: "BODY", text: "Olá {{1}}" }] }]);
  const r = await connectWhatsAppNumber(await as(a), graph.baseUrl, { phoneNumberId: phone, wabaId: waba });
  expect(r.error).toBeNull();
  const [token] = graph.businessTokensOf(waba);
  return { id: r.data!.inbox.id, phone, waba, auth: `Bearer ${token}`, token: token! };
}
const templatesOf = (waba: string) => (q: GraphRequest) => q.path.startsWith(`/v25.0/${waba}/message_templates`);
const forNumber = (phone: string) => (q: GraphRequest) => q.path.includes(`/${phone}/`) || q.path.includes(`/${phone}?`);
const q = async (sql: string, params: unknown[]) => (await owner().query(sql, params)).rows;
const disconnected = async (inboxId: string) => (await q("select settings->'waDisconnected' as d from inboxes where id = $1", [inboxId]))[0].d as { reason: string } | null;
const revokedAudits = (inboxId: string) => q("select before, after from audit_logs where entity_id = $1 and action = 'whatsapp.token_revoked'", [inboxId]);
const messagesTo = (phone: string) => graph.requests.filter((r) => r.path.endsWith(`/${phone}/messages`) && (r.body as { status?: string }).status !== "read").length;
/** The lead writes; resolves with the bot's reply row once its delivery is recorded. */
async function leadWrites(phone: string) {
  const n = newNumber();
  expect((await post(wa.webhook(wa.messageChange(phone, [wa.text(n, "oi")], [{ wa_id: n, name: "Lia" }])))).status).toBe(200);
  const { rows } = await eventually(
    () => owner().query("select m.delivery_status, m.delivery_error from messages m join conversations c on c.id = m.conversation_id join leads l on l.id = c.lead_id where l.tenant_id = $1 and l.wa_id = $2 and m.sender = 'bot'", [a.id, n]),
    (r) => r.rows.length > 0 && r.rows[0].delivery_status !== "pending",
  );
  return { n, reply: rows[0] as { delivery_status: string; delivery_error: { code: unknown; title: string } | null } };
}

graphAppSuite((s) => ({ graph, app, a } = s));

describe("WhatsApp on the platform app: the business token", () => {
  it("replies, read receipts, templates sync and the connection check use the number's business token; the platform's is refused there", async () => {
    const inbox = await signedUp(true);
    const { n, reply } = await leadWrites(inbox.phone);
    expect(reply.delivery_status).toBe("sent");
    const sent = graph.requests.filter((q) => q.path.endsWith(`/${inbox.phone}/messages`) && (q.body as { to?: string }).to === n);
    expect(sent.length).toBeGreaterThan(0);
    const reads = await eventually(() => Promise.resolve(graph.reads.filter(forNumber(inbox.phone))), (r) => r.length > 0);
    const synced = await (await as(a)).trpc<{ name: string }[]>("mutation", "whatsapp.syncTemplates", { inboxId: inbox.id });
    expect(synced.error).toBeNull();
    expect(synced.data!.map((t) => t.name)).toContain("boas_vindas");
    const check = await (await as(a)).trpc<{ ok: boolean }>("mutation", "whatsapp.checkConnection", { inboxId: inbox.id });
    expect(check.data).toMatchObject({ ok: true });
    const templatesCall = graph.requests.filter((q) => q.path.startsWith(`/v25.0/${inbox.waba}/message_templates`));
    // Every call for this number and WABA since the signup carried the business token, none the platform's.
    for (const q of [...sent, ...reads, ...templatesCall, ...graph.requests.filter(forNumber(inbox.phone))]) expect(q.headers.authorization).toBe(inbox.auth);
    expect(templatesCall.length).toBeGreaterThan(0);
    // The stand-in is as strict as Meta: the platform's token cannot send for this number.
    const refused = await fetch(`${graph.baseUrl}/v25.0/${inbox.phone}/messages`, { method: "POST", headers: { authorization: PLATFORM, "content-type": "application/json" }, body: JSON.stringify({ messaging_product: "whatsapp", to: n, type: "text", text: { body: "x" } }) });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { code: number } }).error.code).toBe(100);
  });

  it("a revoked business token: the reply fails with Meta's 190, Testar conexão says the token, and the platform's token is never tried", async () => {
    const inbox = await signedUp();
    graph.revokeToken(inbox.token);
    const before = graph.requests.length;
    const { reply } = await leadWrites(inbox.phone);
    expect(reply.delivery_status).toBe("failed");
    expect(reply.delivery_error?.code).toBe(190);
    const check = await (await as(a)).trpc<{ ok: false; problem: string; detail: string }>("mutation", "whatsapp.checkConnection", { inboxId: inbox.id });
    expect(check.data).toMatchObject({ ok: false, problem: "token" });
    const later = graph.requests.slice(before).filter(forNumber(inbox.phone));
    expect(later.length).toBeGreaterThan(0);
    expect(later.every((q) => q.headers.authorization === inbox.auth)).toBe(true);
  });

  it("Meta's 190 on a send marks the inbox disconnected (token_revoked), audited once; later replies are not attempted; a new signup lifts it", async () => {
    const inbox = await signedUp();
    graph.revokeToken(inbox.token);
    expect((await leadWrites(inbox.phone)).reply.delivery_error?.code).toBe(190);
    expect(await disconnected(inbox.id)).toMatchObject({ reason: "token_revoked" });
    expect(await revokedAudits(inbox.id)).toMatchObject([{ before: { waDisconnected: null }, after: { waDisconnected: { reason: "token_revoked" } } }]);
    // The card reads it from inboxes.list, with the reconnect offered (WA_RECONNECT_REASONS).
    const list = await (await as(a)).trpc<{ id: string; settings: { waDisconnected?: { reason: string } } }[]>("query", "inboxes.list");
    expect(list.data!.find((i) => i.id === inbox.id)!.settings.waDisconnected).toMatchObject({ reason: "token_revoked" });

    // Another lead: nothing goes to Meta, the delivery error says why in pt-BR; "Testar conexão" does not audit again.
    const sentBefore = messagesTo(inbox.phone);
    const { reply } = await leadWrites(inbox.phone);
    expect(reply).toMatchObject({ delivery_status: "failed", delivery_error: { code: "disconnected", title: WA_DISCONNECTED_TEXT.token_revoked } });
    expect(messagesTo(inbox.phone)).toBe(sentBefore);
    expect((await (await as(a)).trpc<{ problem: string }>("mutation", "whatsapp.checkConnection", { inboxId: inbox.id })).data).toMatchObject({ ok: false, problem: "token" });
    expect(await revokedAudits(inbox.id)).toHaveLength(1);

    // The reconnect (the same Embedded Signup) gives a new business token and lifts it.
    const r = await (await as(a)).trpc<{ inbox: { id: string } }>("mutation", "whatsapp.completeSignup", { name: "WhatsApp", code: await issueSignupCode(graph.baseUrl, inbox.waba), phoneNumberId: inbox.phone, wabaId: inbox.waba });
    expect(r.error).toBeNull();
    expect(r.data!.inbox.id).toBe(inbox.id);
    expect(await disconnected(inbox.id)).toBeNull();
    expect((await leadWrites(inbox.phone)).reply.delivery_status).toBe("sent");
  });

  it("\"Testar conexão\" alone finds the revoked token and marks it, once", async () => {
    const inbox = await signedUp();
    graph.revokeToken(inbox.token);
    for (let i = 0; i < 2; i++) expect((await (await as(a)).trpc<{ problem: string }>("mutation", "whatsapp.checkConnection", { inboxId: inbox.id })).data).toMatchObject({ ok: false, problem: "token" });
    expect(await disconnected(inbox.id)).toMatchObject({ reason: "token_revoked" });
    expect(await revokedAudits(inbox.id)).toHaveLength(1);
  });

  it("transient failures (Meta's 5xx, no answer) and other refusals mark nothing", async () => {
    const inbox = await signedUp();
    const toNumber = (r: GraphRequest) => forNumber(inbox.phone)(r);
    graph.failNext(2, 503, toNumber);
    expect((await (await as(a)).trpc<{ problem: string }>("mutation", "whatsapp.checkConnection", { inboxId: inbox.id })).data).toMatchObject({ ok: false });
    graph.dropNext(toNumber);
    expect((await (await as(a)).trpc<{ problem: string }>("mutation", "whatsapp.checkConnection", { inboxId: inbox.id })).data).toMatchObject({ ok: false, problem: "unreachable" });
    graph.failNext(100, 400, toNumber);
    expect((await (await as(a)).trpc<{ problem: string }>("mutation", "whatsapp.checkConnection", { inboxId: inbox.id })).data).toMatchObject({ ok: false, problem: "number" });
    const sendOnly = (r: GraphRequest) => r.path.endsWith(`/${inbox.phone}/messages`) && (r.body as { status?: string }).status !== "read";
    graph.failNext(131000, 500, sendOnly);
    const { n } = await leadWrites(inbox.phone);
    const failed = await eventually(
      () => q("select m.delivery_error from messages m join conversations c on c.id = m.conversation_id join leads l on l.id = c.lead_id where l.tenant_id = $1 and l.wa_id = $2 and m.delivery_status = 'failed'", [a.id, n]),
      (rows) => rows.length > 0,
    );
    expect(failed[0].delivery_error.code).toBe(131000);
    expect(await disconnected(inbox.id)).toBeNull();
    expect(await revokedAudits(inbox.id)).toEqual([]);
  });

  it("template sync: Meta's 190 marks the inbox, once, though the sync itself fails; a 5xx does not", async () => {
    const inbox = await signedUp(true);
    const sync = async () => (await as(a)).trpc("mutation", "whatsapp.syncTemplates", { inboxId: inbox.id });
    graph.failNext(2, 503, templatesOf(inbox.waba));
    expect((await sync()).error).not.toBeNull();
    expect(await disconnected(inbox.id)).toBeNull();
    graph.revokeToken(inbox.token);
    for (let i = 0; i < 2; i++) expect((await sync()).error).not.toBeNull();
    expect(await disconnected(inbox.id)).toMatchObject({ reason: "token_revoked" });
    expect(await revokedAudits(inbox.id)).toHaveLength(1);
  });

  it("a lead's file: Meta's 190 on its download marks the inbox (the download fails, to be retried); a 5xx does not", async () => {
    const inbox = await signedUp();
    const fileSent = async (code: number) => {
      const mediaId = graph.addMedia(Buffer.from("jpeg"), "image/jpeg");
      const n = newNumber();
      graph.failNext(code, code === 190 ? 401 : 503, (r) => r.method === "GET" && r.path.includes(`/${mediaId}`));
      expect((await post(wa.webhook(wa.messageChange(inbox.phone, [wa.media(n, "image", { id: mediaId })], [{ wa_id: n, name: "Lia" }])))).status).toBe(200);
      await eventually(
        () => q("select mo.status from media_objects mo join messages m on m.id = mo.message_id join conversations c on c.id = m.conversation_id join leads l on l.id = c.lead_id where l.tenant_id = $1 and l.wa_id = $2", [a.id, n]),
        (rows) => rows[0]?.status === "failed",
      );
    };
    await fileSent(2);
    expect(await disconnected(inbox.id)).toBeNull();
    await fileSent(190);
    expect(await eventually(() => disconnected(inbox.id), (d) => d !== null)).toMatchObject({ reason: "token_revoked" });
    expect(await revokedAudits(inbox.id)).toHaveLength(1);
  });

  it("read receipts: Meta's 190 on the blue ticks marks the inbox; a 5xx does not", async () => {
    const inbox = await signedUp();
    const readOf = (r: GraphRequest) => forNumber(inbox.phone)(r) && (r.body as { status?: string }).status === "read";
    graph.failNext(2, 503, readOf);
    await leadWrites(inbox.phone);
    expect(await disconnected(inbox.id)).toBeNull();
    graph.failNext(190, 401, readOf);
    await leadWrites(inbox.phone);
    expect(await eventually(() => disconnected(inbox.id), (d) => d !== null)).toMatchObject({ reason: "token_revoked" });
    expect(await revokedAudits(inbox.id)).toHaveLength(1);
  });
});
