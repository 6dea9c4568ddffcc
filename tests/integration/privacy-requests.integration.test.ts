import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@vendaflow/db/create-db";
import { remindPrivacyDeadlines } from "@vendaflow/core/privacy/request-queue";
import { dueDateOf } from "@vendaflow/core/privacy/request-rules";
import { closeOwner, createTenant, env, owner, type FixtureTenant } from "../support/fixtures";
import type { Client } from "../support/http";
import { fails, ok } from "../support/trpc-calls";

// LGPD slice 2: the public privacy page's requests (one-time code to the e-mail on file, limited
// attempts, no hint whether the e-mail exists, protocol and art. 19 deadline), the admins' queue
// (status workflow, answer by e-mail, reminders) and tenant isolation on every path.

let a: FixtureTenant;
let b: FixtureTenant;
let adminA: Client;
let adminB: Client;
const LEAD_EMAIL = `titular-${Date.now()}@exemplo.com.br`;
// A second subject for the queue (each e-mail may file 5 requests an hour).
const QUEUE_EMAIL = `fila-${Date.now()}@exemplo.com.br`;
let leadA: string;
let queueLead: string;

async function mails(to: string) {
  const { rows } = await owner().query<{ subject: string; text_body: string }>("select subject, text_body from email_outbox where to_address = $1 order by created_at", [to]);
  return rows;
}
const codeIn = (text: string) => text.match(/^\d{6}$/m)?.[0] ?? null;
const submit = (c: Client, email: string, kind = "access") => ok<{ requestId: string }>(c, "mutation", "privacy.submitRequest", { kind, name: "Maria Titular", email, details: "Quero uma cópia." });

beforeAll(async () => {
  a = await createTenant();
  b = await createTenant();
  adminA = await a.loginAs("admin");
  adminB = await b.loginAs("admin");
  leadA = (await owner().query("insert into leads (tenant_id, name, email, source) values ($1, 'Maria Titular', $2, 'web') returning id", [a.id, LEAD_EMAIL.toUpperCase()])).rows[0].id;
  queueLead = (await owner().query("insert into leads (tenant_id, name, email, source) values ($1, 'Paulo Fila', $2, 'web') returning id", [a.id, QUEUE_EMAIL])).rows[0].id;
});
afterAll(closeOwner);

