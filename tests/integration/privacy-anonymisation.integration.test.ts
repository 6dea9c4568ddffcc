import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@vendaflow/db/create-db";
import { withTenant } from "@vendaflow/db/with-tenant";
import { afterCommit } from "@vendaflow/core/after-commit";
import { anonymiseLead } from "@vendaflow/core/privacy/anonymise";
import { exportLead } from "@vendaflow/core/privacy/export";
import { PERSONAL_DATA } from "@vendaflow/core/privacy/registry";
import { closeOwner, createTenant, env, owner, type FixtureTenant } from "../support/fixtures";
import { request, type Client } from "../support/http";

// LGPD slice 3: access / portability exports driven by the registry (JSON and CSV per table, link
// mailed to the subject) and anonymisation through the request queue, proved by scanning every
// text and JSON column of every table for the subject's identifiers and message text afterwards.

let a: FixtureTenant;
let b: FixtureTenant;
let adminA: Client;
const q = async (text: string, params: unknown[] = []) => (await owner().query(text, params)).rows;

interface Subject {
  leadId: string;
  conversationId: string;
  name: string;
  email: string;
  phone: string;
  waId: string;
  waUsername: string;
  texts: string[];
}

/** A lead with data in every corner the product writes: conversation, files, CRM, events, audit, outbox. */
async function richLead(t: FixtureTenant, tag: string): Promise<Subject> {
  const s = {
    name: `Zuleica Quintanilha ${tag}`,
    email: `zuleica.${tag}@exemplo.com.br`,
    phone: `+55 11 9${Math.floor(1000 + Math.random() * 8999)}-${Math.floor(1000 + Math.random() * 8999)}`,
    waId: `55119${Math.floor(10_000_000 + Math.random() * 89_999_999)}`,
    waUsername: `zuleica_${tag}`,
    texts: [`Oi, aqui é a Zuleica ${tag}, quero 300 licenças`, `meu endereço é Rua das Acácias ${tag}, 42`, `pode ligar depois das 18h ${tag}`],
  };
  const [inbox] = await q("insert into inboxes (tenant_id, name, channel) values ($1, 'Site', 'web') returning id", [t.id]);
  const [company] = await q("insert into companies (tenant_id, name) values ($1, 'Padaria Acácia') returning id", [t.id]);
  const [contact] = await q("insert into contacts (tenant_id, company_id, name, email, phone) values ($1, $2, $3, $4, $5) returning id", [t.id, company.id, s.name, s.email, s.phone]);
  const [lead] = await q(
    `insert into leads (tenant_id, name, email, phone, wa_id, wa_username, source, source_details, bant_data, bant_score, contact_id)
     values ($1, $2, $3, $4, $5, $6, 'whatsapp', $7, $8, 70, $9) returning id`,
    [t.id, s.name, s.email.toUpperCase(), s.phone, s.waId, s.waUsername, JSON.stringify({ referral: { headline: `Oferta para ${s.name}` } }), JSON.stringify({ need: { raw: s.texts[0] } }), contact.id],
  );
  const [conv] = await q("insert into conversations (tenant_id, inbox_id, lead_id, bot_state) values ($1, $2, $3, $4) returning id", [t.id, inbox.id, lead.id, JSON.stringify({ answers: { name: s.name } })]);
  for (const text of s.texts) {
    const [m] = await q("insert into messages (tenant_id, conversation_id, sender, text, payload) values ($1, $2, 'lead', $3, $4) returning id", [t.id, conv.id, text, JSON.stringify({ raw: text })]);
    await q("insert into inbound_events (tenant_id, inbox_id, conversation_id, provider, provider_event_id, kind, payload) values ($1, $2, $3, 'whatsapp', gen_random_uuid()::text, 'message', $4)", [t.id, inbox.id, conv.id, JSON.stringify({ from: s.waId, text })]);
    if (text === s.texts[0]) await q("insert into media_objects (tenant_id, message_id, direction, kind, filename, storage_key) values ($1, $2, 'inbound', 'document', $3, $4)", [t.id, m.id, `contrato ${s.name}.pdf`, `${t.id}/${m.id}`]);
  }
  await q("insert into conversation_events (tenant_id, conversation_id, kind, data) values ($1, $2, 'possible_duplicate', $3)", [t.id, conv.id, JSON.stringify({ email: s.email })]);
  await q("insert into consents (tenant_id, lead_id, purpose, granted, legal_basis, channel, text_shown, text_version, ip, user_agent) values ($1, $2, 'service', true, 'execucao_de_contrato', 'web', 'Aviso v1', 'v1', '203.0.113.7', 'Mozilla/5.0')", [t.id, lead.id]);
  const [stage] = await q("select s.id, s.pipeline_id from pipeline_stages s join pipelines p on p.id = s.pipeline_id where s.tenant_id = $1 and p.is_default order by s.position limit 1", [t.id]);
  const [deal] = await q("insert into deals (tenant_id, pipeline_id, stage_id, title, probability, lead_id, contact_id, lost_note) values ($1, $2, $3, $4, 10, $5, $6, $7) returning id", [t.id, stage.pipeline_id, stage.id, `Plano anual — ${s.name}`, lead.id, contact.id, `Ligar no ${s.phone}`]);
  await q("insert into activities (tenant_id, type, subject, description, deal_id, lead_id) values ($1, 'note', $2, $3, $4, $5)", [t.id, `Conversa com ${s.name}`, `Ela disse: ${s.texts[1]}`, deal.id, lead.id]);
  await q("insert into notifications (tenant_id, user_id, kind, data) values ($1, $2, 'conversation_assigned', $3)", [t.id, t.users.admin.id, JSON.stringify({ leadId: lead.id, leadName: s.name })]);
  await q("insert into audit_logs (tenant_id, actor_user_id, action, entity_type, entity_id, before, after) values ($1, $2, 'lead.updated', 'lead', $3, $4, $5)", [t.id, t.users.admin.id, lead.id, JSON.stringify({ name: s.name, phone: s.phone }), JSON.stringify({ email: s.email, waId: s.waId })]);
  await q("insert into audit_logs (tenant_id, action, entity_type, entity_id, after) values ($1, 'deal.created', 'deal', $2, $3)", [t.id, deal.id, JSON.stringify({ title: `Plano anual — ${s.name}` })]);
  await q("insert into email_outbox (tenant_id, to_address, subject, html, text_body) values ($1, $2, 'Olá', $3, $3)", [t.id, s.email, `Olá ${s.name}`]);
  return { ...s, leadId: lead.id, conversationId: conv.id };
}

