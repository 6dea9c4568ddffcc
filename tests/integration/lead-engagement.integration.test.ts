import { randomInt, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordInbound } from "@vendaflow/core/conversations/inbound";
import { reply } from "@vendaflow/core/conversations/agent-actions";
import { senderKeys } from "@vendaflow/core/conversations/sender-locks";
import { recordEcho } from "@vendaflow/core/conversations/whatsapp-coexistence";
import { applyIdentityChange } from "@vendaflow/core/conversations/whatsapp-identity-change";
import { receiveChatwootEvent } from "@vendaflow/core/chatwoot/inbound";
import { mergeLeads } from "@vendaflow/core/crm/merge-leads";
import { afterCommit } from "@vendaflow/core/after-commit";
import { eraseSubject } from "@vendaflow/core/privacy/erase";
import { createDb } from "@vendaflow/db/create-db";
import { withTenant } from "@vendaflow/db/with-tenant";
import { sql } from "kysely";
import { recordingDb } from "../support/recording-db";
import { closeOwner, createTenant, env, owner, type FixtureTenant } from "../support/fixtures";
import { waiterOn } from "../support/lock-waits";

// The lead score's engagement kept on the lead (leads.engaged_messages / engaged_replies, migration
// 0163; core/crm/lead-score/engagement.ts): the statement that stores a lead's message counts it,
// so the score no longer reads every message of the lead. The counts must equal what the score
// read before (the window below, scoreInputs' old definition) after mixed conversations, across
// two conversations of one lead, after a merge, and for a lead with thousands of stored messages.

let a: FixtureTenant;
let webInboxes: string[];
const { db, sent } = recordingDb(env().appUrl, 1);
const q = async <T extends Record<string, unknown>>(text: string, params: unknown[] = []) => (await owner().query<T>(text, params)).rows;

beforeAll(async () => {
  a = await createTenant();
  webInboxes = [];
  for (const name of ["Site", "Loja"]) webInboxes.push((await q<{ id: string }>("insert into inboxes (tenant_id, name, channel) values ($1, $2, 'web') returning id", [a.id, name]))[0]!.id);
});
afterAll(async () => {
  await db.destroy();
  await closeOwner();
});

/** A visitor's message through the pipeline's own recording (receiveInbound's first step, storeMessage). */
const leadSays = (visitorId: string, inboxId: string, text: string) =>
  recordInbound({ db }, { tenantId: a.id, inboxId, who: { kind: "visitor", visitorId }, provider: "widget", providerEventId: randomUUID(), contentType: "text", text, payload: {}, input: { kind: "text", text }, at: new Date() });

/** Messages that are not the lead's, as their writers store them (none of them changes the counts). */
const stored = (conversationId: string, sender: "agent" | "bot" | "system", text: string, contentType = "text") =>
  q("insert into messages (tenant_id, conversation_id, sender, content_type, text) values ($1, $2, $3, $4, $5)", [a.id, conversationId, sender, contentType, text]);

/** What scoreInputs read before the counters: a window over every engaging message of the lead. */
async function windowed(leadId: string) {
  const [r] = await q<{ messages: number; replies: number }>(
    `select count(*) filter (where sender = 'lead')::int as messages, count(*) filter (where sender = 'lead' and prev = 'agent')::int as replies
       from (select m.sender, lag(m.sender) over (partition by m.conversation_id order by m.seq) as prev
               from messages m join conversations c on c.id = m.conversation_id
              where c.lead_id = $1 and m.sender in ('lead', 'agent') and m.content_type <> 'note') x`,
    [leadId],
  );
  return r!;
}

async function onLead(leadId: string) {
  const [r] = await q<{ messages: number; replies: number; facts: { kind: string; reason: string }[] }>("select engaged_messages as messages, engaged_replies as replies, score_facts as facts from leads where id = $1", [leadId]);
  return r!;
}

const leadOf = async (conversationId: string) => (await q<{ lead_id: string }>("select lead_id from conversations where id = $1", [conversationId]))[0]!.lead_id;
const reasonOf = (facts: { kind: string; reason: string }[], kind: string) => facts.find((f) => f.kind === kind)?.reason;

