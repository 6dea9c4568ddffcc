import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signMetaBody } from "@vendaflow/connectors/whatsapp/verify-signature";
import { TEST_KEYS } from "../support/app-env";
import { startAppServer } from "../support/app-server";
import { signedInClients } from "../support/sessions";
import { closeOwner, createTenant, createWhatsAppInbox, type FixtureTenant, owner } from "../support/fixtures";
import { Client, request } from "../support/http";
import * as wa from "../support/whatsapp-payloads";
import { startGraphStandIn, type GraphStandIn } from "../stand-ins/graph-api";
import { eventually } from "../support/eventually";

// Issue 15, item 6: a contact card a lead sends on WhatsApp is kept with its content, and an agent
// adds it to the CRM from the conversation ("Adicionar ao lead"): completing this lead's empty
// fields, or making a new lead for the person on the card. Through tRPC as the app's users, RLS on.

let graph: GraphStandIn;
let app: Awaited<ReturnType<typeof startAppServer>>;
let a: FixtureTenant;
let b: FixtureTenant;
let phoneA: string;
let phoneB: string;
const userOf = signedInClients(() => app);
const q = async (sql: string, params: unknown[]) => (await owner().query(sql, params)).rows;
const newPhone = () => `55119${randomInt(10_000_000, 99_999_999)}`;
function post(body: unknown) {
  const raw = JSON.stringify(body);
  return request(app.port, app.rootDomain, "POST", "/api/whatsapp", { headers: { "content-type": "application/json", "x-hub-signature-256": signMetaBody(raw, TEST_KEYS.waAppSecret) }, body: raw });
}

/** A third person's card, as WhatsApp sends it (vCard fields). */
function cardOf(p: { name: string; phone?: string; waId?: string; email?: string; company?: string }) {
  return {
    name: { formatted_name: p.name, first_name: p.name.split(" ")[0] },
    ...(p.phone || p.waId ? { phones: [{ phone: p.phone, wa_id: p.waId, type: "CELL" }] } : {}),
    ...(p.email ? { emails: [{ email: p.email, type: "WORK" }] } : {}),
    ...(p.company ? { org: { company: p.company } } : {}),
  };
}
/** The lead (without a name or e-mail yet) sends cards; resolves with the stored message. */
async function leadSendsCards(phoneNumberId: string, cards: ReturnType<typeof cardOf>[], profileName = "") {
  const phone = newPhone();
  const msg = { from: phone, id: wa.wamid(), timestamp: String(Math.floor(Date.now() / 1000)), type: "contacts", contacts: cards };
  expect((await post(wa.webhook(wa.messageChange(phoneNumberId, [msg], profileName ? [{ wa_id: phone, name: profileName }] : [])))).status).toBe(200);
  const [row] = await eventually(() => q("select m.id, m.payload, m.content_type, c.lead_id, c.id as conversation_id from messages m join conversations c on c.id = m.conversation_id where m.provider_message_id = $1", [msg.id]), (r) => r.length > 0);
  return row as { id: string; payload: { contacts: unknown[] }; content_type: string; lead_id: string; conversation_id: string };
}
const add = async (c: Client, input: Record<string, unknown>) => c.trpc<{ leadId: string; created: boolean; existing: boolean; filled: string[]; kept: string[] }>("mutation", "agent.addContactCard", input);
const lead = async (id: string) => (await q("select name, email, phone, wa_id, source, source_details, tenant_id from leads where id = $1", [id]))[0];

beforeAll(async () => {
  graph = await startGraphStandIn({ accessToken: TEST_KEYS.waAccessToken });
  app = await startAppServer({ WHATSAPP_GRAPH_BASE_URL: graph.baseUrl });
  a = await createTenant();
  b = await createTenant();
  phoneA = await createWhatsAppInbox(await userOf(a), graph.baseUrl);
  phoneB = await createWhatsAppInbox(await userOf(b), graph.baseUrl);
});
afterAll(async () => {
  await app?.stop();
  await graph?.close();
  await closeOwner();
});

