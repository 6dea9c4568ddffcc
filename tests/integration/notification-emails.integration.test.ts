import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signQStashRequest } from "@vendaflow/connectors/qstash/sign-request";
import { outboxSender } from "@vendaflow/connectors/smtp/outbox-sender";
import { appLinks } from "@vendaflow/core/links";
import { EMAIL_AFTER_MS, runNotificationEmails } from "@vendaflow/core/notifications/email-digest";
import type { ScheduledJob } from "@vendaflow/core/ports/scheduler";
import { createDb, type Database } from "@vendaflow/db/create-db";
import { TEST_KEYS } from "../support/app-env";
import { eventually } from "../support/eventually";
import { closeOwner, createTenant, env, owner, type FixtureTenant, type FixtureUser } from "../support/fixtures";
import { request } from "../support/http";

/**
 * "Notificações por e-mail" (core/notifications/email-digest.ts, /api/jobs/notification-emails):
 * a notification unread in the bell for 10 minutes is e-mailed once, in one e-mail per person
 * listing all of theirs; read in time, of a kind turned off in Meu perfil, or of an inactive user,
 * never. The sweep is run here in-process on a clock 11 minutes ahead, so the app's own sweep
 * (local-jobs, every minute on the real clock) never reaches these rows first; the route's own test
 * allows for either sweep sending, and still expects one e-mail.
 */

let db: { db: Database; close: () => Promise<void> };
let a: FixtureTenant;
let b: FixtureTenant;
const scheduled: ScheduledJob[] = [];

beforeAll(async () => {
  db = createDb({ url: env().appUrl, max: 2 });
  [a, b] = await Promise.all([createTenant(), createTenant()]);
});
afterAll(async () => {
  await db.close();
  await closeOwner();
});

const deps = (at: Date) => ({
  db: db.db,
  now: () => at,
  links: appLinks(env().rootDomain, "http"),
  scheduler: { kind: "local" as const, schedule: async (j: ScheduledJob) => void scheduled.push(j) },
  email: outboxSender(db.db),
});
/** The sweep of one tenant, 11 minutes from now (every notification written so far is due). */
const sweep = (t: FixtureTenant, limits?: { people?: number }) => runNotificationEmails(deps(new Date(Date.now() + EMAIL_AFTER_MS + 60_000)), { tenantId: t.id }, limits);

async function note(t: FixtureTenant, u: FixtureUser, kind: string, data: Record<string, unknown> = {}) {
  const { rows } = await owner().query<{ id: string }>("insert into notifications (tenant_id, user_id, kind, data) values ($1, $2, $3, $4) returning id", [t.id, u.id, kind, JSON.stringify(data)]);
  return rows[0]!.id;
}
const emailedAt = async (id: string) => (await owner().query<{ emailed_at: Date | null }>("select emailed_at from notifications where id = $1", [id])).rows[0]!.emailed_at;
const mails = async (to: string) =>
  (await owner().query<{ subject: string; html: string; text_body: string; tenant_id: string }>("select subject, html, text_body, tenant_id from email_outbox where to_address = $1 order by created_at", [to])).rows;