const codeIn = (text: string) => text.match(/^\d{6}$/m)?.[0] ?? null;
async function confirmedRequest(t: FixtureTenant, email: string, kind: string) {
  const res = await t.client().trpc<{ requestId: string }>("mutation", "privacy.submitRequest", { kind, name: "Zuleica", email, details: "" });
  expect(res.error).toBeNull();
  const [mail] = await q("select text_body from email_outbox where to_address = $1 order by created_at desc limit 1", [email]);
  const code = codeIn(mail.text_body)!;
  const v = await t.client().trpc<{ protocol: string }>("mutation", "privacy.verifyRequest", { requestId: res.data.requestId, code });
  expect(v.error).toBeNull();
  return res.data.requestId;
}

/** Every (table, column) of a text-ish or JSON type whose value contains the term, case-insensitive. */
async function scan(terms: string[]) {
  const cols = await q(
    `select c.table_name as t, c.column_name as c from information_schema.columns c join information_schema.tables t using (table_schema, table_name)
     where c.table_schema = 'public' and t.table_type = 'BASE TABLE' and (c.data_type in ('text', 'character varying', 'character', 'jsonb', 'json') or c.udt_name in ('_text', '_varchar'))`,
  );
  const hits: string[] = [];
  for (const { t, c } of cols) {
    for (const term of terms) {
      const [r] = await q(`select count(*)::int as n from "${t}" where "${c}"::text ilike $1`, [`%${term.replace(/[%_\\]/g, "\\$&")}%`]);
      if (r.n > 0) hits.push(`${t}.${c} ∋ ${term}`);
    }
  }
  return hits;
}

