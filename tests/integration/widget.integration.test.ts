import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WidgetStartOutput } from "@vendaflow/validators/widget";
import { startAppServer } from "../support/app-server";
import { closeOwner, createTenant, env, owner, type FixtureTenant } from "../support/fixtures";
import { request } from "../support/http";
import { WidgetClient } from "../support/widget-client";

const SITE = "http://site.example";
let tenant: FixtureTenant;
let publicKey: string;
let inboxId: string;

const widget = () => new WidgetClient(env().port, env().rootDomain, SITE);

beforeAll(async () => {
  tenant = await createTenant();
  const admin = await tenant.loginAs("admin");
  const created = await admin.trpc<{ inbox: { id: string; publicKey: string } }>("mutation", "inboxes.create", {
    channel: "web",
    name: "Site",
    settings: { allowedOrigins: [SITE], schedulingUrl: "https://agenda.example/{leadId}?name={name}&email={email}", templates: {} },
  });
  expect(created.error).toBeNull();
  publicKey = created.data.inbox.publicKey;
  inboxId = created.data.inbox.id;
});
afterAll(closeOwner);

describe("web widget API", () => {
  it("answers CORS preflights and refuses origins outside the inbox's list", async () => {
    const pre = await request(env().port, env().rootDomain, "OPTIONS", "/api/widget/send", { headers: { origin: SITE, "access-control-request-method": "POST", "access-control-request-headers": "authorization,content-type" } });
    expect(pre.status).toBe(204);
    expect(pre.headers["access-control-allow-headers"]).toContain("authorization");
    const evil = new WidgetClient(env().port, env().rootDomain, "http://evil.example");
    const res = await evil.start(publicKey);
    expect(res.status).toBe(403);
    expect(res.json()).toMatchObject({ error: "origin_not_allowed" });
    const ok = await widget().start(publicKey);
    expect(ok.status).toBe(200);
    expect(ok.headers["access-control-allow-origin"]).toBe(SITE);

    // The origin check reads the inbox from a process cache: an update applies at the next request.
    const admin = await tenant.loginAs("admin");
    const update = (allowedOrigins: string[], isActive = true) =>
      admin.trpc("mutation", "inboxes.update", { inboxId, name: "Site", isActive, settings: { allowedOrigins, schedulingUrl: "https://agenda.example/{leadId}?name={name}&email={email}", templates: {} } });
    expect((await update([SITE, "http://evil.example"])).error).toBeNull();
    expect((await evil.start(publicKey)).status).toBe(200);
    const visitor = widget();
    expect((await visitor.start(publicKey)).status).toBe(200);
    expect((await update([SITE], false)).error).toBeNull();
    expect((await visitor.send({ text: "oi" })).status).toBe(404);
    expect((await update([SITE])).error).toBeNull();
    expect((await evil.start(publicKey)).status).toBe(403);
    expect((await visitor.send({ text: "oi" })).status).toBe(412); // reachable again: only the notice is missing
  });

  it("a widget conversation from the privacy notice to a qualified lead with its score", async () => {
    const w = widget();
    const start = (await w.start(publicKey)).json<WidgetStartOutput>();
    expect(start).toMatchObject({ consented: false, messages: [], theme: { name: `Empresa ${tenant.slug}` } });
    expect(start.consent.service).toContain("LGPD");
    expect(start.privacyUrl).toBe(`http://${tenant.host}/privacidade`);

    // Nothing goes through before consent.
    expect((await w.send({ text: "oi" })).status).toBe(412);
    expect((await w.consent(true)).status).toBe(200);
    const consents = await owner().query("select purpose, granted, text_version, ip, user_agent from consents c join leads l on l.id = c.lead_id where l.tenant_id = $1 order by purpose", [tenant.id]);
    expect(consents.rows.map((r) => [r.purpose, r.granted])).toEqual([["marketing", true], ["service", true]]);
    expect(consents.rows[0].text_version).toBe("2026-11-v1");

    let seq = 0;
    let got = await w.waitForReply(seq);
    expect(got.at(-1)!.text).toContain("nome");
    const answer = async (input: { text?: string; optionId?: string }) => {
      seq = got.at(-1)!.seq;
      const sent = await w.send(input);
      expect(sent.status).toBe(200);
      got = await w.waitForReply(seq);
      return got;
    };
    await answer({ text: "Lúcia Prado" });
    await answer({ text: "lucia@prado.com.br" });
    const budgetQ = got.at(-1)!;
    expect(budgetQ.options?.map((o) => o.id)).toEqual(["lt_1k", "1k_5k", "5k_10k", "gt_10k"]);
    await answer({ text: "R$ 7.500,00" });
    await answer({ optionId: "decision_maker" });
    await answer({ text: "Quero automação de vendas" });
    const done = await answer({ optionId: "immediately" });
    expect(done.some((m) => m.text?.includes("https://agenda.example/"))).toBe(true);

    const lead = (await owner().query("select l.id, l.stage, l.bant_score, l.bant_data, l.email, l.name from leads l where l.tenant_id = $1 and l.email = 'lucia@prado.com.br'", [tenant.id])).rows[0];
    expect(lead).toMatchObject({ stage: "qualified", bant_score: 40 + 30 + 20 + 20, name: "Lúcia Prado" });
    expect(lead.bant_data.budget).toMatchObject({ optionId: "5k_10k", value: 7500 });
    expect(done.find((m) => m.text?.includes("agenda.example"))!.text).toContain(`/${lead.id}?name=L%C3%BAcia%20Prado&email=lucia%40prado.com.br`);
    // A web conversation reads its messages from the database: the bot's are delivered once stored.
    const statuses = await owner().query("select m.delivery_status, count(*)::int as n from messages m join conversations c on c.id = m.conversation_id where c.lead_id = $1 and m.sender = 'bot' group by 1", [lead.id]);
    expect(statuses.rows).toEqual([{ delivery_status: "delivered", n: expect.any(Number) }]);

    // The admin's dashboard sees it qualified with its score.
    const admin = await tenant.loginAs("admin");
    const list = await admin.trpc<{ items: { lead_name: string; bant_score: number; stage: string }[] }>("query", "conversations.list", { limit: 10 });
    expect(list.data.items.find((i) => i.lead_name === "Lúcia Prado")).toMatchObject({ bant_score: 110, stage: "qualified" });
  });

  it("a returning visitor sees their history; a retried send is stored once; bad input gets typed issues", async () => {
    const w = widget();
    await w.start(publicKey);
    await w.consent();
    await w.waitForReply(0);
    const id = "retry-0001-abcdef";
    const a = await w.send({ text: "Rita", clientMessageId: id });
    const b = await w.send({ text: "Rita", clientMessageId: id });
    expect(a.json()).toEqual(b.json());
    expect(a.json<{ message: { clientMessageId?: string } }>().message.clientMessageId).toBe(id);
    const token = w.token;
    const again = new WidgetClient(env().port, env().rootDomain, SITE);
    const resumed = (await again.start(publicKey, token)).json<WidgetStartOutput>();
    expect(resumed.visitorToken).toBe(token);
    expect(resumed.consented).toBe(true);
    // Each stored lead message names its send, so a page that lost the answer does not send it again.
    expect(resumed.messages.filter((m) => m.sender === "lead" && m.text === "Rita").map((m) => m.clientMessageId)).toEqual([id]);
    expect(resumed.messages.filter((m) => m.sender !== "lead").every((m) => m.clientMessageId === undefined)).toBe(true);

    const bad = await w.send({ text: "   " });
    expect(bad.status).toBe(400);
    expect(bad.json<{ issues: { path: string[] }[] }>().issues[0]!.path).toEqual(["text"]);
    const forged = new WidgetClient(env().port, env().rootDomain, SITE);
    forged.token = token.slice(0, -2) + "xx";
    expect((await forged.send({ text: "oi" })).status).toBe(401);
  });

  it("a visitor who writes after their conversation was resolved gets a new one with the bot; the old one stays resolved", async () => {
    const w = widget();
    await w.start(publicKey);
    await w.consent();
    let seen = await w.waitForReply(0);
    expect((await w.send({ text: "Paula Reis" })).status).toBe(200);
    seen = await w.waitForReply(seen.at(-1)!.seq);
    const visitorId = JSON.parse(Buffer.from(w.token.split(".")[0]!, "base64url").toString()).v as string;
    const convs = () => owner().query<{ id: string; status: string; lead_msgs: number }>(
      "select c.id, c.status, (select count(*)::int from messages m where m.conversation_id = c.id and m.sender = 'lead') as lead_msgs from conversations c join leads l on l.id = c.lead_id where l.visitor_id = $1 order by c.created_at",
      [visitorId],
    ).then((r) => r.rows);
    const [first] = await convs();
    expect(first).toMatchObject({ status: "bot", lead_msgs: 1 });
    await owner().query("update conversations set status = 'resolved' where id = $1", [first!.id]);

    expect((await w.send({ text: "Oi de novo" })).status).toBe(200);
    await w.waitForReply(seen.at(-1)!.seq);
    const after = await convs();
    expect(after).toHaveLength(2);
    expect(after[0]).toMatchObject({ id: first!.id, status: "resolved", lead_msgs: 1 });
    expect(after[1]).toMatchObject({ status: "bot", lead_msgs: 1 });
    // One lead for both: the message found the visitor's lead, and no other was created.
    expect((await owner().query("select count(*)::int as n from leads where visitor_id = $1", [visitorId])).rows[0].n).toBe(1);
  });

  it("an email typed in a chat flags a possible duplicate but never merges leads", async () => {
    const email = `dup-${Date.now()}@example.com`;
    const chat = async (name: string) => {
      const w = widget();
      await w.start(publicKey);
      await w.consent();
      let got = await w.waitForReply(0);
      await w.send({ text: name });
      got = await w.waitForReply(got.at(-1)!.seq);
      await w.send({ text: email });
      await w.waitForReply(got.at(-1)!.seq);
    };
    await chat("Primeira Pessoa");
    await chat("Segunda Pessoa");
    const rows = (await owner().query("select id, name, possible_duplicate_of from leads where tenant_id = $1 and email = $2 order by created_at", [tenant.id, email])).rows;
    expect(rows).toHaveLength(2);
    expect(rows[0].possible_duplicate_of).toBeNull();
    expect(rows[1].possible_duplicate_of).toBe(rows[0].id);
  });

  it("limits messages per visitor with 429 and Retry-After", async () => {
    const w = widget();
    await w.start(publicKey);
    await w.consent();
    const statuses: number[] = [];
    let retryAfter: string | undefined;
    for (let i = 0; i < 22; i++) {
      const r = await w.send({ text: `msg ${i}` });
      statuses.push(r.status);
      if (r.status === 429) retryAfter = String(r.headers["retry-after"]);
    }
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });

  it("streams replies over SSE from another server instance than the one that received the message", async () => {
    const second = await startAppServer();
    try {
      const onFirst = widget();
      await onFirst.start(publicKey);
      await onFirst.consent();
      const greeting = await onFirst.waitForReply(0);
      const after = greeting.at(-1)!.seq;
      const onSecond = new WidgetClient(second.port, second.rootDomain, SITE);
      onSecond.token = onFirst.token;
      const streamed = onSecond.streamUntil(after, (m) => m.sender === "bot");
      // What reaches the second instance: the first one's notice sent after its commit, with its
      // origin in front (change-notices.ts), never one from inside the message's transaction.
      const listener = new pg.Client({ connectionString: env().appUrl });
      const notices: string[] = [];
      await listener.connect();
      listener.on("notification", (n) => n.payload?.includes(tenant.id) && notices.push(n.payload));
      await listener.query("listen vf_changes");
      try {
        // The second instance's listener counts as live 3 s after it connected, once the first has
        // counted it (change-feed.ts LIVE_AFTER_MS); before that its streams poll.
        await new Promise((r) => setTimeout(r, 3_300));
        expect((await onFirst.send({ text: "Sérgio Dias" })).status).toBe(200);
        const { message, raw } = await streamed;
        expect(message.text).toContain("Sérgio");
        expect(raw).toContain("event: message");
        expect(raw).toContain("id: ");
        const visitor = (await owner().query<{ v: string }>("select l.visitor_id as v from leads l where l.tenant_id = $1 order by l.created_at desc limit 1", [tenant.id])).rows[0]!.v;
        expect(notices.filter((n) => n.endsWith(`${tenant.id}:${visitor}`)).length).toBeGreaterThan(0);
        expect(notices.filter((n) => n === `${tenant.id}:${visitor}`)).toEqual([]);
      } finally {
        await listener.end();
      }
    } finally {
      await second.stop();
    }
  });

  it("a visitor token of one tenant never reaches another tenant's inbox", async () => {
    const other = await createTenant();
    const admin = await other.loginAs("admin");
    const created = await admin.trpc<{ inbox: { publicKey: string } }>("mutation", "inboxes.create", { channel: "web", name: "Outro", settings: { allowedOrigins: [SITE], schedulingUrl: "", templates: {} } });
    const w = widget();
    await w.start(publicKey);
    await w.consent();
    await w.waitForReply(0);
    const tokenA = w.token;
    // Presenting A's token to B's widget yields a fresh visitor of B, with nothing of A.
    const atB = new WidgetClient(env().port, env().rootDomain, SITE);
    const b = (await atB.start(created.data.inbox.publicKey, tokenA)).json<WidgetStartOutput>();
    expect(b.visitorToken).not.toBe(tokenA);
    expect(b.messages).toEqual([]);
    expect(b.consented).toBe(false);
    // And A's token still only sees A's inbox.
    const mine = await w.messages(0);
    expect(mine.messages.length).toBeGreaterThan(0);
    const leadsOfB = await owner().query("select count(*)::int as n from leads where tenant_id = $1", [other.id]);
    expect(leadsOfB.rows[0].n).toBe(0);
    expect(inboxId).toBeTruthy();
  });
});