describe("contact cards → CRM", () => {
  it("is stored with its content and shown to agents", async () => {
    const m = await leadSendsCards(phoneA, [cardOf({ name: "Beatriz Lima", phone: "+55 11 98888-7777", waId: "5511988887777", email: "Bia@Empresa.com.br", company: "Empresa" })]);
    expect(m.content_type).toBe("contacts");
    expect(m.payload.contacts).toEqual([{ name: "Beatriz Lima", phones: [{ phone: "+55 11 98888-7777", waId: "5511988887777", type: "CELL" }], emails: [{ email: "Bia@Empresa.com.br", type: "WORK" }], company: "Empresa" }]);
    const detail = await (await userOf(a, "agent")).trpc<{ messages: { id: string; payload: unknown }[] }>("query", "conversations.get", { conversationId: m.conversation_id });
    expect(detail.data!.messages.find((x) => x.id === m.id)?.payload).toMatchObject({ contacts: [{ name: "Beatriz Lima" }] });
  });

  it("complete: fills only this lead's empty fields (normalised phone, lower-cased e-mail), never overwrites, audited", async () => {
    const m = await leadSendsCards(phoneA, [cardOf({ name: "Carla Dias", phone: "(21) 97777-1234", email: "Carla@Exemplo.com" })], "Perfil do WhatsApp");
    const before = await lead(m.lead_id);
    expect(before.name).toBe("Perfil do WhatsApp");
    const r = await add(await userOf(a, "agent"), { messageId: m.id, card: 0, mode: "complete", name: true, phone: 0, email: 0 });
    expect(r.error).toBeNull();
    // Name and phone were there already (WhatsApp profile and number): kept; the e-mail was empty.
    expect(r.data).toEqual({ leadId: m.lead_id, created: false, existing: false, filled: ["email"], kept: ["name", "phone"] });
    expect(await lead(m.lead_id)).toMatchObject({ name: "Perfil do WhatsApp", email: "carla@exemplo.com", phone: before.phone });
    // Both rows come from one transaction, often in the same millisecond: compare by action, not by order.
    const audits = await q("select action, after, actor_user_id from audit_logs where tenant_id = $1 and entity_id = $2 order by action", [a.id, m.lead_id]);
    expect(audits.map((x) => x.action)).toEqual(["lead.contact_card", "lead.update"]);
    expect(audits[1].actor_user_id).toBe(a.users.agent.id);
    expect(audits[0].after).toMatchObject({ messageId: m.id, mode: "complete", filled: ["email"], kept: ["name", "phone"] });
    // Again: nothing left to fill, nothing written, no new audit row.
    expect((await add(await userOf(a, "agent"), { messageId: m.id, card: 0, mode: "complete", name: true, phone: 0, email: 0 })).data).toMatchObject({ filled: [], kept: ["name", "phone"] });
    expect((await q("select count(*)::int as n from audit_logs where entity_id = $1", [m.lead_id]))[0].n).toBe(2);
  });

  it("create: a new lead for the person on the card (E.164 phone, WhatsApp id, source manual), once however often it is clicked", async () => {
    const waId = `55219${randomInt(10_000_000, 99_999_999)}`;
    const m = await leadSendsCards(phoneA, [cardOf({ name: "Diego Rocha", phone: `+${waId.slice(0, 2)} (${waId.slice(2, 4)}) ${waId.slice(4, 9)}-${waId.slice(9)}`, waId, email: `diego.${waId}@exemplo.com` })]);
    const agent = await userOf(a, "agent");
    const input = { messageId: m.id, card: 0, mode: "create", name: true, phone: 0, email: 0 };
    // Two clicks at once: the message row lock makes the second wait and find the first's lead.
    const [r1, r2] = await Promise.all([add(agent, input), add(agent, input)]);
    expect(r1.error).toBeNull();
    expect(r2.error).toBeNull();
    expect(r1.data!.leadId).toBe(r2.data!.leadId);
    expect([r1.data!.created, r2.data!.created].sort()).toEqual([false, true]);
    const created = await lead(r1.data!.leadId);
    expect(created).toMatchObject({ tenant_id: a.id, name: "Diego Rocha", phone: `+${waId}`, wa_id: waId, email: `diego.${waId}@exemplo.com`, source: "manual", source_details: { via: "contact_card", fromLeadId: m.lead_id, messageId: m.id } });
    expect((await q("select count(*)::int as n from leads where tenant_id = $1 and wa_id = $2", [a.id, waId]))[0].n).toBe(1);
    expect((await q("select payload->'cardLeads' as cl from messages where id = $1", [m.id]))[0].cl).toEqual({ "0": r1.data!.leadId });
    expect((await q("select action from audit_logs where entity_id = $1 order by action", [r1.data!.leadId])).map((x) => x.action)).toEqual(["lead.contact_card", "lead.create"]);
    // When that person writes on WhatsApp, they are the same lead (the card's WhatsApp id).
    expect((await post(wa.webhook(wa.messageChange(phoneA, [wa.text(waId, "oi, a Bia me passou seu contato")], [{ wa_id: waId, name: "Diego" }])))).status).toBe(200);
    const [conv] = await eventually(() => q("select lead_id from conversations c join leads l on l.id = c.lead_id where l.wa_id = $1 and c.tenant_id = $2", [waId, a.id]), (r) => r.length > 0);
    expect(conv.lead_id).toBe(r1.data!.leadId);
  });

  it("create: a person already in the CRM (the other spelling of a mobile) is returned, not duplicated", async () => {
    const num = randomInt(10_000_000, 99_999_999);
    const existing = (await q("insert into leads (tenant_id, source, name, phone) values ($1, 'manual', 'Eva Nunes', $2) returning id", [a.id, `+5531${num}`]))[0].id;
    // The card has the 9-digit mobile; the CRM has the old 8-digit spelling.
    const m = await leadSendsCards(phoneA, [cardOf({ name: "Eva", phone: `(31) 9${num}` })]);
    const r = await add(await userOf(a), { messageId: m.id, card: 0, mode: "create", name: true, phone: 0 });
    expect(r.data).toMatchObject({ leadId: existing, created: false, existing: true });
    expect((await q("select count(*)::int as n from leads where tenant_id = $1 and phone in ($2, $3)", [a.id, `+5531${num}`, `+55319${num}`]))[0].n).toBe(1);
  });

  it("refuses viewers, bad choices and messages that are not cards", async () => {
    const m = await leadSendsCards(phoneA, [cardOf({ name: "Fabio", phone: "ramal 30" })]);
    const viewer = await add(await userOf(a, "viewer"), { messageId: m.id, card: 0, mode: "create", name: true });
    expect(viewer.error?.data.code).toBe("FORBIDDEN");
    const badPhone = await add(await userOf(a), { messageId: m.id, card: 0, mode: "create", phone: 0 });
    expect(badPhone.error?.message).toMatch(/Telefone do cartão inválido/);
    expect((await add(await userOf(a), { messageId: m.id, card: 3, mode: "create", name: true })).error?.data.code).toBe("BAD_REQUEST");
    expect((await add(await userOf(a), { messageId: m.id, card: 0, mode: "create" })).error?.data.code).toBe("BAD_REQUEST");
    const [text] = await eventually(() => q("select id from messages where conversation_id = $1 and sender = 'bot' limit 1", [m.conversation_id]), (x) => x.length > 0);
    expect((await add(await userOf(a), { messageId: text.id, card: 0, mode: "create", name: true })).error?.message).toMatch(/não é um cartão/);
    expect((await q("select count(*)::int as n from leads where tenant_id = $1 and name = 'Fabio'", [a.id]))[0].n).toBe(0);
  });

  it("tenant B cannot read A's card nor add it (RLS: not found), and nothing is written in either tenant", async () => {
    const m = await leadSendsCards(phoneA, [cardOf({ name: "Gustavo Segredo", phone: "(11) 97654-3210", email: "gustavo@segredo.com" })]);
    const other = await userOf(b);
    const r = await add(other, { messageId: m.id, card: 0, mode: "create", name: true, phone: 0, email: 0 });
    expect(r.error?.data.code).toBe("NOT_FOUND");
    expect((await add(other, { messageId: m.id, card: 0, mode: "complete", email: 0 })).error?.data.code).toBe("NOT_FOUND");
    expect((await other.trpc("query", "conversations.get", { conversationId: m.conversation_id })).error).toBeTruthy();
    expect((await q("select count(*)::int as n from leads where name = 'Gustavo Segredo'", []))[0].n).toBe(0);
    expect((await q("select payload ? 'cardLeads' as has from messages where id = $1", [m.id]))[0].has).toBe(false);
    // B's own card works for B.
    const mb = await leadSendsCards(phoneB, [cardOf({ name: "Helena B", email: `helena.${randomInt(1e6, 9e6)}@b.com` })]);
    const rb = await add(other, { messageId: mb.id, card: 0, mode: "create", name: true, email: 0 });
    expect(rb.data).toMatchObject({ created: true });
    expect((await lead(rb.data!.leadId)).tenant_id).toBe(b.id);
  });
});