beforeAll(async () => {
  a = await createTenant();
  b = await createTenant();
  adminA = await a.loginAs("admin");
});
afterAll(closeOwner);

describe("access and portability", () => {
  let subject: Subject;
  let link: URL;
  beforeAll(async () => {
    subject = await richLead(a, "exp");
    const requestId = await confirmedRequest(a, subject.email, "portability");
    const done = await adminA.trpc("mutation", "privacy.updateRequest", { id: requestId, status: "fulfilled", response: "Seus dados seguem no link." });
    expect(done.error).toBeNull();
    const [mail] = await q("select text_body from email_outbox where to_address = $1 order by created_at desc limit 1", [subject.email]);
    link = new URL(mail.text_body.match(/https?:\/\/\S+\/api\/privacy\/export\?\S+/)![0]);
  });

  it("the mailed link downloads a JSON export with a key per registered table and the subject's rows", async () => {
    const res = await request(env().port, a.host, "GET", link.pathname + link.search);
    expect(res.status).toBe(200);
    expect(res.headers["content-disposition"]).toMatch(/attachment; filename="meus-dados-/);
    const data = res.json<{ tables: Record<string, Record<string, unknown>[]> }>();
    expect(Object.keys(data.tables).sort()).toEqual(PERSONAL_DATA.filter((e) => e.leadScope).map((e) => e.table).sort());
    expect(data.tables.leads).toHaveLength(1);
    expect(data.tables.leads![0]).toMatchObject({ id: subject.leadId, name: subject.name, wa_id: subject.waId });
    expect(data.tables.leads![0]).not.toHaveProperty("tenant_id");
    // The lower-cased copies kept for lookups (0139, 0141) are internal: the export leaves them out.
    expect(data.tables.leads![0]).toMatchObject({ email: subject.email.toUpperCase(), wa_username: subject.waUsername });
    for (const key of ["email_key", "wa_username_key"]) expect(data.tables.leads![0]).not.toHaveProperty(key);
    for (const mail of data.tables.email_outbox!) {
      expect(mail).toMatchObject({ to_address: subject.email });
      expect(mail).not.toHaveProperty("to_address_key");
    }
    expect(data.tables.messages!.map((m) => m.text).sort()).toEqual([...subject.texts].sort());
    for (const t of ["conversations", "consents", "contacts", "deals", "activities", "media_objects", "inbound_events", "conversation_events", "privacy_requests", "notifications", "audit_logs", "email_outbox"]) {
      expect(data.tables[t]!.length, t).toBeGreaterThan(0);
    }
    expect(data.tables.privacy_requests![0]).not.toHaveProperty("code_hash");
  });

  it("each table downloads as CSV; bad or foreign links are refused in pt-BR", async () => {
    const csv = await request(env().port, a.host, "GET", `${link.pathname}${link.search.replace("format=json", "format=csv")}&table=messages`);
    expect(csv.status).toBe(200);
    const lines = csv.text.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines).toHaveLength(4);
    expect(lines[0]).toContain("text");
    const forged = await request(env().port, a.host, "GET", link.pathname + link.search.replace(/token=[^&]+/, "token=abc"));
    expect(forged.status).toBe(404);
    expect(forged.json<{ message: string }>().message).toBe("Link inválido ou expirado. Peça um novo acesso pela página de privacidade.");
    const foreign = await request(env().port, b.host, "GET", link.pathname + link.search);
    expect(foreign.status).toBe(404);
    const noTable = await request(env().port, a.host, "GET", `${link.pathname}${link.search.replace("format=json", "format=csv")}&table=users`);
    expect(noTable.status).toBe(400);
  });
});