describe("notification e-mails", () => {
  it("notifications unread for 10 minutes go out in one e-mail per person, with names and links, once however often the sweep runs", async () => {
    const agent = a.users.agent;
    const lead = (await owner().query<{ id: string }>("insert into leads (tenant_id, name, source, visitor_id) values ($1, 'Maria <Souza> & Cia', 'web', gen_random_uuid()::text) returning id", [a.id])).rows[0]!.id;
    const dealId = "0b6d7a52-7f4b-4c8e-9a37-5b1f0c2d9e11";
    const first = await note(a, agent, "deal_assigned", { dealId, title: "Plano Enterprise" });
    const second = await note(a, agent, "meeting_booked", { leadId: lead, meetingId: dealId });
    // Younger than 10 minutes on the sweep's own clock: it waits.
    const early = await runNotificationEmails(deps(new Date(Date.now() + 60_000)), { tenantId: a.id });
    expect(early.emailed).toBe(0);
    expect(await emailedAt(first)).toBeNull();

    const run = await sweep(a);
    expect(run).toMatchObject({ tenants: 1, people: 1, emailed: 1, skipped: 0, more: false });
    const [mail, ...others] = await mails(agent.email);
    expect(others).toEqual([]);
    expect(mail!.tenant_id).toBe(a.id);
    expect(mail!.subject).toBe(`2 notificações em Empresa ${a.slug}`);
    const base = `http://${a.slug}.${env().rootDomain}`;
    expect(mail!.text_body).toContain(`Negócio atribuído a você: Plano Enterprise\n  ${base}/deals/${dealId}`);
    expect(mail!.text_body).toContain(`Reunião agendada: Maria <Souza> & Cia\n  ${base}/leads/${lead}`);
    expect(mail!.text_body).toContain(`${base}/profile`);
    // The lead's name is escaped in the HTML, never markup.
    expect(mail!.html).toContain("Maria &#60;Souza&#62; &#38; Cia");
    expect(mail!.html).not.toContain("<Souza>");
    expect(mail!.html).toContain(`href="${base}/profile"`);
    expect(await emailedAt(first)).not.toBeNull();
    expect(await emailedAt(second)).not.toBeNull();

    // Run again (a retry, the next schedule): nothing more.
    expect(await sweep(a)).toMatchObject({ people: 0, emailed: 0 });
    expect(await mails(agent.email)).toHaveLength(1);
    // A new one later: its own e-mail, listing only it.
    await note(a, agent, "sla_breached", { conversationId: dealId });
    expect((await sweep(a)).emailed).toBe(1);
    const latest = await mails(agent.email);
    expect(latest).toHaveLength(2);
    expect(latest[1]!.subject).toBe(`1 notificação em Empresa ${a.slug}`);
    expect(latest[1]!.text_body).toContain(`SLA estourado em uma conversa sua\n  ${base}/inbox?c=${dealId}`);
  });

  it("a notification read in the bell before the 10 minutes is never e-mailed", async () => {
    const t = await createTenant();
    const agent = await t.loginAs("agent");
    const id = await note(t, t.users.agent, "conversation_assigned", {});
    expect((await agent.trpc("mutation", "agent.markNotificationsRead")).error).toBeNull();
    expect((await sweep(t)).emailed).toBe(0);
    expect(await mails(t.users.agent.email)).toEqual([]);
    expect(await emailedAt(id)).toBeNull();
  });

  it("a kind turned off in Meu perfil is not e-mailed (marked, so it is not read again); the others still are", async () => {
    const t = await createTenant();
    const agent = await t.loginAs("agent");
    expect((await agent.trpc("mutation", "profile.setNotificationEmails", { off: ["deal_assigned"] })).error).toBeNull();
    const off = await note(t, t.users.agent, "deal_assigned", { title: "Desligado" });
    const on = await note(t, t.users.agent, "activity_due", { title: "Ligar para Ana" });
    expect(await sweep(t)).toMatchObject({ emailed: 1, skipped: 1 });
    const [mail] = await mails(t.users.agent.email);
    expect(mail!.subject).toMatch(/^1 notificação/);
    expect(mail!.text_body).toContain("Atividade vence em breve: Ligar para Ana");
    expect(mail!.text_body).not.toContain("Desligado");
    expect(await emailedAt(off)).not.toBeNull();
    expect(await emailedAt(on)).not.toBeNull();
    // Only kinds turned off waiting: no e-mail at all.
    await note(t, t.users.agent, "deal_assigned", { title: "Outro" });
    expect(await sweep(t)).toMatchObject({ emailed: 0, skipped: 1 });
    expect(await mails(t.users.agent.email)).toHaveLength(1);
  });

  it("a notification unread for over 24 hours is marked without a mail (news, not history); a recent one still goes", async () => {
    const t = await createTenant();
    const { rows } = await owner().query<{ id: string }>("insert into notifications (tenant_id, user_id, kind, data, created_at) values ($1, $2, 'deal_assigned', '{\"title\": \"Antigo\"}', now() - interval '25 hours') returning id", [t.id, t.users.agent.id]);
    await note(t, t.users.agent, "deal_assigned", { title: "Recente" });
    await sweep(t);
    const [mail, ...others] = await mails(t.users.agent.email);
    expect(others).toEqual([]);
    expect(mail!.text_body).toContain("Negócio atribuído a você: Recente");
    expect(mail!.text_body).not.toContain("Antigo");
    expect(await emailedAt(rows[0]!.id)).not.toBeNull();
  });

  it("a deactivated user gets no e-mail", async () => {
    const t = await createTenant();
    await owner().query("update users set is_active = false where id = $1", [t.users.viewer.id]);
    const id = await note(t, t.users.viewer, "privacy_deadline", { protocol: "LGPD-1" });
    expect(await sweep(t)).toMatchObject({ emailed: 0, skipped: 1 });
    expect(await mails(t.users.viewer.email)).toEqual([]);
    expect(await emailedAt(id)).not.toBeNull();
  });

  it("one tenant's sweep reads and mails only that tenant's notifications (RLS), each under its own workspace's name", async () => {
    const inA = await note(a, a.users.admin, "privacy_request", { protocol: "LGPD-A" });
    const inB = await note(b, b.users.admin, "privacy_request", { protocol: "LGPD-B" });
    await sweep(a);
    expect(await emailedAt(inA)).not.toBeNull();
    expect(await emailedAt(inB)).toBeNull();
    expect(await mails(b.users.admin.email)).toEqual([]);
    const [mailA] = await mails(a.users.admin.email);
    expect(mailA!.text_body).toContain("Protocolo LGPD-A");
    expect(mailA!.text_body).not.toContain("LGPD-B");
    await sweep(b);
    const [mailB] = await mails(b.users.admin.email);
    expect(mailB!.subject).toBe(`1 notificação em Empresa ${b.slug}`);
    expect(mailB!.tenant_id).toBe(b.id);
    expect(mailB!.text_body).toContain(`http://${b.slug}.${env().rootDomain}/privacy`);
  });

  it("marking rows handled does not wake the tenant's agents' feed; a new notification and reading still do", async () => {
    const t = await createTenant();
    const listener = new pg.Client({ connectionString: env().appUrl });
    const notices: string[] = [];
    await listener.connect();
    listener.on("notification", (n) => n.payload === t.id && notices.push(n.payload));
    await listener.query("listen vf_changes");
    const settle = () => new Promise((r) => setTimeout(r, 300));
    try {
      await note(t, t.users.admin, "conversation_assigned", {});
      await note(t, t.users.agent, "conversation_assigned", {});
      await settle();
      expect(notices).toHaveLength(2);
      expect((await sweep(t)).emailed).toBe(2);
      await settle();
      expect(notices).toHaveLength(2);
      await note(t, t.users.agent, "sla_breached", {});
      // (Written here as the owner, whose transactions notify inside the commit; the app's own collect
      // their keys and announce them after it, packages/db/src/change-notices.ts.)
      await owner().query("update notifications set read_at = now() where user_id = $1 and read_at is null", [t.users.agent.id]);
      await settle();
      expect(notices).toHaveLength(4);
    } finally {
      await listener.end();
    }
  });

  it("handles at most the people it is given room for, and queues itself again when more remain", async () => {
    const t = await createTenant();
    await note(t, t.users.admin, "conversation_assigned", {});
    await note(t, t.users.agent, "conversation_assigned", {});
    const before = scheduled.length;
    expect(await sweep(t, { people: 1 })).toMatchObject({ people: 1, emailed: 1, more: true });
    expect(scheduled.slice(before)).toEqual([expect.objectContaining({ path: "/api/jobs/notification-emails", body: { tenantId: t.id }, delaySeconds: 0 })]);
    expect(await sweep(t, { people: 1 })).toMatchObject({ people: 1, emailed: 1, more: false });
    expect(scheduled).toHaveLength(before + 1);
    expect((await mails(t.users.admin.email)).length + (await mails(t.users.agent.email)).length).toBe(2);
  });

  it("an e-mail the sender refuses is counted and not retried; the others still go", async () => {
    const t = await createTenant();
    const refused = await note(t, t.users.admin, "conversation_assigned", {});
    await note(t, t.users.agent, "conversation_assigned", {});
    const outbox = outboxSender(db.db);
    const failing = { kind: "outbox" as const, send: async (m: { to: string }) => (m.to === t.users.admin.email ? Promise.reject(new Error("SMTP 550")) : outbox.send(m as Parameters<typeof outbox.send>[0])) };
    const run = await runNotificationEmails({ ...deps(new Date(Date.now() + EMAIL_AFTER_MS + 60_000)), email: failing }, { tenantId: t.id });
    expect(run).toMatchObject({ people: 2, emailed: 2, failed: 1, error: "SMTP 550" });
    expect(await mails(t.users.agent.email)).toHaveLength(1);
    expect(await mails(t.users.admin.email)).toEqual([]);
    // Marked in the committed transaction: the next run does not send it (at most once).
    expect(await emailedAt(refused)).not.toBeNull();
    expect((await sweep(t)).emailed).toBe(0);
  });
});

