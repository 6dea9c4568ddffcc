import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { incidentDeadline } from "@vendaflow/core/privacy/incident-notice";
import { closeOwner, createTenant, owner, type FixtureTenant } from "../support/fixtures";
import type { Client } from "../support/http";

// LGPD slice 4: the incident register (Res. ANPD 15/2024: 3 business days, generated notice) and the
// records of processing / sub-processors, over tRPC, admin-only where it writes, per tenant.

let a: FixtureTenant;
let b: FixtureTenant;
let adminA: Client;
let adminB: Client;

const incident = (over: Record<string, unknown> = {}) => ({
  title: "Acesso indevido à caixa de e-mail",
  description: "A senha de uma conta de atendimento vazou.",
  occurredAt: new Date(Date.now() - 3 * 3_600_000).toISOString(),
  knownAt: new Date(Date.now() - 3_600_000).toISOString(),
  dataCategories: ["nome", "e-mail"],
  subjectsAffected: 42,
  measures: "Senhas trocadas e segundo fator ativado.",
  risk: "medium",
  ...over,
});

beforeAll(async () => {
  a = await createTenant();
  b = await createTenant();
  adminA = await a.loginAs("admin");
  adminB = await b.loginAs("admin");
});
afterAll(closeOwner);

describe("incident register", () => {
  it("registers an incident with its 3-business-day deadline and a pt-BR notice; audited", async () => {
    const created = await adminA.trpc<{ id: string; deadline: string; notice: string; businessDaysLeft: number }>("mutation", "privacy.createIncident", incident());
    expect(created.error).toBeNull();
    expect(created.data.deadline).toBe(incidentDeadline(new Date(Date.now() - 3_600_000)));
    expect(created.data.businessDaysLeft).toBeLessThanOrEqual(3);
    expect(created.data.notice).toContain(`Comunicado de incidente de segurança com dados pessoais — Empresa ${a.slug}`);
    expect(created.data.notice).toContain("Titulares afetados: 42. Risco avaliado: médio.");
    const audit = await owner().query("select action from audit_logs where entity_id = $1", [created.data.id]);
    expect(audit.rows).toEqual([{ action: "privacy.incident_registered" }]);

    const marked = await adminA.trpc("mutation", "privacy.markIncidentNotified", { id: created.data.id, notified: "anpd" });
    expect(marked.error).toBeNull();
    const again = await adminA.trpc("mutation", "privacy.markIncidentNotified", { id: created.data.id, notified: "anpd" });
    expect(again.error).toMatchObject({ message: "Esta comunicação já foi registrada.", data: { code: "CONFLICT" } });
    const list = await adminA.trpc<{ id: string; anpdNotifiedAt: string | null; subjectsNotifiedAt: string | null }[]>("query", "privacy.incidents");
    expect(list.data.find((i) => i.id === created.data.id)).toMatchObject({ subjectsNotifiedAt: null });
    expect(list.data.find((i) => i.id === created.data.id)!.anpdNotifiedAt).not.toBeNull();

    // Tenant B sees nothing of it and cannot mark it.
    expect((await adminB.trpc<{ id: string }[]>("query", "privacy.incidents")).data.map((i) => i.id)).not.toContain(created.data.id);
    expect((await adminB.trpc("mutation", "privacy.markIncidentNotified", { id: created.data.id, notified: "subjects" })).error?.data.code).toBe("NOT_FOUND");
  });

  it("refuses bad input in pt-BR and non-admins", async () => {
    const future = await adminA.trpc("mutation", "privacy.createIncident", incident({ knownAt: new Date(Date.now() + 86_400_000).toISOString() }));
    expect(future.error?.message).toBe("A data de conhecimento não pode estar no futuro.");
    const bad = await adminA.trpc("mutation", "privacy.createIncident", incident({ title: "x".repeat(201), dataCategories: [], subjectsAffected: -1 }));
    const byPath = Object.fromEntries((bad.error?.data.zodIssues ?? []).map((i) => [i.path.join("."), i.message]));
    expect(byPath).toMatchObject({ title: "O título deve ter no máximo 200 caracteres.", dataCategories: "Informe ao menos uma categoria de dados afetada.", subjectsAffected: "O número não pode ser negativo." });
    const agent = await a.loginAs("agent");
    expect((await agent.trpc("mutation", "privacy.createIncident", incident())).error?.data.code).toBe("FORBIDDEN");
  });
});

describe("records of processing", () => {
  it("lists the registry's tables and the sub-processors to any member of the tenant", async () => {
    const viewer = await a.loginAs("viewer");
    const res = await viewer.trpc<{ records: { table: string }[]; subProcessors: { name: string; transfer: string }[] }>("query", "privacy.records");
    expect(res.error).toBeNull();
    expect(res.data.records.map((r) => r.table)).toEqual(expect.arrayContaining(["leads", "messages", "consents", "contacts", "privacy_requests"]));
    expect(res.data.subProcessors.map((s) => s.name)).toEqual(expect.arrayContaining(["Vercel", "Neon", "Upstash", "Stripe", "Meta Platforms"]));
  });
});