describe("anonymisation", () => {
  let subject: Subject;
  let other: Subject;
  let counts: { messages: number; consents: number; events: number };
  beforeAll(async () => {
    subject = await richLead(a, "anon");
    other = await richLead(a, "keep");
    counts = {
      messages: (await q("select count(*)::int as n from messages where conversation_id = $1", [subject.conversationId]))[0].n,
      consents: (await q("select count(*)::int as n from consents where lead_id = $1", [subject.leadId]))[0].n,
      events: (await q("select count(*)::int as n from inbound_events where conversation_id = $1", [subject.conversationId]))[0].n,
    };
    const requestId = await confirmedRequest(a, subject.email, "anonymisation");
    // Tenant B's admin cannot execute it.
    expect((await (await b.loginAs("admin")).trpc("mutation", "privacy.updateRequest", { id: requestId, status: "fulfilled", response: "x" })).error?.data.code).toBe("NOT_FOUND");
    const done = await adminA.trpc("mutation", "privacy.updateRequest", { id: requestId, status: "fulfilled", response: "Seus dados foram anonimizados." });
    expect(done.error).toBeNull();
  });

  it("leaves no trace of the name, e-mail, phone, WhatsApp id or message text in any column of any table", async () => {
    const digits = subject.phone.replace(/\D/g, "");
    const hits = await scan([subject.name, subject.email, subject.phone, digits, subject.waId, subject.waUsername, ...subject.texts]);
    expect(hits).toEqual([]);
  });

  it("keeps rows, counts and the consent proof; another lead of the tenant is untouched", async () => {
    const [lead] = await q("select name, email, bant_score, anonymised_at from leads where id = $1", [subject.leadId]);
    expect(lead).toMatchObject({ name: "Titular anonimizado", email: null, bant_score: 70 });
    expect(lead.anonymised_at).not.toBeNull();
    expect((await q("select count(*)::int as n from messages where conversation_id = $1", [subject.conversationId]))[0].n).toBe(counts.messages);
    expect((await q("select count(*)::int as n from inbound_events where conversation_id = $1", [subject.conversationId]))[0].n).toBe(counts.events);
    const consents = await q("select purpose, granted, text_shown, text_version, ip, user_agent from consents where lead_id = $1", [subject.leadId]);
    expect(consents).toHaveLength(counts.consents);
    expect(consents[0]).toMatchObject({ purpose: "service", granted: true, text_shown: "Aviso v1", text_version: "v1", ip: null, user_agent: null });
    const keep = await scan([other.name, other.email, other.texts[0]!]);
    expect(keep.length).toBeGreaterThan(5);
    const audit = await q("select after from audit_logs where tenant_id = $1 and action = 'privacy.lead_anonymised' and entity_id = $2", [a.id, subject.leadId]);
    expect(audit).toHaveLength(1);
  });

  it("refuses to fulfil an anonymisation or access request with no subject on file", async () => {
    const [req] = await q(
      "insert into privacy_requests (tenant_id, protocol, kind, status, requester_name, requester_email, verified_at, due_date) values ($1, 'LGPD-NOSUBJ-1', 'anonymisation', 'open', 'X', 'x@y.z', now(), current_date + 15) returning id",
      [a.id],
    );
    const res = await adminA.trpc("mutation", "privacy.updateRequest", { id: req.id, status: "fulfilled", response: "ok" });
    expect(res.error?.message).toBe("Não há cadastro ligado a este pedido: recuse-o explicando que não encontramos dados deste titular.");
  });

  it("figures: export and anonymisation of a lead with 1,000 messages", async () => {
    const s = await richLead(a, "mil");
    await q("insert into messages (tenant_id, conversation_id, sender, text, payload) select $1, $2, 'lead', 'mensagem ' || g || ' de ' || $3, '{}' from generate_series(1, 997) g", [a.id, s.conversationId, s.name]);
    const db = createDb({ url: env().appUrl, max: 1 });
    try {
      let t0 = performance.now();
      const data = await withTenant(db.db, a.id, (tx) => exportLead(tx, s.leadId, new Date()));
      const exportMs = performance.now() - t0;
      expect(data.tables.messages).toHaveLength(1000);
      t0 = performance.now();
      const res = await withTenant(db.db, a.id, (tx) => anonymiseLead(tx, a.id, s.leadId, {}, new Date(), afterCommit()));
      const anonMs = performance.now() - t0;
      expect(res.rows.messages).toBe(1000);
      console.log(`[lgpd figures] lead with 1,000 messages: export ${exportMs.toFixed(0)} ms, anonymisation ${anonMs.toFixed(0)} ms`);
      expect(await scan([s.name, s.email])).toEqual([]);
    } finally {
      await db.close();
    }
  });
});