describe("public privacy page", () => {
  it("shows a default notice; the admin sets the encarregado and notice; only admins may", async () => {
    const before = await ok<{ notice: string; dpoName: string; tenantName: string }>(a.client(), "query", "privacy.notice");
    expect(before.notice).toContain("LGPD, art. 18");
    expect(before.dpoName).toBe("");
    const settings = { dpoName: "Joana Encarregada", dpoEmail: "dpo@empresa.com.br", dpoPhone: "+55 11 4000-0000", notice: "Nosso aviso." };
    const agent = await a.loginAs("agent");
    expect((await fails(agent, "mutation", "privacy.saveSettings", settings)).data.code).toBe("FORBIDDEN");
    await ok(adminA, "mutation", "privacy.saveSettings", settings);
    expect(await ok(a.client(), "query", "privacy.notice")).toMatchObject({ tenantName: `Empresa ${a.slug}`, dpoName: "Joana Encarregada", dpoEmail: "dpo@empresa.com.br", notice: "Nosso aviso." });
    expect((await ok<{ notice: string }>(b.client(), "query", "privacy.notice")).notice).not.toBe("Nosso aviso.");
    const bad = await fails(adminA, "mutation", "privacy.saveSettings", { ...settings, dpoName: "x".repeat(121) });
    expect(bad.data.zodIssues?.[0]).toMatchObject({ path: ["dpoName"], message: "O nome do encarregado deve ter no máximo 120 caracteres." });
    const page = await a.client().send("GET", "/privacidade");
    expect(page.status).toBe(200);
  });

  it("sends a code only to an e-mail on file, answering both the same way", async () => {
    const known = await submit(a.client(), LEAD_EMAIL);
    const unknown = await submit(a.client(), `ninguem-${Date.now()}@exemplo.com.br`);
    expect(Object.keys(known)).toEqual(["requestId"]);
    expect(Object.keys(unknown)).toEqual(["requestId"]);
    const sent = await mails(LEAD_EMAIL);
    expect(sent).toHaveLength(1);
    expect(codeIn(sent[0]!.text_body)).toMatch(/^\d{6}$/);
    const row = await owner().query("select status, lead_id, code_hash from privacy_requests where id = $1", [known.requestId]);
    expect(row.rows[0]).toMatchObject({ status: "awaiting_verification", lead_id: leadA });
    expect(row.rows[0].code_hash).not.toContain(codeIn(sent[0]!.text_body));
    // The unknown e-mail's request can never be confirmed; the refusal reads like a wrong code.
    const e = await fails(a.client(), "mutation", "privacy.verifyRequest", { requestId: unknown.requestId, code: "123456" });
    expect(e).toMatchObject({ message: "Código inválido ou expirado. Confira o código que você recebeu ou faça um novo pedido.", data: { code: "BAD_REQUEST" } });
  });

  it("limits attempts: 5 wrong codes expire the request, after which the right one is refused too", async () => {
    const { requestId } = await submit(a.client(), LEAD_EMAIL, "correction");
    const code = codeIn((await mails(LEAD_EMAIL)).at(-1)!.text_body)!;
    const wrong = code === "000000" ? "000001" : "000000";
    for (let i = 0; i < 5; i++) await fails(a.client(), "mutation", "privacy.verifyRequest", { requestId, code: wrong });
    const e = await fails(a.client(), "mutation", "privacy.verifyRequest", { requestId, code });
    expect(e.message).toBe("Código inválido ou expirado. Confira o código que você recebeu ou faça um novo pedido.");
    expect((await owner().query("select status, attempts from privacy_requests where id = $1", [requestId])).rows[0]).toEqual({ status: "expired", attempts: 5 });
    const audit = await owner().query("select count(*)::int as n from audit_logs where entity_id = $1 and action = 'privacy_request.verification_failed'", [requestId]);
    expect(audit.rows[0].n).toBe(5);
    const badCode = await fails(a.client(), "mutation", "privacy.verifyRequest", { requestId, code: "12ab" });
    expect(badCode.data.zodIssues?.[0]?.message).toBe("O código tem 6 dígitos.");
  });

  it("the right code opens the request with a protocol and the art. 19 deadline; admins are notified; every step is audited", async () => {
    const { requestId } = await submit(a.client(), LEAD_EMAIL);
    const code = codeIn((await mails(LEAD_EMAIL)).at(-1)!.text_body)!;
    // Another tenant's host cannot confirm it.
    expect((await fails(b.client(), "mutation", "privacy.verifyRequest", { requestId, code })).data.code).toBe("BAD_REQUEST");
    const res = await ok<{ protocol: string; dueDate: string; status: string; answer: string | null }>(a.client(), "mutation", "privacy.verifyRequest", { requestId, code });
    expect(res.protocol).toMatch(/^LGPD-\d{8}-[A-Z2-9]{6}$/);
    expect(res).toMatchObject({ status: "open", answer: null, dueDate: dueDateOf(new Date()) });
    const confirmation = (await mails(LEAD_EMAIL)).at(-1)!;
    expect(confirmation.text_body).toContain(`Protocolo: ${res.protocol}.`);
    // In the subject's words, not the queue's label ("Recebemos seu pedido: Acesso aos dados.").
    expect(confirmation.text_body).toContain("Recebemos seu pedido de acesso aos seus dados.");
    // A used code cannot be replayed.
    expect((await fails(a.client(), "mutation", "privacy.verifyRequest", { requestId, code })).data.code).toBe("BAD_REQUEST");
    const notes = await owner().query("select user_id from notifications where tenant_id = $1 and kind = 'privacy_request' and data->>'requestId' = $2", [a.id, requestId]);
    expect(notes.rows).toEqual([{ user_id: a.users.admin.id }]);
    const steps = await owner().query("select action from audit_logs where entity_id = $1 order by created_at, action", [requestId]);
    expect(steps.rows.map((r) => r.action)).toEqual(["privacy_request.submitted", "privacy_request.verified"]);
  });

  it("a confirmed revocation request revokes every consent-based purpose at once, in the ledger, with the protocol as reason", async () => {
    const email = `revoga-${Date.now()}@exemplo.com.br`;
    const lead = (await owner().query("insert into leads (tenant_id, name, email, source, marketing_consent) values ($1, 'Rita Revoga', $2, 'web', true) returning id", [a.id, email])).rows[0].id;
    for (const purpose of ["service", "marketing", "analytics"]) {
      await owner().query("insert into consents (tenant_id, lead_id, purpose, granted, legal_basis, channel, text_shown, text_version) values ($1, $2, $3, true, 'consentimento', 'web', 'Aviso v1', 'v1')", [a.id, lead, purpose]);
    }
    const { requestId } = await submit(a.client(), email, "revocation");
    const code = codeIn((await mails(email)).at(-1)!.text_body)!;
    const res = await ok<{ protocol: string; status: string; answer: string }>(a.client(), "mutation", "privacy.verifyRequest", { requestId, code });
    expect(res.status).toBe("fulfilled");
    expect(res.answer).toContain("Revogamos seu consentimento para: comunicações de marketing, análises e métricas.");
    const latest = await owner().query(
      "select distinct on (purpose) purpose, granted, channel, revocation_reason from consents where lead_id = $1 order by purpose, created_at desc, revokes_id desc nulls last",
      [lead],
    );
    expect(latest.rows).toEqual([
      { purpose: "analytics", granted: false, channel: "privacy_page", revocation_reason: `Pedido de revogação ${res.protocol}` },
      { purpose: "marketing", granted: false, channel: "privacy_page", revocation_reason: `Pedido de revogação ${res.protocol}` },
      // The conversation the subject started goes on (art. 7, V); erasure is its own request.
      { purpose: "service", granted: true, channel: "web", revocation_reason: null },
    ]);
    expect((await owner().query("select marketing_consent from leads where id = $1", [lead])).rows[0].marketing_consent).toBe(false);
    const closed = await owner().query("select status, closed_at is not null as closed, response from privacy_requests where id = $1", [requestId]);
    expect(closed.rows[0]).toMatchObject({ status: "fulfilled", closed: true });
    expect((await mails(email)).at(-1)!.text_body).toContain("Revogamos seu consentimento");
    // Nothing left to revoke: a second request says so and changes nothing.
    const again = await submit(a.client(), email, "revocation");
    const code2 = codeIn((await mails(email)).at(-1)!.text_body)!;
    const res2 = await ok<{ answer: string }>(a.client(), "mutation", "privacy.verifyRequest", { requestId: again.requestId, code: code2 });
    expect(res2.answer).toContain("nada precisou ser revogado");
    expect((await owner().query("select count(*)::int as n from consents where lead_id = $1", [lead])).rows[0].n).toBe(5);
  });

  it("a confirmation request is answered at once in simplified form (art. 19 I)", async () => {
    const { requestId } = await submit(a.client(), LEAD_EMAIL, "confirmation");
    const code = codeIn((await mails(LEAD_EMAIL)).at(-1)!.text_body)!;
    const res = await ok<{ status: string; answer: string }>(a.client(), "mutation", "privacy.verifyRequest", { requestId, code });
    expect(res.status).toBe("fulfilled");
    expect(res.answer).toContain("Confirmamos que");
  });

  it("art. 20: the score's criteria are answered at once; the human review stays open", async () => {
    await owner().query("update leads set bant_score = 30, bant_data = $2, score = 40, score_facts = $3 where id = $1", [
      leadA,
      JSON.stringify({ budget: { value: 20000, score: 30, raw: "uns 20 mil" } }),
      JSON.stringify([{ kind: "messages", key: "messages", points: 10, reason: "Enviou 4 mensagens." }]),
    ]);
    const { requestId } = await submit(a.client(), LEAD_EMAIL, "automated_review");
    const code = codeIn((await mails(LEAD_EMAIL)).at(-1)!.text_body)!;
    const res = await ok<{ status: string; answer: string }>(a.client(), "mutation", "privacy.verifyRequest", { requestId, code });
    expect(res.status).toBe("open");
    expect(res.answer).toContain("Sua pontuação automática de qualificação é 30 pontos");
    expect(res.answer).toContain("Orçamento: você respondeu “uns 20 mil” — 30");
    expect(res.answer).toContain("A pontuação de vendas usada pela equipe é 40 pontos, composta por:");
    expect(res.answer).toContain("• Enviou 4 mensagens. (10 pontos)");
    expect((await mails(LEAD_EMAIL)).at(-1)!.text_body).toContain("revisão por uma pessoa");
  });

  it("refuses bad input with pt-BR messages", async () => {
    const e = await fails(a.client(), "mutation", "privacy.submitRequest", { kind: "tudo", name: "", email: "nao-e-email", details: "x".repeat(2001) });
    const byPath = Object.fromEntries((e.data.zodIssues ?? []).map((i) => [i.path.join("."), i.message]));
    expect(byPath).toMatchObject({ kind: "Escolha o tipo de pedido.", name: "Informe seu nome.", email: "Informe um e-mail válido.", details: "Os detalhes devem ter no máximo 2000 caracteres." });
  });
});

