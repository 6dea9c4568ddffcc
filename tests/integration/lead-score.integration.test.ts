import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeOwner, createTenant, env, owner, type FixtureTenant } from "../support/fixtures";
import type { Client } from "../support/http";
import { ok } from "../support/trpc-calls";
import { WidgetClient } from "../support/widget-client";

// The lead score over HTTP: recomputed by the paths that change its inputs (a lead's message, a
// reply to an agent, a meeting, conversion to a company, the company's size and custom fields,
// the tenant's weights), explained fact by fact; weights are admin-only; tenants are isolated.

const SITE = "http://loja.example";
type Fact = { kind: string; key: string; points: number; reason: string };
type Score = { leadId: string; score: number; bantScore: number; facts: Fact[] };

let t: FixtureTenant;
let other: FixtureTenant;
let admin: Client;
let agent: Client;
let publicKey: string;

beforeAll(async () => {
  t = await createTenant();
  other = await createTenant();
  admin = await t.loginAs("admin");
  agent = await t.loginAs("agent");
  const created = await admin.trpc<{ inbox: { publicKey: string } }>("mutation", "inboxes.create", { channel: "web", name: "Site", settings: { allowedOrigins: [SITE], schedulingUrl: "", templates: {} } });
  publicKey = created.data.inbox.publicKey;
});
afterAll(closeOwner);

const score = (c: Client, id: string) => ok<Score>(c, "query", "crm.leads.score", { id });
const fact = (s: Score, kind: string) => s.facts.find((f) => f.kind === kind);