// Issue 12, last gaps: true deletion with the legal reasons of what stays, corrections through the
// domain's edit paths, and CRM contacts as data subjects (lookup, export, anonymisation).
describe("deletion", () => {
  it("deletes what no legal basis keeps; the consent proof and a won deal stay anonymised, with their reasons; no trace remains", async () => {
    const s = await richLead(a, "del");
    const [open] = await q("select id, pipeline_id, stage_id, contact_id from deals where lead_id = $1", [s.leadId]);
    const [won] = await q("insert into deals (tenant_id, pipeline_id, stage_id, title, probability, lead_id, status, won_at) values ($1, $2, $3, $4, 100, $5, 'won', now()) returning id", [a.id, open.pipeline_id, open.stage_id, `Contrato ${s.name}`, s.leadId]);
    const requestId = await confirmedRequest(a, s.email, "deletion");
    const done = await adminA.trpc<{ outcome: { deleted: Record<string, number>; kept: { table: string; rows: number; reason: string }[] }; response: string }>("mutation", "privacy.updateRequest", { id: requestId, status: "fulfilled", response: "Seus dados foram eliminados." });
    expect(done.error).toBeNull();

    expect(await q("select 1 from conversations where id = $1", [s.conversationId])).toHaveLength(0);
    expect(await q("select 1 from messages where conversation_id = $1", [s.conversationId])).toHaveLength(0);
    expect(await q("select 1 from deals where id = $1", [open.id])).toHaveLength(0);
    expect(await q("select 1 from activities where lead_id = $1", [s.leadId])).toHaveLength(0);
    // The contact had nothing that must stay: gone. The lead stays as an anonymous stub holding the consent proof.
    expect(await q("select 1 from contacts where id = $1", [open.contact_id])).toHaveLength(0);
    const [lead] = await q("select name, email, anonymised_at from leads where id = $1", [s.leadId]);
    expect(lead).toMatchObject({ name: "Titular anonimizado", email: null });
    expect((await q("select title from deals where id = $1", [won.id]))[0].title).toBe("Contrato [anonimizado]");
    expect(await q("select purpose, ip from consents where lead_id = $1", [s.leadId])).toEqual([{ purpose: "service", ip: null }]);

    const { outcome, response } = done.data;
    expect(outcome.deleted).toMatchObject({ conversations: 1, messages: 3, deals: 1, contacts: 1 });
    expect(outcome.kept.map((k) => k.table).sort()).toEqual(["audit_logs", "consents", "deals", "leads", "privacy_requests"]);
    expect(outcome.kept.find((k) => k.table === "consents")!.reason).toContain("art. 8º, §2º");
    expect(outcome.kept.find((k) => k.table === "deals")!.reason).toContain("Negócio fechado");
    expect(response).toContain("Seus dados foram eliminados.");
    expect(response).toContain("Prova do consentimento");

    const digits = s.phone.replace(/\D/g, "");
    expect(await scan([s.name, s.email, s.phone, digits, s.waId, s.waUsername, ...s.texts])).toEqual([]);
    const audit = await q("select after from audit_logs where tenant_id = $1 and action = 'privacy.subject_erased' and entity_id = $2", [a.id, s.leadId]);
    expect(audit).toHaveLength(1);
    expect(audit[0].after.kept).toContainEqual({ table: "consents", rows: 1 });
  });

  it("a subject with nothing the law keeps is deleted outright; the request stays as proof", async () => {
    const email = `solto.${Date.now()}@exemplo.com.br`;
    const [inbox] = await q("insert into inboxes (tenant_id, name, channel) values ($1, 'Site 2', 'web') returning id", [a.id]);
    const [lead] = await q("insert into leads (tenant_id, name, email, source) values ($1, 'Otávio Solto', $2, 'web') returning id", [a.id, email]);
    const [conv] = await q("insert into conversations (tenant_id, inbox_id, lead_id) values ($1, $2, $3) returning id", [a.id, inbox.id, lead.id]);
    await q("insert into messages (tenant_id, conversation_id, sender, text, payload) values ($1, $2, 'lead', 'sou o Otávio Solto', '{}')", [a.id, conv.id]);
    const requestId = await confirmedRequest(a, email, "deletion");
    const done = await adminA.trpc<{ outcome: { kept: { table: string }[] } }>("mutation", "privacy.updateRequest", { id: requestId, status: "fulfilled", response: "Eliminados." });
    expect(done.error).toBeNull();
    expect(await q("select 1 from leads where id = $1", [lead.id])).toHaveLength(0);
    expect(done.data.outcome.kept.map((k) => k.table)).not.toContain("leads");
    const [req] = await q("select status, lead_id, requester_email, protocol from privacy_requests where id = $1", [requestId]);
    expect(req).toMatchObject({ status: "fulfilled", lead_id: null, requester_email: null });
    expect(await scan(["Otávio Solto", email])).toEqual([]);
  });
});