describe("retention policy", () => {
  it("dry-runs, then anonymises only idle unconverted leads of its own tenant; admin-only; limits in pt-BR", async () => {
    const old = "now() - interval '30 months'";
    const ids = async (t: FixtureTenant, name: string, extra = "") =>
      (await owner().query(`insert into leads (tenant_id, name, email, source, created_at ${extra ? ", contact_id" : ""}) values ($1, $2, $3, 'web', ${old} ${extra ? ", $4" : ""}) returning id`, [t.id, name, `${name.toLowerCase().replace(/\s/g, ".")}@exemplo.com.br`, ...(extra ? [extra] : [])])).rows[0].id as string;
    const idle = await ids(a, "Idle Um");
    const idle2 = await ids(a, "Idle Dois");
    const contact = (await owner().query("insert into contacts (tenant_id, name) values ($1, 'Cliente') returning id", [a.id])).rows[0].id;
    const converted = await ids(a, "Convertido", contact);
    const recent = (await owner().query("insert into leads (tenant_id, name, source) values ($1, 'Recente', 'web') returning id", [a.id])).rows[0].id;
    const otherTenant = await ids(b, "Outro Tenant");

    const dry = await adminA.trpc<{ count: number; sample: { id: string }[] }>("query", "privacy.retentionDryRun", { unconvertedLeadMonths: 24 });
    expect(dry.error).toBeNull();
    expect(dry.data.sample.map((s) => s.id).sort()).toEqual([idle, idle2].sort());
    expect(dry.data.count).toBe(2);
    expect((await owner().query("select count(*)::int as n from leads where id = any($1) and anonymised_at is not null", [[idle, idle2]])).rows[0].n).toBe(0);

    // "Aplicar agora" is for a policy that is on: the sweep continues only those runs (docs/privacy.md).
    const off = await adminA.trpc("mutation", "privacy.applyRetention");
    expect(off.error).toMatchObject({ message: "Ative e salve a política de retenção antes de aplicá-la agora.", data: { code: "PRECONDITION_FAILED" } });
    expect((await owner().query("select count(*)::int as n from leads where id = any($1) and anonymised_at is not null", [[idle, idle2]])).rows[0].n).toBe(0);
    expect((await owner().query("select count(*)::int as n from privacy_retention where tenant_id = $1 and last_run_at is not null", [a.id])).rows[0].n).toBe(0);
    // The server's own daily run (local-jobs queues the sweep every 30 s) could take the leads once the
    // policy is on, before the apply below: a run that drained a moment ago keeps it off this tenant for 23 h.
    await owner().query("insert into privacy_retention (tenant_id, enabled, last_run_at) values ($1, false, now())", [a.id]);

    const bad = await adminA.trpc("mutation", "privacy.saveRetention", { enabled: true, unconvertedLeadMonths: 0 });
    expect(bad.error?.data.zodIssues?.[0]).toMatchObject({ path: ["unconvertedLeadMonths"], message: "O mínimo é 1 mês." });
    expect((await adminA.trpc("mutation", "privacy.saveRetention", { enabled: true, unconvertedLeadMonths: 24 })).error).toBeNull();
    expect((await (await a.loginAs("agent")).trpc("mutation", "privacy.applyRetention")).error?.data.code).toBe("FORBIDDEN");
    const applied = await adminA.trpc<{ anonymised: number; remaining: number }>("mutation", "privacy.applyRetention");
    expect(applied.data).toMatchObject({ anonymised: 2, remaining: 0 });

    const state = await owner().query("select id, name, anonymised_at is not null as anon from leads where id = any($1)", [[idle, idle2, converted, recent, otherTenant]]);
    const byId = Object.fromEntries(state.rows.map((r) => [r.id, r]));
    expect(byId[idle]).toMatchObject({ anon: true, name: "Titular anonimizado" });
    expect(byId[idle2]).toMatchObject({ anon: true });
    expect(byId[converted]).toMatchObject({ anon: false, name: "Convertido" });
    expect(byId[recent]).toMatchObject({ anon: false });
    expect(byId[otherTenant]).toMatchObject({ anon: false, name: "Outro Tenant" });
    const settings = await adminA.trpc<{ lastReport: { anonymised: number } }>("query", "privacy.retention");
    expect(settings.data.lastReport.anonymised).toBe(2);

    // Turned off again: refused again; the last run's report stays as it was.
    expect((await adminA.trpc("mutation", "privacy.saveRetention", { enabled: false, unconvertedLeadMonths: 24 })).error).toBeNull();
    expect((await adminA.trpc("mutation", "privacy.applyRetention")).error?.data.code).toBe("PRECONDITION_FAILED");
    expect((await adminA.trpc<{ lastReport: { anonymised: number } }>("query", "privacy.retention")).data.lastReport.anonymised).toBe(2);
  });
});
