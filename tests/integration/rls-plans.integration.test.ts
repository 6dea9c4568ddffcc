import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { createDb } from "@vendaflow/db/create-db";
import { withTenant } from "@vendaflow/db/with-tenant";
import { LATEST_MESSAGE_SQL } from "@vendaflow/core/conversations/agent-feed";
import { visitorUpdatesSql } from "@vendaflow/core/conversations/read";
import { flagDuplicateEmail } from "@vendaflow/core/leads/identify";
import { exportLead } from "@vendaflow/core/privacy/export";
import { afterCommit } from "@vendaflow/core/after-commit";
import { convertLead } from "@vendaflow/core/crm/convert-lead";
import { anonymiseLead } from "@vendaflow/core/privacy/anonymise";
import { closeOwner, createTenant, env, owner, seedConversationRows, type FixtureTenant } from "../support/fixtures";

// Plans of hot reads as the app role, under RLS, where the policy's tenant condition must reach an
// index. Lookups by e-mail (db/migrations/0139_email_keys.sql): the stored email_key is an index
// condition (lower(email) never was: Postgres does not mark lower() leakproof), the match ignores
// case, and another tenant's lead with the same address is not seen. The same for the lookups 0141
// keyed: a privacy request by WhatsApp username (leads.wa_username_key), converting a lead to the
// company of the same name (companies.name_key), and anonymising a lead, which deletes its tenant's
// dev outbox mails to its address (email_outbox.to_address_key; the outbox is global, no policy,
// so the tenant is in the condition: another tenant's mail to the same address stays).
// The agents' feed reads the tenant's latest message through (tenant_id, -seq) (0140), not a walk
// over other tenants' messages, and no other read of messages is tempted by that index.

let a: FixtureTenant;
let b: FixtureTenant;
const db = createDb({ url: env().appUrl, max: 1 });

beforeAll(async () => {
  a = await createTenant();
  b = await createTenant();
  // A tenant of some size, analysed: which index the planner takes depends on its statistics, and
  // on empty or stale ones any index of the tenant costs the same.
  const o = owner();
  await o.query("insert into leads (tenant_id, source, name, email, wa_username) select $1, 'web', 'Lead ' || g, 'lead' || g || '@exemplo.com.br', 'Usuario.' || g from generate_series(1, 3000) g", [a.id]);
  await o.query("insert into companies (tenant_id, name) select $1, 'Empresa ' || g from generate_series(1, 3000) g", [a.id]);
  await o.query("insert into email_outbox (tenant_id, to_address, subject, html, text_body) select $1, 'Lead' || g || '@Exemplo.com.br', 'Olá', 'Olá', 'Olá' from generate_series(1, 3000) g", [a.id]);
  // Users too: with a handful per tenant, (tenant_id, id) and (tenant_id, email_key) cost the same
  // and the choice flips when other test files add users after the ANALYZE.
  await o.query("insert into users (tenant_id, email, name, role) select $1, 'agente' || g || '@exemplo.com.br', 'Agente ' || g, 'agent' from generate_series(1, 500) g", [a.id]);
  await o.query("insert into contacts (tenant_id, name, email) select $1, 'Contato ' || g, 'contato' || g || '@exemplo.com.br' from generate_series(1, 3000) g", [a.id]);
  const { conversationId } = await seedConversationRows(a.id);
  await o.query("insert into messages (tenant_id, conversation_id, sender, text) select $1, $2, 'lead', 'oi' from generate_series(1, 3000)", [a.id, conversationId]);
  await o.query("analyze leads; analyze contacts; analyze users; analyze messages; analyze conversations; analyze companies; analyze email_outbox");
}, 60_000);
afterAll(async () => {
  await db.close();
  await closeOwner();
});

/**
 * The plan as the app role inside tenant A, with sequential scans priced out so a usable index
 * shows (and sorts too, when asked: a plan that avoids a sort by walking an index in order is then
 * the planner's first choice, as it is with stale statistics that promise few rows).
 */