describe("correction", () => {
  it("applies through the lead's and the contact's own edit paths, each audited; without values it is refused", async () => {
    const s = await richLead(a, "cor");
    const requestId = await confirmedRequest(a, s.email, "correction");
    const missing = await adminA.trpc("mutation", "privacy.updateRequest", { id: requestId, status: "fulfilled", response: "Corrigido." });
    expect(missing.error?.message).toBe("Informe os dados corrigidos para atender o pedido.");
    const early = await adminA.trpc("mutation", "privacy.updateRequest", { id: requestId, status: "in_progress", correction: { name: "Cedo Demais" } });
    expect(early.error?.message).toBe("Dados corrigidos só são aceitos ao atender um pedido de correção.");
    const bad = await adminA.trpc("mutation", "privacy.updateRequest", { id: requestId, status: "fulfilled", response: "Corrigido.", correction: { phone: "123" } });
    expect(bad.error?.data.zodIssues?.[0]?.path).toEqual(["correction", "phone"]);

    const done = await adminA.trpc<{ outcome: { corrected: string[] } }>("mutation", "privacy.updateRequest", { id: requestId, status: "fulfilled", response: "Corrigimos seu cadastro.", correction: { name: "Zuleica Quintanilha Souza", phone: "(11) 98765-4321" } });
    expect(done.error).toBeNull();
    expect(done.data.outcome.corrected.sort()).toEqual(["contact.name", "contact.phone", "lead.name", "lead.phone"]);
    const [lead] = await q("select name, phone, contact_id from leads where id = $1", [s.leadId]);
    expect(lead).toMatchObject({ name: "Zuleica Quintanilha Souza", phone: "+5511987654321" });
    const [contact] = await q("select name, phone, email from contacts where id = $1", [lead.contact_id]);
    expect(contact).toMatchObject({ name: "Zuleica Quintanilha Souza", phone: "+5511987654321", email: s.email });
    const leadAudit = await q("select actor_user_id, before, after from audit_logs where action = 'lead.update' and entity_id = $1", [s.leadId]);
    expect(leadAudit).toHaveLength(1);
    expect(leadAudit[0]).toMatchObject({ actor_user_id: a.users.admin.id, before: { name: s.name }, after: { name: "Zuleica Quintanilha Souza", phone: "+5511987654321" } });
    expect(await q("select 1 from audit_logs where action = 'contact.update' and entity_id = $1", [lead.contact_id])).toHaveLength(1);
    // The same path the lead page uses (crm.leads.update): a viewer may not.
    const viewer = await a.loginAs("viewer");
    expect((await viewer.trpc("mutation", "crm.leads.update", { id: s.leadId, details: { name: "Outra" } })).error?.data.code).toBe("FORBIDDEN");
    const agent = await a.loginAs("agent");
    expect((await agent.trpc("mutation", "crm.leads.update", { id: s.leadId, details: { company: "Padaria Nova" } })).error).toBeNull();
    const foreign = await (await b.loginAs("admin")).trpc("mutation", "crm.leads.update", { id: s.leadId, details: { name: "Invasor" } });
    expect(foreign.error?.data.code).toBe("NOT_FOUND");
  });
});

