import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeOwner, createTenant, env, owner, type FixtureTenant } from "../support/fixtures";
import type { Client } from "../support/http";
import { WidgetClient } from "../support/widget-client";

const SITE = "http://inbox.example";
let tenant: FixtureTenant;
let admin: Client;
let agent: Client;
let publicKey: string;
let inboxId: string;

interface Item {
  id: string;
  status: string;
  lead_name: string | null;
  phone: string | null;
  assigned_to: string | null;
  team_id: string | null;
  last_inbound_at: string | null;
  tags: string[];
  last_sender: string | null;
  channel: string;
}
interface Page {
  items: Item[];
  nextCursor: string | null;
}

/** A widget lead: consent, optionally answer name and e-mail, then texts the bot answers, then texts nobody answers yet. */
async function widgetLead(opts: { name?: string; email?: string; texts?: string[]; unanswered?: string[] }) {
  const w = new WidgetClient(env().port, env().rootDomain, SITE);
  expect((await w.start(publicKey)).status).toBe(200);
  await w.consent();
  let got = await w.waitForReply(0);
  for (const text of [opts.name, opts.email, ...(opts.texts ?? [])]) {
    if (!text) continue;
    await w.send({ text });
    got = await w.waitForReply(got.at(-1)!.seq);
  }
  for (const text of opts.unanswered ?? []) {
    await w.send({ text });
    await waitForLeadText(w, text);
  }
  const visitorId = JSON.parse(Buffer.from(w.token.split(".")[0]!, "base64url").toString()).v as string;
  const row = (await owner().query("select c.id, l.id as lead_id from conversations c join leads l on l.id = c.lead_id where l.visitor_id = $1", [visitorId])).rows[0];
  return { w, conversationId: row.id as string, leadId: row.lead_id as string, lastSeq: got.at(-1)!.seq };
}