async function plan(query: string, opts: { noSort?: boolean } = {}): Promise<string> {
  return withTenant(db.db, a.id, async (tx) => {
    await sql`set local enable_seqscan = off`.execute(tx);
    if (opts.noSort) await sql`set local enable_sort = off`.execute(tx);
    const { rows } = await sql<{ "QUERY PLAN": string }>`explain ${sql.raw(query)}`.execute(tx);
    return rows.map((r) => r["QUERY PLAN"]).join("\n");
  });
}

describe("lookups by e-mail under RLS", () => {
  it.each(["leads", "contacts", "users"])("%s: email_key is an index condition, lower(email) is not", async (table) => {
    expect(await plan(`select id from ${table} where email_key = 'ana@exemplo.com.br'`)).toMatch(/Index Cond: .*email_key/);
    expect(await plan(`select id from ${table} where lower(email) = 'ana@exemplo.com.br'`)).not.toMatch(/Index Cond: .*email/);
  });

  it("a typed e-mail finds the tenant's other lead whatever the case, and never another tenant's", async () => {
    const insert = (tenantId: string, name: string, email: string | null) =>
      owner().query<{ id: string }>("insert into leads (tenant_id, source, name, email) values ($1, 'web', $2, $3) returning id", [tenantId, name, email]).then((r) => r.rows[0]!.id);
    const first = await insert(a.id, "Ana", "Ana.Souza@Exemplo.com.br");
    await insert(b.id, "Bia de B", "Bia@Exemplo.com.br");
    const typing = await insert(a.id, "Visitante", null);
    const onlyInB = await insert(a.id, "Outro", null);
    expect(await withTenant(db.db, a.id, (tx) => flagDuplicateEmail(tx, typing, "ANA.SOUZA@exemplo.COM.BR"))).toBe(first);
    expect(await withTenant(db.db, a.id, (tx) => flagDuplicateEmail(tx, onlyInB, "bia@exemplo.com.br"))).toBeNull();
    const { rows } = await owner().query("select id, possible_duplicate_of from leads where id = any($1) order by name", [[typing, onlyInB]]);
    expect(rows).toEqual([
      { id: onlyInB, possible_duplicate_of: null },
      { id: typing, possible_duplicate_of: first },
    ]);
  });
});

