import { randomInt, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordInbound, type InboundMessage } from "@vendaflow/core/conversations/inbound";
import { insertWhatsAppLeadWithConversation } from "@vendaflow/core/conversations/sender-lookup";
import { withTenant } from "@vendaflow/db/with-tenant";
import { recordingDb } from "../support/recording-db";
import { closeOwner, createTenant, createWhatsAppInbox, env, owner, type FixtureTenant } from "../support/fixtures";

// A WhatsApp message's first statements (core/conversations/sender-lookup.ts): the inbound event
// rides the read of the sender's leads and their open conversations, and a sender nobody knows gets
// its lead and first conversation in one more statement. The pool records what reaches Postgres.

let a: FixtureTenant;
let b: FixtureTenant;
let inboxA: string;
let inboxB: string;
const { db, sent } = recordingDb(env().appUrl, 1);

const inboxOf = async (phoneNumberId: string) => (await owner().query<{ id: string }>("select id from inboxes where wa_phone_number_id = $1", [phoneNumberId])).rows[0]!.id;

beforeAll(async () => {
  a = await createTenant();
  b = await createTenant();
  inboxA = await inboxOf(await createWhatsAppInbox(await a.loginAs("admin"), env().graphUrl));
  inboxB = await inboxOf(await createWhatsAppInbox(await b.loginAs("admin"), env().graphUrl));
});
afterAll(async () => {
  await db.destroy();
  await closeOwner();
});

const waNumber = () => `55119${randomInt(10_000_000, 99_999_999)}`;

function message(tenantId: string, inboxId: string, waId: string, text: string, eventId = `wamid.${randomUUID()}`): InboundMessage {
  return { tenantId, inboxId, who: { kind: "whatsapp", waId, profileName: "Lia Prado" }, provider: "whatsapp", providerEventId: eventId, contentType: "text", text, payload: {}, input: { kind: "text", text }, at: new Date() };
}

/** What reached Postgres during fn, one line each, whitespace folded. */
async function statementsOf<T>(fn: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  sent.length = 0;
  const result = await fn();
  return { result, statements: sent.map((s) => s.replace(/\s+/g, " ")) };
}

const rowsOf = async (tenantId: string, waId: string) =>
  (
    await owner().query<{ lead_id: string; conversations: number; status: string | null; events: number }>(
      `select l.id as lead_id, (select count(*)::int from conversations c where c.lead_id = l.id) as conversations,
              (select c.status from conversations c where c.lead_id = l.id order by c.created_at desc limit 1) as status,
              (select count(*)::int from inbound_events e join conversations c on c.id = e.conversation_id where c.lead_id = l.id) as events
         from leads l where l.tenant_id = $1 and l.wa_id = $2`,
      [tenantId, waId],
    )
  ).rows;

describe("a WhatsApp message's sender", () => {
  it("a new sender: the event rides the read of the sender, the lead and its conversation are one statement", async () => {
    const waId = waNumber();
    const { result, statements } = await statementsOf(() => recordInbound({ db }, message(a.id, inboxA, waId, "oi")));
    expect(result.duplicate).toBe(false);
    const read = statements.filter((s) => s.includes('insert into "inbound_events"'));
    expect(read).toHaveLength(1);
    expect(read[0]).toContain('from "leads"');
    expect(read[0]).toContain('from "conversations"');
    const inserts = statements.filter((s) => s.includes('insert into "leads"') || s.includes('insert into "conversations"'));
    expect(inserts).toHaveLength(1);
    expect(inserts[0]).toMatch(/insert into "leads".*insert into "conversations"/);
    const rows = await rowsOf(a.id, waId);
    expect(rows).toEqual([{ lead_id: expect.any(String), conversations: 1, status: "bot", events: 1 }]);
    const conv = await owner().query("select last_inbound_at, flow_id from conversations where id = $1", [result.conversationId]);
    expect(conv.rows[0].flow_id).not.toBeNull();
    expect(conv.rows[0].last_inbound_at).not.toBeNull();
  });

  it("a known sender: the open conversation comes with that read, nothing else looks it up", async () => {
    const waId = waNumber();
    const first = await recordInbound({ db }, message(a.id, inboxA, waId, "oi"));
    const { result, statements } = await statementsOf(() => recordInbound({ db }, message(a.id, inboxA, waId, "Lia Prado")));
    expect(result.conversationId).toBe(first.conversationId);
    expect(statements.filter((s) => /^select .* from "conversations"/.test(s))).toEqual([]);
    expect(statements.filter((s) => s.includes('insert into "leads"') || s.includes('insert into "conversations"'))).toEqual([]);
    expect(await rowsOf(a.id, waId)).toEqual([{ lead_id: expect.any(String), conversations: 1, status: "bot", events: 2 }]);
  });

  it("a duplicate delivery changes nothing and answers the first one's message", async () => {
    const waId = waNumber();
    const m = message(a.id, inboxA, waId, "oi");
    const first = await recordInbound({ db }, m);
    const again = await recordInbound({ db }, { ...m, at: new Date() });
    expect(again).toMatchObject({ duplicate: true, conversationId: first.conversationId, messageId: first.messageId, seq: first.seq });
    expect(await rowsOf(a.id, waId)).toEqual([{ lead_id: expect.any(String), conversations: 1, status: "bot", events: 1 }]);
    const messages = await owner().query("select count(*)::int as n from messages where conversation_id = $1", [first.conversationId]);
    expect(messages.rows[0].n).toBe(1);
  });

  it("another tenant's lead with the same number is neither found nor touched", async () => {
    const waId = waNumber();
    const inB = await recordInbound({ db }, message(b.id, inboxB, waId, "oi"));
    const inA = await recordInbound({ db }, message(a.id, inboxA, waId, "oi"));
    expect(inA.conversationId).not.toBe(inB.conversationId);
    const [leadA] = await rowsOf(a.id, waId);
    const [leadB] = await rowsOf(b.id, waId);
    expect(leadA!.lead_id).not.toBe(leadB!.lead_id);
    expect(leadB).toMatchObject({ conversations: 1, events: 1 });
  });

  it("an opted-out sender with no open conversation reaches people: a new conversation held for them", async () => {
    const waId = waNumber();
    const first = await recordInbound({ db }, message(a.id, inboxA, waId, "oi"));
    await owner().query("update conversations set status = 'resolved' where id = $1", [first.conversationId]);
    await owner().query("update leads set opted_out_at = now() where tenant_id = $1 and wa_id = $2", [a.id, waId]);
    const next = await recordInbound({ db }, message(a.id, inboxA, waId, "voltei"));
    expect(next.conversationId).not.toBe(first.conversationId);
    const conv = await owner().query("select status from conversations where id = $1", [next.conversationId]);
    expect(conv.rows[0].status).toBe("pending");
  });

  it("when the lead exists already (a concurrent first message), the one-statement insert adds neither lead nor conversation", async () => {
    const waId = waNumber();
    await recordInbound({ db }, message(a.id, inboxA, waId, "oi"));
    const flow = (await owner().query<{ flow_id: string }>("select flow_id from conversations c join leads l on l.id = c.lead_id where l.tenant_id = $1 and l.wa_id = $2", [a.id, waId])).rows[0]!.flow_id;
    const m = message(a.id, inboxA, waId, "de novo");
    const inserted = await withTenant(db, a.id, (tx) => insertWhatsAppLeadWithConversation(tx, m, { waId, profileName: "Lia Prado" }, flow));
    expect(inserted).toBeNull();
    expect(await rowsOf(a.id, waId)).toEqual([{ lead_id: expect.any(String), conversations: 1, status: "bot", events: 1 }]);
  });
});
