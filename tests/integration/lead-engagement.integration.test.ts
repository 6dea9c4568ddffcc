import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordInbound } from "@vendaflow/core/conversations/inbound";
import { mergeLeads } from "@vendaflow/core/crm/merge-leads";
import { afterCommit } from "@vendaflow/core/after-commit";
import { eraseSubject } from "@vendaflow/core/privacy/erase";
import { withTenant } from "@vendaflow/db/with-tenant";
import { recordingDb } from "../support/recording-db";
import { closeOwner, createTenant, env, owner, type FixtureTenant } from "../support/fixtures";

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