describe("the preference (profile.setNotificationEmails)", () => {
  it("all kinds on by default; changes only the caller's own row, audited; unknown kinds are refused in pt-BR", async () => {
    const t = await createTenant();
    const agent = await t.loginAs("agent");
    const admin = await t.loginAs("admin");
    expect((await agent.trpc<{ off: string[] }>("query", "profile.notificationEmails")).data).toEqual({ off: [] });
    const set = await agent.trpc<{ off: string[] }>("mutation", "profile.setNotificationEmails", { off: ["sla_breached", "deal_assigned", "sla_breached"] });
    expect(set.data).toEqual({ off: ["deal_assigned", "sla_breached"] });
    expect((await agent.trpc<{ off: string[] }>("query", "profile.notificationEmails")).data).toEqual({ off: ["deal_assigned", "sla_breached"] });
    const rows = await owner().query<{ id: string; notification_email_off: string[] }>("select id, notification_email_off from users where tenant_id = $1", [t.id]);
    for (const r of rows.rows) expect(r.notification_email_off, r.id).toEqual(r.id === t.users.agent.id ? ["deal_assigned", "sla_breached"] : []);
    expect((await admin.trpc<{ off: string[] }>("query", "profile.notificationEmails")).data).toEqual({ off: [] });
    const audit = await owner().query("select actor_user_id, entity_id, before, after from audit_logs where tenant_id = $1 and action = 'profile.notification_emails'", [t.id]);
    expect(audit.rows).toEqual([{ actor_user_id: t.users.agent.id, entity_id: t.users.agent.id, before: { off: [] }, after: { off: ["deal_assigned", "sla_breached"] } }]);

    const bad = await agent.trpc("mutation", "profile.setNotificationEmails", { off: ["deal_assigned", "not_a_kind"] });
    expect(bad.error?.data.zodIssues).toEqual([{ path: ["off", "1"], message: "Tipo de notificação desconhecido." }]);
    expect((await agent.trpc<{ off: string[] }>("query", "profile.notificationEmails")).data).toEqual({ off: ["deal_assigned", "sla_breached"] });
    // Everything back on.
    expect((await agent.trpc<{ off: string[] }>("mutation", "profile.setNotificationEmails", { off: [] })).data).toEqual({ off: [] });
  });
});