describe("lead score", () => {
  it("follows messages, replies to an agent, meetings, the company's size and weighted custom fields; each fact says its points", async () => {
    // A widget lead asks for a person: one message of the lead so far.
    const w = new WidgetClient(env().port, env().rootDomain, SITE);
    await w.start(publicKey);
    await w.consent();
    let got = await w.waitForReply(0);
    await w.send({ text: "Quero falar com um atendente" });
    got = await w.waitForReply(got.at(-1)!.seq);
    const visitorId = JSON.parse(Buffer.from(w.token.split(".")[0]!, "base64url").toString()).v as string;
    const { id: conversationId, lead_id: leadId } = (await owner().query("select c.id, c.lead_id from conversations c join leads l on l.id = c.lead_id where l.visitor_id = $1", [visitorId])).rows[0];
    const leadMessages = async () => (await owner().query<{ n: number }>("select count(*)::int as n from messages m join conversations c on c.id = m.conversation_id where c.lead_id = $1 and m.sender = 'lead'", [leadId])).rows[0]!.n;

    let s = await score(agent, leadId);
    const n1 = await leadMessages();
    expect(fact(s, "messages")).toEqual({ kind: "messages", key: "messages", points: n1, reason: `${n1} ${n1 === 1 ? "mensagem enviada" : "mensagens enviadas"} × +1 ponto: +${n1} ${n1 === 1 ? "ponto" : "pontos"}.` });
    expect(fact(s, "replies")).toBeUndefined();

    // The agent answers; the lead's next message is a reply to a person.
    await ok(agent, "mutation", "agent.takeOver", { conversationId });
    await ok(agent, "mutation", "agent.reply", { conversationId, text: "Oi! Como posso ajudar?" });
    await w.waitForReply(got.at(-1)!.seq);
    expect((await w.send({ text: "Quero um orçamento para 3 lojas" })).status).toBe(200);
    s = await score(agent, leadId);
    expect(fact(s, "replies")).toEqual({ kind: "replies", key: "replies", points: 2, reason: "1 resposta a um atendente × +2 pontos: +2 pontos." });
    expect(fact(s, "messages")!.points).toBe(n1 + 1);

    // A meeting logged on the lead.
    await ok(agent, "mutation", "crm.activities.create", { type: "meeting", subject: "Demonstração", leadId, dueAt: new Date(Date.now() + 86_400_000).toISOString() });
    s = await score(agent, leadId);
    expect(fact(s, "meetings")).toEqual({ kind: "meetings", key: "meetings", points: 10, reason: "1 reunião × +10 pontos: +10 pontos." });

    // BANT answers count once something recomputes (conversion here), each answer its own fact.
    await owner().query("update leads set name = 'Ana Souza', email = 'ana@padaria-sol.com.br', bant_score = 40, bant_data = $2 where id = $1", [leadId, JSON.stringify({ budget: { stepId: "budget", value: "R$ 5.000 - R$ 10.000/mês", optionId: "5k_10k", score: 40, decision: { via: "button" } } })]);
    const conv = await ok<{ companyId: string }>(agent, "mutation", "crm.leads.convert", { leadId });
    s = await score(agent, leadId);
    expect(fact(s, "bant")).toMatchObject({ key: "budget", points: 40 });
    expect(fact(s, "bant")!.reason).toMatch(/^BANT \(orçamento\): Escolheu a opção “R\$ 5\.000 - R\$ 10\.000\/mês”: \+40 pontos\.$/);

    // The company's size and a custom field the tenant weights.
    const seg = await ok<{ id: string }>(admin, "mutation", "crm.customFields.save", { id: null, entityType: "company", label: "Segmento", fieldType: "select", options: ["Varejo", "Indústria"] });
    await ok(agent, "mutation", "crm.companies.save", { id: conv.companyId, name: "Padaria Sol", size: "51-200", customFields: { [seg.id]: "Varejo" } });
    s = await score(agent, leadId);
    expect(fact(s, "company_size")).toEqual({ kind: "company_size", key: "51-200", points: 10, reason: "Empresa com 51-200 funcionários: +10 pontos." });
    expect(fact(s, "custom_field")).toBeUndefined();

    // Weights are admin-only, checked, and recompute every lead in the background (/api/jobs/lead-score-recompute).
    expect((await agent.trpc("mutation", "crm.leadScore.saveWeights", { perMeeting: 50 })).error?.data.code).toBe("FORBIDDEN");
    const unknown = await admin.trpc("mutation", "crm.leadScore.saveWeights", { customFields: { "9b0f6b3e-6a53-4c43-9d0e-1c1f5f0e8a11": { Varejo: 1 } } });
    expect((unknown.error?.data.details as { field?: string }).field).toBe("customFields.9b0f6b3e-6a53-4c43-9d0e-1c1f5f0e8a11");
    expect((await admin.trpc("mutation", "crm.leadScore.saveWeights", { perReply: 1000 })).error?.data.code).toBe("BAD_REQUEST");
    const saved = await ok<{ recompute: { running: boolean; done: number; total: number } }>(admin, "mutation", "crm.leadScore.saveWeights", { perMeeting: 15, customFields: { [seg.id]: { Varejo: 8, Indústria: 3 } } });
    expect(saved.recompute).toMatchObject({ running: true, done: 0 });
    expect(saved.recompute.total).toBeGreaterThanOrEqual(1);
    const recompute = () => ok<{ running: boolean; done: number; total: number }>(agent, "query", "crm.leadScore.recompute");
    await expect.poll(async () => (await recompute()).running, { timeout: 30_000, interval: 300 }).toBe(false);
    expect((await recompute()).done).toBe(saved.recompute.total);
    s = await score(agent, leadId);
    expect(fact(s, "meetings")!.points).toBe(15);
    expect(fact(s, "custom_field")).toEqual({ kind: "custom_field", key: seg.id, points: 8, reason: "Segmento: “Varejo”: +8 pontos." });
    expect(s.score).toBe(s.facts.reduce((sum, f) => sum + f.points, 0));
    expect(s.score).toBe(40 + (n1 + 1) + 2 + 15 + 10 + 8);
    expect((await owner().query("select score from leads where id = $1", [leadId])).rows[0].score).toBe(s.score);

    // Deleting the meeting takes its points away; the conversation page carries the score and its facts.
    const meeting = (await owner().query("select id from activities where lead_id = $1 and type = 'meeting'", [leadId])).rows[0].id;
    await ok(agent, "mutation", "crm.activities.setDeleted", { id: meeting, deleted: true });
    expect(fact(await score(agent, leadId), "meetings")).toBeUndefined();
    const detail = await ok<{ conversation: { lead_score: number; lead_score_facts: Fact[] } }>(agent, "query", "conversations.get", { conversationId });
    expect(detail.conversation.lead_score).toBe(s.score - 15);
    expect(detail.conversation.lead_score_facts.map((f) => f.kind)).toEqual(["bant", "messages", "replies", "company_size", "custom_field"]);

    // Another tenant: the lead is not found, and its weights are its own.
    const otherAdmin = await other.loginAs("admin");
    expect((await otherAdmin.trpc("query", "crm.leads.score", { id: leadId })).error?.data.code).toBe("NOT_FOUND");
    expect((await ok<{ perMeeting: number; customFields: object }>(otherAdmin, "query", "crm.leadScore.weights")).perMeeting).toBe(10);
    expect((await ok<{ perMeeting: number }>(agent, "query", "crm.leadScore.weights")).perMeeting).toBe(15);
  });
});