describe("the admins' queue", () => {
  let request: { id: string; protocol: string };
  beforeAll(async () => {
    const { requestId } = await submit(a.client(), QUEUE_EMAIL, "portability");
    const code = codeIn((await mails(QUEUE_EMAIL)).at(-1)!.text_body)!;
    const res = await ok<{ protocol: string }>(a.client(), "mutation", "privacy.verifyRequest", { requestId, code });
    request = { id: requestId, protocol: res.protocol };
  });

  it("lists confirmed requests with the business days left; only admins; never another tenant's", async () => {
    const list = await ok<{ id: string; protocol: string; businessDaysLeft: number; status: string; leadId: string }[]>(adminA, "query", "privacy.requests", { status: null });
    const mine = list.find((r) => r.id === request.id)!;
    expect(mine).toMatchObject({ protocol: request.protocol, status: "open", leadId: queueLead });
    expect(mine.businessDaysLeft).toBeGreaterThanOrEqual(9);
    expect(list.every((r) => r.status !== "awaiting_verification" && r.status !== "expired")).toBe(true);
    expect((await fails(await a.loginAs("agent"), "query", "privacy.requests", { status: null })).data.code).toBe("FORBIDDEN");
    const other = await ok<{ id: string }[]>(adminB, "query", "privacy.requests", { status: null });
    expect(other.map((r) => r.id)).not.toContain(request.id);
    expect((await fails(adminB, "mutation", "privacy.updateRequest", { id: request.id, status: "in_progress" })).data.code).toBe("NOT_FOUND");
  });

  it("moves open → in progress → fulfilled, mails the answer, audits each step; closed requests stay closed", async () => {
    const noAnswer = await fails(adminA, "mutation", "privacy.updateRequest", { id: request.id, status: "fulfilled", response: "" });
    expect(noAnswer.data.zodIssues?.[0]).toMatchObject({ path: ["response"], message: "Escreva a resposta ao titular." });
    await ok(adminA, "mutation", "privacy.updateRequest", { id: request.id, status: "in_progress" });
    await ok(adminA, "mutation", "privacy.updateRequest", { id: request.id, status: "fulfilled", response: "Segue o arquivo com seus dados." });
    const last = (await mails(QUEUE_EMAIL)).at(-1)!;
    expect(last.subject).toContain("Resposta ao seu pedido de privacidade");
    expect(last.text_body).toContain("Segue o arquivo com seus dados.");
    expect(last.text_body).toContain(`Esta é a resposta ao seu pedido de portabilidade dos seus dados (protocolo ${request.protocol}).`);
    const back = await fails(adminA, "mutation", "privacy.updateRequest", { id: request.id, status: "in_progress" });
    expect(back).toMatchObject({ message: "Este pedido não pode mudar para essa situação.", data: { code: "PRECONDITION_FAILED" } });
    const steps = await owner().query("select action, after->>'status' as status from audit_logs where entity_id = $1 and action = 'privacy_request.status_changed' order by created_at", [request.id]);
    expect(steps.rows.map((r) => r.status)).toEqual(["in_progress", "fulfilled"]);
  });

  it("reminds the admins once when 3 business days or fewer remain", async () => {
    const { requestId } = await submit(a.client(), QUEUE_EMAIL, "sharing_info");
    const code = codeIn((await mails(QUEUE_EMAIL)).at(-1)!.text_body)!;
    await ok(a.client(), "mutation", "privacy.verifyRequest", { requestId, code });
    const db = createDb({ url: env().appUrl, max: 1 });
    try {
      const now = new Date();
      // Not yet: 15 days out.
      const first = await remindPrivacyDeadlines(db.db, a.id, now);
      expect((await owner().query("select reminded_at from privacy_requests where id = $1", [requestId])).rows[0].reminded_at).toBeNull();
      await owner().query("update privacy_requests set due_date = current_date where id = $1", [requestId]);
      const second = await remindPrivacyDeadlines(db.db, a.id, now);
      expect(second).toBeGreaterThan(first);
      expect((await owner().query("select count(*)::int as n from notifications where kind = 'privacy_deadline' and data->>'requestId' = $1", [requestId])).rows[0].n).toBe(1);
      expect(await remindPrivacyDeadlines(db.db, a.id, now)).toBe(0);
      // Tenant B's sweep never touches A's requests.
      await owner().query("update privacy_requests set reminded_at = null where id = $1", [requestId]);
      await remindPrivacyDeadlines(db.db, b.id, now);
      expect((await owner().query("select reminded_at from privacy_requests where id = $1", [requestId])).rows[0].reminded_at).toBeNull();
    } finally {
      await db.close();
    }
  });
});