describe("POST /api/jobs/notification-emails", () => {
  const path = "/api/jobs/notification-emails";
  const call = async (body: unknown, key = TEST_KEYS.qstashNext) => {
    const raw = JSON.stringify(body);
    const signature = await signQStashRequest({ url: `http://${env().rootDomain}${path}`, rawBody: raw, signingKey: key });
    return request(env().port, env().rootDomain, "POST", path, { headers: { "content-type": "application/json", "upstash-signature": signature }, body: raw });
  };

  it("refuses a forged or missing signature with 401", async () => {
    const t = await createTenant();
    expect((await call({ tenantId: t.id }, "sig_forged_key_000000000000000")).status).toBe(401);
    const unsigned = await request(env().port, env().rootDomain, "POST", path, { headers: { "content-type": "application/json" }, body: JSON.stringify({ tenantId: t.id }) });
    expect(unsigned.status).toBe(401);
  });

  it("a signed run mails what waited 10 minutes, once, whichever run gets there first", async () => {
    const t = await createTenant();
    const id = await note(t, t.users.agent, "deal_assigned", { title: "Via rota" });
    await owner().query("update notifications set created_at = now() - interval '11 minutes' where id = $1", [id]);
    const res = await call({ tenantId: t.id });
    expect(res.status).toBe(200);
    expect(res.json<{ tenants: number; failed: number }>()).toMatchObject({ tenants: 1, failed: 0 });
    expect(await eventually(() => mails(t.users.agent.email), (m) => m.length > 0)).toHaveLength(1);
    expect((await call({ tenantId: t.id })).status).toBe(200);
    expect(await mails(t.users.agent.email)).toHaveLength(1);
    expect((await mails(t.users.agent.email))[0]!.text_body).toContain("Negócio atribuído a você: Via rota");
    expect(await emailedAt(id)).not.toBeNull();
    expect((await call({ tenantId: "not-a-uuid" })).status).toBe(400);
  });
});