describe("a lead who asks for a person after hours", () => {
  // Open 08:00-18:00 every day but today (a holiday in São Paulo): whatever the clock, the team is back tomorrow at 08:00.
  async function closedToday() {
    const closed = await createTenant();
    const admin = await closed.loginAs("admin");
    const created = await admin.trpc<{ inbox: { publicKey: string } }>("mutation", "inboxes.create", { channel: "web", name: "Site", settings: { allowedOrigins: [SITE], schedulingUrl: "", templates: {} } });
    expect(created.error).toBeNull();
    const today = new Date().toLocaleDateString("en-CA", { timeZone: "America/Sao_Paulo" });
    const everyDay = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, open: "08:00", close: "18:00" }));
    await owner().query("insert into business_hours (tenant_id, timezone, weekly, holidays) values ($1, 'America/Sao_Paulo', $2, $3)", [closed.id, JSON.stringify(everyDay), [today]]);
    return { closed, publicKey: created.data.inbox.publicKey };
  }

  async function askForAPerson(publicKey: string) {
    const w = widget();
    await w.start(publicKey);
    await w.consent();
    const greeting = await w.waitForReply(0);
    expect((await w.send({ text: "quero falar com um atendente" })).status).toBe(200);
    return { w, after: greeting.at(-1)!.seq };
  }

  const handoffReply = "Certo! Vou chamar alguém da nossa equipe para continuar com você.";

  it("is told when the team is back, in Brasília time, after the bot's handoff reply", async () => {
    const { publicKey } = await closedToday();
    const { w, after } = await askForAPerson(publicKey);
    await expect
      .poll(async () => (await w.messages(after)).messages.filter((m) => m.sender === "bot").map((m) => m.text))
      .toEqual([
        handoffReply,
        "No momento estamos fora do horário de atendimento. Nossa equipe volta amanhã às 08:00 (horário de Brasília) e continua a conversa com você por aqui.",
      ]);
  });

  it("is not told the team is away when an agent on duty at night takes the conversation", async () => {
    const { closed, publicKey } = await closedToday();
    const agent = closed.users.agent.id;
    const team = (await owner().query<{ id: string }>("insert into teams (tenant_id, name, distribution) values ($1, 'Plantão', 'round_robin') returning id", [closed.id])).rows[0]!.id;
    await owner().query("insert into team_members (tenant_id, team_id, user_id, position) values ($1, $2, $3, 0)", [closed.id, team, agent]);
    await owner().query("insert into routing_rules (tenant_id, name, priority, conditions, actions) values ($1, 'Todos → Plantão', 10, '[]', $2)", [closed.id, JSON.stringify([{ type: "assign_team", teamId: team }])]);
    // The heartbeat a day ahead: other files' servers run the inactivity sweep on the real clock.
    await owner().query("insert into agent_profiles (tenant_id, user_id, availability, last_seen_at) values ($1, $2, 'online', now() + interval '1 day')", [closed.id, agent]);

    const { w, after } = await askForAPerson(publicKey);
    await expect.poll(async () => (await owner().query("select assigned_to from conversations where tenant_id = $1", [closed.id])).rows).toEqual([{ assigned_to: agent }]);
    expect((await w.messages(after)).messages.filter((m) => m.sender === "bot").map((m) => m.text)).toEqual([handoffReply]);
  });
});