describe("lookups by WhatsApp username, company name and outbox address (0141)", () => {
  it("each lookup's key is an index condition, as the code writes it", async () => {
    // core/privacy/requests.ts (subjectByWhatsapp), core/crm/convert-lead.ts, core/privacy/anonymise.ts and the registry's outbox scope.
    expect(await plan("select id, contact_id from leads where wa_username_key = 'usuario.42' and anonymised_at is null order by created_at desc limit 1")).toMatch(
      /leads_tenant_wa_username_key_idx[\s\S]*Index Cond: .*wa_username_key/,
    );
    expect(await plan("select id, name from companies where deleted_at is null and name_key = 'empresa 42' order by created_at limit 1")).toMatch(/companies_tenant_name_key_idx[\s\S]*Index Cond: .*name_key/);
    // lower() of the input (no column in it) does not stop the key being an index condition under RLS.
    expect(await plan("select id, name from companies where deleted_at is null and name_key = lower('Empresa 42') order by created_at limit 1")).toMatch(/companies_tenant_name_key_idx[\s\S]*Index Cond: .*name_key/);
    expect(await plan(`delete from email_outbox where tenant_id = '${a.id}' and to_address_key in ('lead42@exemplo.com.br', 'lead43@exemplo.com.br')`)).toMatch(/email_outbox_tenant_to_address_key_idx[\s\S]*Index Cond: .*tenant_id.*to_address_key/);
    expect(await plan(`select t.id from email_outbox t where (t.tenant_id, t.to_address_key) = (select l.tenant_id, l.email_key from leads l where l.id = '${randomUUID()}')`)).toMatch(/email_outbox_tenant_to_address_key_idx[\s\S]*Index Cond: .*tenant_id.*to_address_key/);
    // The forms they replace had no index to use (and under RLS lower() could not have used one).
    expect(await plan("select id from leads where lower(wa_username) = 'usuario.42'")).not.toMatch(/Index Cond: .*wa_username/);
    expect(await plan("select id from companies where lower(name) = 'empresa 42'")).not.toMatch(/Index Cond: .*name/);
  });

  it("a request by @username finds the tenant's lead whatever the case, and never another tenant's", async () => {
    const insert = (tenantId: string, username: string) =>
      owner().query<{ id: string }>("insert into leads (tenant_id, source, name, wa_username) values ($1, 'whatsapp', 'Bia', $2) returning id", [tenantId, username]).then((r) => r.rows[0]!.id);
    const bia = await insert(a.id, "Bia.Dados");
    await insert(b.id, "So.Em.B");
    const submit = async (whatsapp: string) => {
      const res = await a.client().trpc<{ requestId: string }>("mutation", "privacy.submitRequest", { kind: "access", name: "Bia", email: "", whatsapp, details: "" });
      expect(res.error).toBeNull();
      return (await owner().query("select lead_id from privacy_requests where id = $1", [res.data.requestId])).rows[0].lead_id;
    };
    expect(await submit("@BIA.dados")).toBe(bia);
    expect(await submit("@so.em.b")).toBeNull();
  });

  it("converting a lead without a domain finds the tenant's company by name whatever the case, never another tenant's", async () => {
    const company = (tenantId: string, name: string) =>
      owner().query<{ id: string }>("insert into companies (tenant_id, name) values ($1, $2) returning id", [tenantId, name]).then((r) => r.rows[0]!.id);
    const lead = (company: string) =>
      owner().query<{ id: string }>("insert into leads (tenant_id, source, name, company) values ($1, 'web', 'Ana', $2) returning id", [a.id, company]).then((r) => r.rows[0]!.id);
    const sol = await company(a.id, "Padaria Sol Nascente");
    const inB = await company(b.id, "Mercado Somente B");
    const convert = (leadId: string) =>
      withTenant(db.db, a.id, (tx) => convertLead(tx, a.id, { userId: a.users.admin.id, role: "admin" }, { leadId }, {}, { now: () => new Date() }));
    expect((await convert(await lead("  PADARIA sol nascente "))).companyId).toBe(sol);
    // Letters whose lower case JS and Postgres disagree on (İ → i + U+0307 in JS; a final Σ → ς in JS).
    const izmir = await company(a.id, "İzmir Têxtil");
    const sas = await company(a.id, "ΣΑΣ Ltda");
    expect((await convert(await lead("İZMİR TÊXTIL"))).companyId).toBe(izmir);
    expect((await convert(await lead("ΣΑΣ Ltda"))).companyId).toBe(sas);
    const created = (await convert(await lead("mercado somente b"))).companyId;
    expect(created).not.toBe(inB);
    expect((await owner().query("select tenant_id, name from companies where id = $1", [created])).rows).toEqual([{ tenant_id: a.id, name: "mercado somente b" }]);
  });

  it("anonymising a lead deletes its tenant's outbox mails to its address whatever their case, and no other (not another tenant's to the same address)", async () => {
    const [lead] = (await owner().query("insert into leads (tenant_id, source, name, email) values ($1, 'web', 'Zé', 'ze.outbox@exemplo.com.br') returning id", [a.id])).rows;
    const mail = (tenantId: string, to: string) =>
      owner().query<{ id: string }>("insert into email_outbox (tenant_id, to_address, subject, html, text_body) values ($1, $2, 'Olá', 'Olá', 'Olá') returning id", [tenantId, to]).then((r) => r.rows[0]!.id);
    const toHim = await mail(a.id, "Ze.Outbox@EXEMPLO.com.br");
    const other = await mail(a.id, "ze.outro@exemplo.com.br");
    const fromB = await mail(b.id, "ze.outbox@exemplo.com.br");
    // The subject's export (before anonymising) lists their tenant's mail only.
    const exported = await withTenant(db.db, a.id, (tx) => exportLead(tx, lead.id, new Date()));
    expect(exported.tables.email_outbox!.map((m) => m.id)).toEqual([toHim]);
    const res = await withTenant(db.db, a.id, (tx) => anonymiseLead(tx, a.id, lead.id, {}, new Date(), afterCommit()));
    expect(res.rows.email_outbox).toBe(1);
    expect((await owner().query<{ id: string }>("select id from email_outbox where id = any($1)", [[toHim, other, fromB]])).rows.map((r) => r.id).sort()).toEqual([other, fromB].sort());
  });
});