describe("CRM contacts as data subjects", () => {
  it("a contact no lead became is found by e-mail, exported with its deals, activities and custom-field values, and anonymised", async () => {
    const name = `Heitor Valdomiro ${Date.now()}`;
    const email = `heitor.${Date.now()}@exemplo.com.br`;
    const [contact] = await q("insert into contacts (tenant_id, name, email, phone, custom_fields) values ($1, $2, $3, '+5511912345678', $4) returning id", [a.id, name, email, JSON.stringify({ apelido: `Heitor do ${name}` })]);
    const [stage] = await q("select s.id, s.pipeline_id from pipeline_stages s join pipelines p on p.id = s.pipeline_id where s.tenant_id = $1 and p.is_default order by s.position limit 1", [a.id]);
    await q("insert into deals (tenant_id, pipeline_id, stage_id, title, probability, contact_id) values ($1, $2, $3, $4, 10, $5)", [a.id, stage.pipeline_id, stage.id, `Proposta ${name}`, contact.id]);
    await q("insert into activities (tenant_id, type, subject, description, contact_id) values ($1, 'call', $2, 'ligou pedindo desconto', $3)", [a.id, `Ligação com ${name}`, contact.id]);
    await q("insert into consents (tenant_id, contact_id, purpose, granted, legal_basis, channel, text_shown, text_version, ip) values ($1, $2, 'marketing', true, 'consentimento', 'phone', 'Aceita ofertas?', 'v1', '198.51.100.9')", [a.id, contact.id]);

    const accessId = await confirmedRequest(a, email, "access");
    expect((await q("select lead_id, contact_id from privacy_requests where id = $1", [accessId]))[0]).toEqual({ lead_id: null, contact_id: contact.id });
    expect((await adminA.trpc("mutation", "privacy.updateRequest", { id: accessId, status: "fulfilled", response: "Segue." })).error).toBeNull();
    const [mail] = await q("select text_body from email_outbox where to_address = $1 order by created_at desc limit 1", [email]);
    const link = new URL(mail.text_body.match(/https?:\/\/\S+\/api\/privacy\/export\?\S+/)![0]);
    const res = await request(env().port, a.host, "GET", link.pathname + link.search);
    expect(res.status).toBe(200);
    const data = res.json<{ subject: Record<string, string>; tables: Record<string, Record<string, unknown>[]> }>();
    expect(data.subject).toEqual({ contactId: contact.id });
    expect(data.tables.contacts).toHaveLength(1);
    expect(data.tables.contacts![0]).toMatchObject({ name, custom_fields: { apelido: `Heitor do ${name}` } });
    expect(data.tables.deals).toHaveLength(1);
    expect(data.tables.activities).toHaveLength(1);
    expect(data.tables.consents).toHaveLength(1);
    expect(data.tables.leads).toBeUndefined();

    const anonId = await confirmedRequest(a, email, "anonymisation");
    expect((await adminA.trpc("mutation", "privacy.updateRequest", { id: anonId, status: "fulfilled", response: "Anonimizado." })).error).toBeNull();
    expect(await scan([name, email, "+5511912345678", "5511912345678"])).toEqual([]);
    const [after] = await q("select name, custom_fields, anonymised_at from contacts where id = $1", [contact.id]);
    expect(after).toMatchObject({ name: "Titular anonimizado", custom_fields: {} });
    expect(await q("select purpose, ip, text_shown from consents where contact_id = $1", [contact.id])).toEqual([{ purpose: "marketing", ip: null, text_shown: "Aceita ofertas?" }]);
    expect(await q("select 1 from audit_logs where action = 'privacy.contact_anonymised' and entity_id = $1", [contact.id])).toHaveLength(1);
  });
});