/** `write` runs while another connection holds `key`, as a message of that sender in its transaction does: it must wait for that commit. */
async function waitsOn(key: string, write: () => Promise<unknown>) {
  const held = await owner().connect();
  try {
    await held.query("begin");
    await held.query("select pg_advisory_xact_lock(hashtextextended($1, 0))", [key]);
    const pid = (await held.query<{ pid: number }>("select pg_backend_pid() as pid")).rows[0]!.pid;
    const pending = write();
    await waiterOn(pid).finally(() => held.query("commit"));
    await pending;
  } finally {
    held.release();
  }
}

describe("the lead score's engagement counts", () => {
  it("equal the old window after a mixed conversation, across two conversations of one lead, and after a merge; the score's facts say them", async () => {
    const visitor = `v-${randomUUID()}`;
    // Conversation 1: lead, agent, note, bot, lead (a reply: notes and bots are skipped), lead, note, lead.
    const first = await leadSays(visitor, webInboxes[0]!, "Oi, quero um orçamento");
    const conv1 = first.conversationId;
    const leadId = await leadOf(conv1);
    await stored(conv1, "agent", "Olá! Para quantas lojas?");
    await stored(conv1, "agent", "lembrar de oferecer o plano anual", "note");
    await stored(conv1, "bot", "Um atendente já vai falar com você.");
    await leadSays(visitor, webInboxes[0]!, "Três lojas");
    await leadSays(visitor, webInboxes[0]!, "Em São Paulo");
    await stored(conv1, "agent", "cliente com pressa", "note");
    await stored(conv1, "system", "Conversa transferida");
    await leadSays(visitor, webInboxes[0]!, "Alguém aí?");
    expect(await windowed(leadId)).toEqual({ messages: 4, replies: 1 });
    expect(await onLead(leadId)).toMatchObject({ messages: 4, replies: 1 });

    // Conversation 2 (another inbox) of the same lead: its first message answers nobody, whatever conversation 1 ended with.
    await stored(conv1, "agent", "Estou aqui!");
    const second = await leadSays(visitor, webInboxes[1]!, "Oi de novo, pela loja");
    expect(second.conversationId).not.toBe(conv1);
    expect(await leadOf(second.conversationId)).toBe(leadId);
    await stored(second.conversationId, "agent", "Oi! Em que posso ajudar?");
    await leadSays(visitor, webInboxes[1]!, "Quero o preço");
    await leadSays(visitor, webInboxes[0]!, "Obrigado"); // a reply to "Estou aqui!"
    expect(await windowed(leadId)).toEqual({ messages: 7, replies: 3 });
    let now = await onLead(leadId);
    expect(now).toMatchObject({ messages: 7, replies: 3 });
    expect(reasonOf(now.facts, "messages")).toMatch(/^7 mensagens enviadas /);
    expect(reasonOf(now.facts, "replies")).toMatch(/^3 respostas a atendentes /);

    // Another lead (another visitor) with a reply of its own, merged into the first: the counts add up.
    const otherVisitor = `v-${randomUUID()}`;
    const other = await leadSays(otherVisitor, webInboxes[0]!, "Olá");
    const otherLead = await leadOf(other.conversationId);
    await stored(other.conversationId, "agent", "Olá! Tudo bem?");
    await leadSays(otherVisitor, webInboxes[0]!, "Tudo, e você?");
    expect(await onLead(otherLead)).toMatchObject({ messages: 2, replies: 1 });
    await withTenant(db, a.id, (tx) => mergeLeads(tx, a.id, { userId: a.users.admin.id, role: "admin" }, { keepId: leadId, mergeId: otherLead }, { actorUserId: a.users.admin.id }, new Date()));
    expect(await windowed(leadId)).toEqual({ messages: 9, replies: 4 });
    expect(await onLead(leadId)).toMatchObject({ messages: 9, replies: 4 });

    // Both of the kept lead's conversations in that inbox end with an agent's message: its next one, in either, is a reply; the score says so.
    await stored(conv1, "agent", "Podemos fechar?");
    await stored(other.conversationId, "agent", "Bem, obrigado!");
    await leadSays(visitor, webInboxes[0]!, "Então fechamos");
    expect(await windowed(leadId)).toEqual({ messages: 10, replies: 5 });
    now = await onLead(leadId);
    expect(now).toMatchObject({ messages: 10, replies: 5 });
    expect(reasonOf(now.facts, "messages")).toMatch(/^10 mensagens enviadas /);
    expect(reasonOf(now.facts, "replies")).toMatch(/^5 respostas a atendentes /);
  });

  it("a lead with 3,000 stored messages: the backfill's recount, then one more message counted without reading them", async () => {
    const visitor = `v-${randomUUID()}`;
    const first = await leadSays(visitor, webInboxes[0]!, "Oi");
    const conv = first.conversationId;
    const leadId = await leadOf(conv);
    // Three thousand more, as an old conversation holds them: agents, notes, bots and the lead's answers.
    await q(
      `insert into messages (tenant_id, conversation_id, sender, content_type, text)
       select $1, $2, (array['agent', 'lead', 'lead', 'bot', 'agent', 'lead'])[1 + g % 6], case when g % 10 = 0 then 'note' else 'text' end, 'mensagem ' || g
       from generate_series(1, 3000) g`,
      [a.id, conv],
    );
    await q("insert into messages (tenant_id, conversation_id, sender, text) values ($1, $2, 'agent', 'Posso ajudar em algo mais?')", [a.id, conv]);
    // The migration's backfill (app_recount_lead_engagement over every lead with a conversation).
    await q("select app_recount_lead_engagement(array[$1]::uuid[])", [leadId]);
    const before = await windowed(leadId);
    expect(before.messages).toBeGreaterThan(1000);
    expect(await onLead(leadId)).toMatchObject(before);

    sent.length = 0;
    await leadSays(visitor, webInboxes[0]!, "Sim, mais uma dúvida");
    // The message's statements read no window over the lead's messages.
    expect(sent.filter((s) => /\bover\s*\(/i.test(s))).toEqual([]);
    const after = await windowed(leadId);
    expect(after).toEqual({ messages: before.messages + 1, replies: before.replies + 1 });
    const now = await onLead(leadId);
    expect(now).toMatchObject(after);
    expect(reasonOf(now.facts, "messages")).toMatch(new RegExp(`^${after.messages} mensagens enviadas `));
  });

  it("a lead message racing an agent's reply that is inserted but not committed waits for its commit and counts it as a reply", async () => {
    const visitor = `v-${randomUUID()}`;
    const first = await leadSays(visitor, webInboxes[0]!, "Oi, vocês entregam em Campinas?");
    const conv = first.conversationId;
    const leadId = await leadOf(conv);
    // The agent's reply from the inbox (core reply, as agent.reply and /api/agent/media run it) held
    // open once inserted; the lead's message waits on it (its sender locks), then the reply commits.
    await replyHeldWhile(conv, async (replied) => {
      await replied;
      await leadSays(visitor, webInboxes[0]!, "Ótimo, quero pedir");
    });
    expect(await windowed(leadId)).toEqual({ messages: 2, replies: 1 });
    expect(await onLead(leadId)).toMatchObject({ messages: 2, replies: 1 });
  });

  it("every writer of a team message into a conversation takes the lead's sender locks first: the inbox reply, a business-app echo, a Chatwoot reply", async () => {
    const wa = (await q<{ id: string }>("insert into inboxes (tenant_id, name, channel) values ($1, 'WhatsApp', 'whatsapp') returning id", [a.id]))[0]!.id;
    const user = { waId: `55119${randomInt(10_000_000, 99_999_999)}`, userId: `BR.${randomUUID()}` };
    const first = await recordInbound({ db }, { tenantId: a.id, inboxId: wa, who: { kind: "whatsapp", ...user }, provider: "whatsapp", providerEventId: randomUUID(), contentType: "text", text: "Oi", payload: {}, input: { kind: "text", text: "Oi" }, at: new Date() });
    const conv = first.conversationId;
    // Each key alone: a message of this lead may arrive with its phone, its BSUID or both.
    const [phone] = senderKeys(a.id, { kind: "whatsapp", waId: user.waId });
    const [bsuid] = senderKeys(a.id, { kind: "whatsapp", userId: user.userId });
    await waitsOn(bsuid!, () => withTenant(db, a.id, (tx) => reply({ tx, tenantId: a.id, actor: { userId: a.users.admin.id, role: "admin", name: "Ana" }, now: new Date(), after: afterCommit() }, conv, { text: "Olá!" })));
    await waitsOn(phone!, () => recordEcho(db, a.id, wa, { kind: "echo", phoneNumberId: "1", wamid: `wamid.${randomUUID()}`, user, timestamp: new Date(), content: { type: "text", text: "Respondido pelo app" } }));
    const cwc = (await q<{ id: string }>("insert into chatwoot_connections (tenant_id, base_url, account_id, inbox_id, credentials_encrypted, webhook_key, webhook_token_sha256) values ($1, 'https://chatwoot.example.com', 1, 2, 'x', replace(gen_random_uuid()::text, '-', ''), encode(sha256('fixture'::bytea), 'hex')) on conflict (tenant_id) do update set updated_at = now() returning id", [a.id]))[0]!.id;
    const chatwootConversation = randomInt(1, 1e9);
    await q("insert into chatwoot_conversations (tenant_id, connection_id, conversation_id, chatwoot_contact_id, chatwoot_conversation_id) values ($1, $2, $3, 10, $4)", [a.id, cwc, conv, chatwootConversation]);
    const ev = { event: "message_created", id: randomInt(1, 1e9), content: "Pelo Chatwoot", message_type: "outgoing", private: false, conversation: { id: chatwootConversation }, sender: { name: "Bia" } };
    await waitsOn(bsuid!, async () => expect(await withTenant(db, a.id, (tx) => receiveChatwootEvent(tx, a.id, cwc, ev, afterCommit(), new Date()))).toBe("delivered"));
    const senders = await q<{ sender: string; n: number }>("select sender, count(*)::int as n from messages where conversation_id = $1 group by sender order by sender", [conv]);
    expect(senders).toEqual([{ sender: "agent", n: 3 }, { sender: "lead", n: 1 }]);
  });

  /** A WhatsApp user's message through the pipeline's own recording. */
  const waSays = (inboxId: string, user: { waId?: string; userId?: string; parentUserId?: string }, text: string) =>
    recordInbound({ db }, { tenantId: a.id, inboxId, who: { kind: "whatsapp", ...user }, provider: "whatsapp", providerEventId: randomUUID(), contentType: "text", text, payload: {}, input: { kind: "text", text }, at: new Date() });
  const waInbox = async (name: string) => (await q<{ id: string }>("insert into inboxes (tenant_id, name, channel) values ($1, $2, 'whatsapp') returning id", [a.id, name]))[0]!.id;

  /**
   * An agent's reply into `conv` whose transaction stays open once inserted (its own connection),
   * while `lead` runs (the lead's message, once `replied` settles): the message must wait for the
   * reply (its backend blocks on the reply's), then the reply commits.
   */
  async function replyHeldWhile(conv: string, lead: (replied: Promise<number>) => Promise<unknown>) {
    const agentDb = createDb({ url: env().appUrl, max: 1 });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let inserted!: (pid: number) => void;
    const agentPid = new Promise<number>((r) => (inserted = r));
    try {
      const agent = withTenant(agentDb.db, a.id, async (tx) => {
        await reply({ tx, tenantId: a.id, actor: { userId: a.users.admin.id, role: "admin", name: "Ana" }, now: new Date(), after: afterCommit() }, conv, { text: "Pode sim!" });
        inserted((await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(tx)).rows[0]!.pid);
        await held;
      });
      const pending = lead(agentPid);
      await waiterOn(await agentPid);
      release();
      await agent;
      await pending;
    } finally {
      release();
      await agentDb.close();
    }
  }

  it("a message that finds the lead by its parent BSUID alone (another portfolio's BSUID, no phone) waits for a reply and counts it", async () => {
    const [first, second] = [await waInbox("WhatsApp SP"), await waInbox("WhatsApp RJ")];
    const parentUserId = `BR.ENT.${randomUUID()}`;
    const sp = { userId: `BR.${randomUUID()}`, parentUserId };
    const rj = { userId: `BR.${randomUUID()}`, parentUserId };
    await waSays(first, sp, "Oi");
    const conv = (await waSays(second, rj, "Oi, pelo outro número")).conversationId;
    // The lead now holds the first portfolio's BSUID again: the reply in the second one reads it.
    await waSays(first, sp, "Voltei");
    const leadId = await leadOf(conv);
    expect((await q<{ wa_user_id: string }>("select wa_user_id from leads where id = $1", [leadId]))[0]!.wa_user_id).toBe(sp.userId);
    await replyHeldWhile(conv, async (replied) => {
      await replied;
      await waSays(second, rj, "Obrigado");
    });
    expect(await windowed(leadId)).toEqual({ messages: 4, replies: 1 });
    expect(await onLead(leadId)).toMatchObject({ messages: 4, replies: 1 });
  });

  it("a key linked to the lead while a reply waits for its locks is taken too: a message from that key alone waits for the reply", async () => {
    const wa = await waInbox("WhatsApp novo");
    const user = { waId: `55119${randomInt(10_000_000, 99_999_999)}`, userId: `BR.${randomUUID()}` };
    // A lead from before BSUIDs: only its phone.
    const conv = (await waSays(wa, { waId: user.waId }, "Oi")).conversationId;
    const leadId = await leadOf(conv);
    // A message of phone and BSUID links the BSUID, under the phone's lock, and has not committed
    // when the reply reads the lead's keys (the phone alone) and waits for the phone's lock.
    const linking = await owner().connect();
    let linked = false;
    try {
      await linking.query("begin");
      await linking.query("select pg_advisory_xact_lock(hashtextextended(k, 0)) from unnest($1::text[]) with ordinality as x(k, n) order by n", [senderKeys(a.id, { kind: "whatsapp", ...user })]);
      await linking.query("update leads set wa_user_id = $2 where id = $1", [leadId, user.userId]);
      const linkingPid = (await linking.query<{ pid: number }>("select pg_backend_pid() as pid")).rows[0]!.pid;
      await replyHeldWhile(conv, async (replied) => {
        await waiterOn(linkingPid);
        await linking.query("commit");
        linked = true;
        await replied;
        // The number hidden now: the BSUID alone.
        await waSays(wa, { userId: user.userId }, "Obrigado");
      });
    } finally {
      if (!linked) await linking.query("rollback");
      linking.release();
    }
    expect(await windowed(leadId)).toEqual({ messages: 2, replies: 1 });
    expect(await onLead(leadId)).toMatchObject({ messages: 2, replies: 1 });
  });

  it("a change of a lead's keys takes the sender locks of both identities: a WhatsApp identity change, a merge on the lead page", async () => {
    const wa = await waInbox("WhatsApp troca");
    const from = { waId: `55119${randomInt(10_000_000, 99_999_999)}`, userId: `BR.${randomUUID()}` };
    const next = { waId: `55119${randomInt(10_000_000, 99_999_999)}`, userId: `BR.${randomUUID()}` };
    const leadId = await leadOf((await waSays(wa, from, "Oi")).conversationId);
    const [newPhone] = senderKeys(a.id, { kind: "whatsapp", waId: next.waId });
    await waitsOn(newPhone!, async () => expect(await applyIdentityChange(db, a.id, wa, { kind: "identity_change", phoneNumberId: "1", wamid: `wamid.${randomUUID()}`, change: "number", user: from, next, timestamp: new Date() })).toBe("applied"));
    expect((await q<{ wa_id: string }>("select wa_id from leads where id = $1", [leadId]))[0]!.wa_id).toBe(next.waId);
    // A visitor who later wrote on WhatsApp: the merge moves the visitor's key to the WhatsApp lead.
    const visitor = `v-${randomUUID()}`;
    const goneId = await leadOf((await leadSays(visitor, webInboxes[0]!, "Oi pelo site")).conversationId);
    const [visitorKey] = senderKeys(a.id, { kind: "visitor", visitorId: visitor });
    await waitsOn(visitorKey!, () => withTenant(db, a.id, (tx) => mergeLeads(tx, a.id, { userId: a.users.admin.id, role: "admin" }, { keepId: leadId, mergeId: goneId }, {}, new Date())));
    expect(await q("select id from leads where id = $1", [goneId])).toEqual([]);
  });

  it("an erased lead kept as a stub (its consent stays) counts no messages: they are gone", async () => {
    const visitor = `v-${randomUUID()}`;
    const first = await leadSays(visitor, webInboxes[0]!, "Oi");
    const leadId = await leadOf(first.conversationId);
    await stored(first.conversationId, "agent", "Olá!");
    await leadSays(visitor, webInboxes[0]!, "Quero apagar meus dados");
    expect(await onLead(leadId)).toMatchObject({ messages: 2, replies: 1 });
    await q("insert into consents (tenant_id, lead_id, purpose, granted, legal_basis, channel, text_shown, text_version) values ($1, $2, 'service', true, 'execucao_de_contrato', 'web', 'aviso', 'v1')", [a.id, leadId]);
    await withTenant(db, a.id, (tx) => eraseSubject(tx, a.id, { leadId, contactId: null }, { actorUserId: a.users.admin.id }, new Date(), afterCommit()));
    expect(await windowed(leadId)).toEqual({ messages: 0, replies: 0 });
    expect(await onLead(leadId)).toMatchObject({ messages: 0, replies: 0 });
  });
});