describe("the streams' reads under RLS", () => {
  it("a visitor's new messages are read per conversation through (tenant_id, conversation_id, seq), never by walking the tenant's messages in seq order", async () => {
    const p = await plan(visitorUpdatesSql(randomUUID(), "visitante-1", 42, 200), { noSort: true });
    expect(p).toMatch(/messages_tenant_conversation_idx on messages m[\s\S]*Index Cond: .*conversation_id = c\.id.*seq > 42/);
    expect(p).not.toMatch(/messages_tenant_latest_idx/);
  });

  it("the tenant's latest message is one descent of (tenant_id, -seq), whatever other tenants wrote since", async () => {
    expect(await plan(LATEST_MESSAGE_SQL)).toMatch(/Index Scan using messages_tenant_latest_idx[\s\S]*Index Cond: \(tenant_id = /);
  });
});

describe("the notification e-mails' reads (0155)", () => {
  it("the sweep finds a tenant's waiting notifications through the partial index of unread, unhandled rows, not by reading the tenant's history", async () => {
    // A tenant whose history is read or handled, a few rows waiting.
    const o = owner();
    await o.query("insert into notifications (tenant_id, user_id, kind, read_at, created_at) select $1, $2, 'conversation_assigned', now(), now() - make_interval(mins => g) from generate_series(1, 3000) g", [a.id, a.users.agent.id]);
    await o.query("insert into notifications (tenant_id, user_id, kind, emailed_at, created_at) select $1, $2, 'deal_assigned', now(), now() - make_interval(mins => g) from generate_series(1, 3000) g", [a.id, a.users.admin.id]);
    await o.query("insert into notifications (tenant_id, user_id, kind) select $1, $2, 'sla_breached' from generate_series(1, 3)", [a.id, a.users.agent.id]);
    await o.query("analyze notifications");
    // core/notifications/email-digest.ts: who is waiting, and their rows.
    const waiting = "select n.user_id from notifications n where n.read_at is null and n.emailed_at is null and n.created_at <= now() - interval '10 minutes' group by n.user_id order by min(n.created_at), n.user_id limit 201";
    expect(await plan(waiting)).toMatch(/notifications_email_pending_idx[\s\S]*Index Cond: \(\(tenant_id = .*created_at <=/);
    const rows = `select n.id from notifications n where n.user_id in ('${a.users.agent.id}') and n.read_at is null and n.emailed_at is null and n.created_at <= now() order by n.user_id, n.created_at, n.id for update of n skip locked`;
    expect(await plan(rows)).toMatch(/notifications_email_pending_idx/);
    // The definer function's probe, per tenant (as the owner it runs as).
    const { rows: probe } = await o.query<{ "QUERY PLAN": string }>(
      `explain select t.id from tenants t where exists (select 1 from notifications n where n.tenant_id = t.id and n.read_at is null and n.emailed_at is null and n.created_at <= now()) order by t.id limit 1000`,
    );
    expect(probe.map((r) => r["QUERY PLAN"]).join("\n")).toMatch(/notifications_email_pending_idx/);
  });
});