async function waitForLeadText(w: WidgetClient, text: string) {
  const deadline = Date.now() + 8000;
  while (!(await w.messages(0)).messages.some((msg) => msg.sender === "lead" && msg.text === text)) {
    if (Date.now() > deadline) throw new Error(`lead message not stored: ${text}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function list(input: Record<string, unknown>, as: Client = agent): Promise<Page> {
  const res = await as.trpc<Page>("query", "conversations.list", { limit: 25, ...input });
  expect(res.error).toBeNull();
  return res.data;
}
const ids = (p: Page) => p.items.map((i) => i.id).sort();

let mariana: Awaited<ReturnType<typeof widgetLead>>;
let human: Awaited<ReturnType<typeof widgetLead>>;
let quiet: Awaited<ReturnType<typeof widgetLead>>;
let teamId: string;

beforeAll(async () => {
  tenant = await createTenant();
  admin = await tenant.loginAs("admin");
  agent = await tenant.loginAs("agent");
  const created = await admin.trpc<{ inbox: { id: string; publicKey: string } }>("mutation", "inboxes.create", {
    channel: "web",
    name: "Site",
    settings: {
      allowedOrigins: [SITE],
      schedulingUrl: "",
      templates: { welcome: { name: "boas_vindas", language: "pt_BR", params: [] }, reminder: { name: "lembrete_reuniao", language: "pt_BR", params: ["{name}"] } },
    },
  });
  expect(created.error).toBeNull();
  publicKey = created.data.inbox.publicKey;
  inboxId = created.data.inbox.id;

  mariana = await widgetLead({ name: "Mariana Quintela", email: "mariana.q@lojaquintela.com.br" });
  human = await widgetLead({ texts: ["Quero falar com um atendente"], unanswered: ["Procuro o plano Zeta-Premium 100%"] });
  quiet = await widgetLead({});
  // What a WhatsApp lead or an earlier qualification would have filled in.
  await owner().query("update leads set phone = '5511988887777', tags = '{VIP,b2b}', bant_score = 85 where id = $1", [mariana.leadId]);
  await owner().query("update leads set bant_score = 20 where id = $1", [human.leadId]);
  const team = await admin.trpc<{ id: string }>("mutation", "routing.saveTeam", { name: "Inside Sales", memberIds: [tenant.users.agent.id] });
  expect(team.error).toBeNull();
  teamId = team.data.id;
  await owner().query("update conversations set team_id = $1 where id = $2", [teamId, quiet.conversationId]);
  expect((await agent.trpc("mutation", "agent.takeOver", { conversationId: human.conversationId })).error).toBeNull();
  expect((await agent.trpc("mutation", "agent.note", { conversationId: human.conversationId, text: "Cliente pediu proposta do plano anual" })).error).toBeNull();
}, 120_000);
afterAll(closeOwner);

describe("agent inbox: list filters and search", () => {
  it("returns the new item fields", async () => {
    const all = await list({});
    expect(ids(all)).toEqual([mariana.conversationId, human.conversationId, quiet.conversationId].sort());
    const h = all.items.find((i) => i.id === human.conversationId)!;
    expect(h.assigned_to).toBe(tenant.users.agent.id);
    expect(h.last_inbound_at).not.toBeNull();
    expect(h.status).toBe("open");
    expect(h.last_sender).toBe("lead");
    const mi = all.items.find((i) => i.id === mariana.conversationId)!;
    expect(mi.tags).toEqual(["VIP", "b2b"]);
    expect(all.items.find((i) => i.id === quiet.conversationId)!.team_id).toBe(teamId);
  });

  it("filters by assignee, unassigned, team, channel, inbox, tag and score range", async () => {
    expect(ids(await list({ assigneeId: tenant.users.agent.id }))).toEqual([human.conversationId]);
    expect(ids(await list({ assigneeId: tenant.users.admin.id }))).toEqual([]);
    expect(ids(await list({ unassigned: true }))).toEqual([mariana.conversationId, quiet.conversationId].sort());
    expect(ids(await list({ teamId }))).toEqual([quiet.conversationId]);
    expect(ids(await list({ channel: "web" }))).toHaveLength(3);
    expect(ids(await list({ channel: "whatsapp" }))).toEqual([]);
    expect(ids(await list({ inboxId, status: "open" }))).toEqual([human.conversationId]);
    expect(ids(await list({ tag: "vip" }))).toEqual([mariana.conversationId]);
    expect(ids(await list({ tag: "outra" }))).toEqual([]);
    expect(ids(await list({ minScore: 80 }))).toEqual([mariana.conversationId]);
    expect(ids(await list({ minScore: 10, maxScore: 50 }))).toEqual([human.conversationId]);
    expect(ids(await list({ maxScore: 0 }))).toEqual([quiet.conversationId]);
    // Invalid filters are validation errors, not silently ignored.
    expect((await agent.trpc("query", "conversations.list", { channel: "sms" })).error?.data.code).toBe("BAD_REQUEST");
  });

  it("searches case-insensitively by name, phone, e-mail and any message text", async () => {
    expect(ids(await list({ search: "mariana QUINT" }))).toEqual([mariana.conversationId]);
    expect(ids(await list({ search: "98888-7777" }))).toEqual([mariana.conversationId]);
    expect(ids(await list({ search: "+55 11 98888" }))).toEqual([mariana.conversationId]);
    expect(ids(await list({ search: "5511988887777" }))).toEqual([mariana.conversationId]);
    expect(ids(await list({ search: "(011) 98888-7777" }))).toEqual([mariana.conversationId]);
    expect(ids(await list({ search: "@LOJAQUINTELA.com" }))).toEqual([mariana.conversationId]);
    expect(ids(await list({ search: "zeta-premium" }))).toEqual([human.conversationId]);
    // Internal notes are messages of the conversation too.
    expect(ids(await list({ search: "proposta do plano anual" }))).toEqual([human.conversationId]);
    // % and _ are literals, not wildcards.
    expect(ids(await list({ search: "100%" }))).toEqual([human.conversationId]);
    expect(ids(await list({ search: "%" }))).toEqual([human.conversationId]);
    expect(ids(await list({ search: "_" }))).toEqual([]);
    expect(ids(await list({ search: "nada-disso-aqui" }))).toEqual([]);
    // Empty search is no filter; filters combine.
    expect(ids(await list({ search: "" }))).toHaveLength(3);
    expect(ids(await list({ search: "mariana", unassigned: false, assigneeId: tenant.users.agent.id }))).toEqual([]);
  });

  it("keeps keyset pagination under filters", async () => {
    const first = await list({ channel: "web", limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = await list({ channel: "web", limit: 2, cursor: first.nextCursor });
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...ids(first), ...ids(second)]).size).toBe(3);
  });
});

describe("agent inbox: conversation detail", () => {
  it("includes the flow's steps, the inbox's templates, the assignee, SLA fields and internal notes", async () => {
    const res = await agent.trpc<any>("query", "conversations.get", { conversationId: human.conversationId });
    expect(res.error).toBeNull();
    const d = res.data;
    expect(d.steps.map((s: { id: string }) => s.id)).toEqual(expect.arrayContaining(["name", "email", "budget", "authority"]));
    expect(d.steps.find((s: { id: string }) => s.id === "budget").question).toContain("orçamento");
    expect(d.templates).toEqual([
      { key: "welcome", name: "boas_vindas", language: "pt_BR" },
      { key: "reminder", name: "lembrete_reuniao", language: "pt_BR" },
    ]);
    expect(d.conversation.assigned_to).toBe(tenant.users.agent.id);
    expect(d.conversation.assignee_name).toBe(`agent ${tenant.slug}`);
    for (const k of ["sla_due_at", "sla_breached_at", "first_response_at", "team_id", "flow_id"]) expect(d.conversation).toHaveProperty(k);
    expect(d.conversation).not.toHaveProperty("inbox_settings");
    expect(d.messages.some((msg: { content_type: string; text: string }) => msg.content_type === "note" && msg.text === "Cliente pediu proposta do plano anual")).toBe(true);
    expect(d.events.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(["handoff", "takeover"]));
  });
});

/** Opens the agent stream with this client's cookie and collects its `change` events. */
function agentStream(client: Client) {
  let raw = "";
  const changes: { seq: number | null; unread: number }[] = [];
  let notify = () => {};
  const req = http.request(
    { host: "127.0.0.1", port: env().port, path: "/api/agent/stream", headers: { host: tenant.host, cookie: client.cookieHeader(), accept: "text/event-stream", "x-forwarded-for": client.ip } },
    (res) => {
      expect(res.statusCode).toBe(200);
      expect(String(res.headers["content-type"])).toContain("text/event-stream");
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        raw += chunk;
        const blocks = raw.split("\n\n");
        raw = blocks.pop() ?? "";
        for (const block of blocks) {
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (/^event: change$/m.test(block) && data) changes.push(JSON.parse(data));
        }
        notify();
      });
    },
  );
  req.on("error", () => {});
  req.end();
  return {
    changes,
    /** Resolves with the first change event matching pred (already received or still to come). */
    until(pred: (c: { seq: number | null; unread: number }, index: number) => boolean, timeoutMs = 10_000) {
      return new Promise<{ seq: number | null; unread: number }>((resolve, reject) => {
        const check = () => {
          const i = changes.findIndex(pred);
          if (i < 0) return false;
          clearTimeout(timer);
          resolve(changes[i]!);
          return true;
        };
        const timer = setTimeout(() => reject(new Error(`no matching change event; got ${JSON.stringify(changes)}`)), timeoutMs);
        const prev = notify;
        notify = () => {
          prev();
          check();
        };
        check();
      });
    },
    close: () => req.destroy(),
  };
}

describe("agent inbox: the BANT score so far", () => {
  it("mid-way (a handoff after the budget) the detail carries the points so far, while the lead's recorded score is still 0", async () => {
    const renata = await widgetLead({ name: "Renata Alves", email: "renata@exemplo.com.br", texts: ["uns 15 mil por mês", "quero falar com um atendente"] });
    const d = await agent.trpc<{ conversation: { bant_score: number; stage: string }; scoreSoFar: number; explanation: { total: number; items: { field: string; points: number }[] } }>("query", "conversations.get", { conversationId: renata.conversationId });
    expect(d.error).toBeNull();
    expect(d.data.conversation).toMatchObject({ bant_score: 0, stage: "new" });
    expect(d.data.explanation.items.map((i) => i.field)).toContain("budget");
    expect(d.data.scoreSoFar).toBeGreaterThan(0);
    expect(d.data.scoreSoFar).toBe(d.data.explanation.total);
  });
});

describe("agent inbox: live feed", () => {
  it("the agent's stream emits a change when a widget message arrives", async () => {
    const stream = agentStream(agent);
    try {
      // The first event comes on connect; a later one carries the lead's new message.
      const first = await stream.until(() => true);
      const text = "Ainda estou por aqui, alguém pode me ajudar?";
      await quiet.w.send({ text });
      const seq = (await quiet.w.messages(0)).messages.find((msg) => msg.sender === "lead" && msg.text === text)!.seq;
      expect(seq).toBeGreaterThan(first.seq ?? 0);
      await stream.until((c, i) => i > 0 && (c.seq ?? 0) >= seq);
      const found = await list({ search: "alguém pode me ajudar" });
      expect(ids(found)).toEqual([quiet.conversationId]);
    } finally {
      stream.close();
    }
  });

  // Opened right after the previous test's stream closed: that stream's double close once dropped
  // the key's new subscribers (change-feed.ts), and these streams never woke again.
  it("streams woken together read together, each with its own unread notifications", async () => {
    const mine = agentStream(agent);
    const theirs = agentStream(admin);
    try {
      const [a0, b0] = await Promise.all([mine.until(() => true), theirs.until(() => true)]);
      await owner().query("insert into notifications (tenant_id, user_id, kind) values ($1, $2, 'test'), ($1, $2, 'test')", [tenant.id, tenant.users.agent.id]);
      const a1 = await mine.until((c) => c.unread === a0.unread + 2);
      expect(a1.unread).toBe(a0.unread + 2);
      // The admin's stream sees the same tenant state, never the agent's notifications.
      await quiet.w.send({ text: "Mais uma pergunta" });
      const seq = (await quiet.w.messages(0)).messages.at(-1)!.seq;
      const b1 = await theirs.until((c) => (c.seq ?? 0) >= seq);
      expect(b1.unread).toBe(b0.unread);
      await mine.until((c) => (c.seq ?? 0) >= seq && c.unread >= a0.unread + 2);
    } finally {
      mine.close();
      theirs.close();
    }
  });

  it("refuses the stream without a session", async () => {
    const res = await tenant.client().send("GET", "/api/agent/stream");
    expect(res.status).toBe(401);
  });
});
