import { request as httpRequest } from "node:http";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultBantFlow } from "@vendaflow/core/bot/default-flow";
import { closeOwner, createTenant, env, owner, seedConversationRows, type FixtureTenant } from "../support/fixtures";
import type { Client, TrpcError } from "../support/http";
import { fails } from "../support/trpc-calls";

// The CRM over HTTP (tRPC): default pipeline per tenant, companies / contacts / deals / activities
// round-trips, stage moves (probability, activity, audit), win / lose with reasons, custom field
// validation, soft delete with undo, roles, concurrent moves, and tenant isolation on every path.

afterAll(closeOwner);

type Stage = { id: string; name: string; position: number; probability: number; kind: string };
type Pipeline = { id: string; name: string; is_default: boolean; stages: Stage[] };
type Page<T> = { items: T[]; nextCursor: string | null };
type Deal = { id: string; title: string; value_cents: number; stage_id: string; pipeline_id: string; probability: number; status: string; lost_reason_id: string | null; company_name: string | null; custom_fields: Record<string, unknown> };
type Activity = { id: string; type: string; system_event: string | null; subject: string; data: Record<string, unknown>; completed_at: string | null; due_at: string | null };

async function ok<T>(c: Client, path: string, input?: unknown): Promise<T> {
  const res = await c.trpc<T>("mutation", path, input);
  expect(res.error, `${path}: ${res.error?.message}`).toBeNull();
  return res.data;
}
async function read<T>(c: Client, path: string, input?: unknown): Promise<T> {
  const res = await c.trpc<T>("query", path, input);
  expect(res.error, `${path}: ${res.error?.message}`).toBeNull();
  return res.data;
}
const field = (e: TrpcError) => (e.data.details as { field?: string } | null)?.field ?? e.data.zodIssues?.[0]?.path.join(".");
const count = async (sql: string, params: unknown[]) => (await owner().query<{ n: number }>(sql, params)).rows[0]!.n;

let a: FixtureTenant;
let b: FixtureTenant;
let adminA: Client;
let pipeA: Pipeline;

beforeAll(async () => {
  a = await createTenant();
  b = await createTenant();
  await seedConversationRows(b.id);
  adminA = await a.loginAs("admin");
  pipeA = (await read<Pipeline[]>(adminA, "crm.pipelines.list"))[0]!;
});

describe("CRM: defaults and pipelines", () => {
  it("every new tenant gets the default pipeline Novo → Qualificado → Proposta → Negociação → Ganho / Perdido and lost reasons", async () => {
    const pipelines = await read<Pipeline[]>(adminA, "crm.pipelines.list");
    expect(pipelines).toHaveLength(1);
    expect(pipelines[0]!.is_default).toBe(true);
    expect(pipelines[0]!.stages.map((s) => [s.name, s.probability, s.kind])).toEqual([
      ["Novo", 10, "open"],
      ["Qualificado", 25, "open"],
      ["Proposta", 50, "open"],
      ["Negociação", 75, "open"],
      ["Ganho", 100, "won"],
      ["Perdido", 0, "lost"],
    ]);
    const reasons = await read<{ name: string }[]>(adminA, "crm.pipelines.lostReasons");
    expect(reasons.map((r) => r.name)).toContain("Preço");
  });

  it("admins reorder and rename stages keeping their ids; a stage holding deals cannot be removed; agents cannot edit", async () => {
    const t = await createTenant();
    const admin = await t.loginAs("admin");
    const [p] = await read<Pipeline[]>(admin, "crm.pipelines.list");
    const [novo, qual, prop, neg, won, lost] = p!.stages;
    const stages = [qual, novo, prop, neg, won, lost].map((s) => ({ id: s!.id, name: s!.name === "Novo" ? "Entrada" : s!.name, probability: s!.probability, kind: s!.kind }));
    await ok(admin, "crm.pipelines.save", { id: p!.id, name: "Vendas B2B", isDefault: true, stages });
    const [after] = await read<Pipeline[]>(admin, "crm.pipelines.list");
    expect(after!.name).toBe("Vendas B2B");
    expect(after!.stages.map((s) => [s.id, s.name])).toEqual(stages.map((s) => [s.id, s.name]));

    await ok(admin, "crm.deals.create", { title: "Com etapa", stageId: prop!.id });
    const err = await fails(admin, "mutation", "crm.pipelines.save", { id: p!.id, name: "Vendas B2B", isDefault: true, stages: stages.filter((s) => s.id !== prop!.id) });
    expect(err.data.code).toBe("CONFLICT");
    expect(err.message).toMatch(/Proposta/);

    const agent = await t.loginAs("agent");
    expect((await fails(agent, "mutation", "crm.pipelines.save", { id: null, name: "Outro", stages })).data.code).toBe("FORBIDDEN");
  });
});

describe("CRM: companies and contacts", () => {
  it("round-trip, pt-BR search ignoring accents and case, keyset pages, soft delete with undo", async () => {
    const t = await createTenant();
    const admin = await t.loginAs("admin");
    const co = await ok<{ id: string }>(admin, "crm.companies.save", { id: null, name: "Padaria São João", domain: "https://www.PadariaSaoJoao.com.br/", size: "11-50", phone: "(11) 3456-7890", tags: ["Varejo", "varejo"] });
    const company = await read<{ domain: string; phone: string; tags: string[]; size: string }>(admin, "crm.companies.get", { id: co.id });
    expect(company).toMatchObject({ domain: "padariasaojoao.com.br", phone: "+551134567890", tags: ["varejo"], size: "11-50" });
    const dup = await fails(admin, "mutation", "crm.companies.save", { id: null, name: "Outra", domain: "padariasaojoao.com.br" });
    expect([dup.data.code, field(dup)]).toEqual(["CONFLICT", "domain"]);

    for (const name of ["João Silva", "Márcia Gonçalves", "Ana Lúcia", "Pedro Álvares"]) {
      await ok(admin, "crm.contacts.save", { id: null, name, email: `${name.split(" ")[0]!.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase()}@padaria.com.br`, phone: "11 98765-4321", companyId: co.id });
    }
    const found = await read<Page<{ name: string; company_name: string; phone: string }>>(admin, "crm.contacts.list", { q: "joao" });
    expect(found.items.map((c) => c.name)).toEqual(["João Silva"]);
    expect(found.items[0]).toMatchObject({ company_name: "Padaria São João", phone: "+5511987654321" });
    expect((await read<Page<{ name: string }>>(admin, "crm.contacts.list", { q: "GONÇALV" })).items.map((c) => c.name)).toEqual(["Márcia Gonçalves"]);
    expect((await read<Page<{ name: string }>>(admin, "crm.companies.list", { q: "sao joao" })).items).toHaveLength(1);

    const page1 = await read<Page<{ id: string }>>(admin, "crm.contacts.list", { limit: 3 });
    expect(page1.items).toHaveLength(3);
    const page2 = await read<Page<{ id: string }>>(admin, "crm.contacts.list", { limit: 3, cursor: page1.nextCursor });
    expect(page2.items).toHaveLength(1);
    expect(page2.nextCursor).toBeNull();
    expect(new Set([...page1.items, ...page2.items].map((c) => c.id)).size).toBe(4);

    const victim = page2.items[0]!.id;
    await ok(admin, "crm.contacts.setDeleted", { id: victim });
    expect((await read<Page<{ id: string }>>(admin, "crm.contacts.list", {})).items.map((c) => c.id)).not.toContain(victim);
    expect((await fails(admin, "query", "crm.contacts.get", { id: victim })).data.code).toBe("NOT_FOUND");
    await ok(admin, "crm.contacts.setDeleted", { id: victim, deleted: false });
    expect((await read<Page<{ id: string }>>(admin, "crm.contacts.list", {})).items.map((c) => c.id)).toContain(victim);

    const bad = await fails(admin, "mutation", "crm.contacts.save", { id: null, name: "X", phone: "123" });
    expect(field(bad)).toBe("phone");
    expect(bad.message).toMatch(/Telefone inválido/);
    const nul = await fails(admin, "mutation", "crm.contacts.save", { id: null, name: "A\u0000B" });
    expect(field(nul)).toBe("name");
  });
});

describe("CRM: deals", () => {
  it("a deal starts in the default pipeline's first stage; moves update probability, log an activity and an audit row", async () => {
    const [novo, qual, prop] = pipeA.stages;
    const deal = await ok<{ id: string }>(adminA, "crm.deals.create", { title: "Licença anual", valueCents: 1_250_000 });
    let d = await read<Deal>(adminA, "crm.deals.get", { id: deal.id });
    expect(d).toMatchObject({ stage_id: novo!.id, probability: 10, status: "open", value_cents: 1_250_000 });

    const moved = await ok<{ stageId: string; probability: number }>(adminA, "crm.deals.move", { id: deal.id, stageId: prop!.id, fromStageId: novo!.id });
    expect(moved).toMatchObject({ stageId: prop!.id, probability: 50 });
    d = await read<Deal>(adminA, "crm.deals.get", { id: deal.id });
    expect(d).toMatchObject({ stage_id: prop!.id, probability: 50 });
    const acts = await read<Page<Activity>>(adminA, "crm.activities.list", { dealId: deal.id });
    expect(acts.items[0]).toMatchObject({ system_event: "stage_changed", subject: "Etapa alterada: Novo → Proposta", data: expect.objectContaining({ fromStageId: novo!.id, toStageId: prop!.id }) });
    expect(await count("select count(*)::int as n from audit_logs where tenant_id = $1 and action = 'deal.move' and entity_id = $2", [a.id, deal.id])).toBe(1);

    // The client saw an old stage: conflict, nothing changes.
    const stale = await fails(adminA, "mutation", "crm.deals.move", { id: deal.id, stageId: qual!.id, fromStageId: novo!.id });
    expect(stale.data.code).toBe("CONFLICT");
    expect((await read<Deal>(adminA, "crm.deals.get", { id: deal.id })).stage_id).toBe(prop!.id);

    // Lost needs a reason from the tenant's list; won sets 100%.
    const lostStage = pipeA.stages.find((s) => s.kind === "lost")!;
    expect(field(await fails(adminA, "mutation", "crm.deals.move", { id: deal.id, stageId: lostStage.id }))).toBe("lostReasonId");
    const [reason] = await read<{ id: string; name: string }[]>(adminA, "crm.pipelines.lostReasons");
    const bReason = (await owner().query("select id from lost_reasons where tenant_id = $1 limit 1", [b.id])).rows[0].id;
    expect(field(await fails(adminA, "mutation", "crm.deals.lose", { id: deal.id, lostReasonId: bReason }))).toBe("lostReasonId");
    await ok(adminA, "crm.deals.lose", { id: deal.id, lostReasonId: reason!.id, note: "Achou caro" });
    d = await read<Deal>(adminA, "crm.deals.get", { id: deal.id });
    expect(d).toMatchObject({ status: "lost", probability: 0, lost_reason_id: reason!.id, stage_id: lostStage.id });
    await ok(adminA, "crm.deals.win", { id: deal.id });
    d = await read<Deal>(adminA, "crm.deals.get", { id: deal.id });
    expect(d).toMatchObject({ status: "won", probability: 100, lost_reason_id: null });
    const events = (await read<Page<Activity>>(adminA, "crm.activities.list", { dealId: deal.id })).items.map((x) => x.system_event);
    expect(events).toEqual(["deal_won", "deal_lost", "stage_changed"]);
  });

  it("refuses a stage of another pipeline, another tenant's pipeline, stage or company, and writes nothing", async () => {
    const other = await ok<{ id: string }>(adminA, "crm.pipelines.save", {
      id: null,
      name: "Parcerias",
      stages: [
        { name: "Contato", probability: 20 },
        { name: "Fechado", probability: 100, kind: "won" },
        { name: "Descartado", probability: 0, kind: "lost" },
      ],
    });
    const pipelines = await read<Pipeline[]>(adminA, "crm.pipelines.list");
    const otherStage = pipelines.find((p) => p.id === other.id)!.stages[0]!;
    const before = await count("select count(*)::int as n from deals where tenant_id = $1", [a.id]);

    expect(field(await fails(adminA, "mutation", "crm.deals.create", { title: "X", pipelineId: pipeA.id, stageId: otherStage.id }))).toBe("stageId");
    const bStage = (await owner().query("select id, pipeline_id from pipeline_stages where tenant_id = $1 limit 1", [b.id])).rows[0];
    expect(field(await fails(adminA, "mutation", "crm.deals.create", { title: "X", pipelineId: bStage.pipeline_id }))).toBe("pipelineId");
    expect(field(await fails(adminA, "mutation", "crm.deals.create", { title: "X", stageId: bStage.id }))).toBe("stageId");
    const bCompany = (await owner().query("select id from companies where tenant_id = $1 limit 1", [b.id])).rows[0].id;
    expect(field(await fails(adminA, "mutation", "crm.deals.create", { title: "X", companyId: bCompany }))).toBe("companyId");
    expect(await count("select count(*)::int as n from deals where tenant_id = $1", [a.id])).toBe(before);

    const deal = await ok<{ id: string }>(adminA, "crm.deals.create", { title: "Y" });
    expect(field(await fails(adminA, "mutation", "crm.deals.move", { id: deal.id, stageId: otherStage.id }))).toBe("stageId");
  });

  it("custom fields: values are checked against the definitions, naming the field; nothing half-written", async () => {
    const t = await createTenant();
    const admin = await t.loginAs("admin");
    const seg = await ok<{ id: string }>(admin, "crm.customFields.save", { id: null, entityType: "deal", label: "Segmento", fieldType: "select", options: ["Varejo", "Indústria"], isRequired: true });
    const mrr = await ok<{ id: string }>(admin, "crm.customFields.save", { id: null, entityType: "deal", label: "MRR", fieldType: "currency" });
    const missing = await fails(admin, "mutation", "crm.deals.create", { title: "Sem segmento" });
    expect([missing.data.code, field(missing), missing.message]).toEqual(["BAD_REQUEST", `customFields.${seg.id}`, '"Segmento" é obrigatório.']);
    const wrong = await fails(admin, "mutation", "crm.deals.create", { title: "Errado", customFields: { [seg.id]: "Varejo", [mrr.id]: "mil" } });
    expect([field(wrong), wrong.message]).toEqual([`customFields.${mrr.id}`, '"MRR" deve ser um valor em centavos.']);
    const foreignField = (await owner().query("select id from custom_fields where tenant_id = $1 limit 1", [b.id])).rows[0].id;
    expect(field(await fails(admin, "mutation", "crm.deals.create", { title: "Campo alheio", customFields: { [seg.id]: "Varejo", [foreignField]: "Feira" } }))).toBe(`customFields.${foreignField}`);
    expect(await count("select count(*)::int as n from deals where tenant_id = $1", [t.id])).toBe(0);
    expect(await count("select count(*)::int as n from audit_logs where tenant_id = $1 and action = 'deal.create'", [t.id])).toBe(0);

    const deal = await ok<{ id: string }>(admin, "crm.deals.create", { title: "Certo", customFields: { [seg.id]: "Indústria", [mrr.id]: 99_900 } });
    // A partial update keeps the other stored values; clearing a required one is refused.
    await ok(admin, "crm.deals.update", { id: deal.id, title: "Certo", customFields: { [mrr.id]: 120_000 } });
    expect((await read<Deal>(admin, "crm.deals.get", { id: deal.id })).custom_fields).toEqual({ [seg.id]: "Indústria", [mrr.id]: 120_000 });
    expect(field(await fails(admin, "mutation", "crm.deals.update", { id: deal.id, title: "Certo", customFields: { [seg.id]: null } }))).toBe(`customFields.${seg.id}`);
    // Type changes are refused once created.
    expect(field(await fails(admin, "mutation", "crm.customFields.save", { id: mrr.id, entityType: "deal", label: "MRR", fieldType: "number" }))).toBe("fieldType");
  });

  it("concurrent moves of one deal end in one consistent state, each logged from the stage it really left", async () => {
    const deal = await ok<{ id: string }>(adminA, "crm.deals.create", { title: "Disputado" });
    const open = pipeA.stages.filter((s) => s.kind === "open");
    const clients = await Promise.all([a.loginAs("admin"), a.loginAs("admin"), a.loginAs("admin"), a.loginAs("admin")]);
    const targets = [open[1]!, open[2]!, open[3]!, pipeA.stages.find((s) => s.kind === "won")!, open[0]!, open[2]!, open[1]!, open[3]!];
    const results = await Promise.all(targets.map((s, i) => clients[i % clients.length]!.trpc("mutation", "crm.deals.move", { id: deal.id, stageId: s.id })));
    expect(results.map((r) => r.error?.message ?? null)).toEqual(targets.map(() => null));

    const d = await read<Deal>(adminA, "crm.deals.get", { id: deal.id });
    const stageOf = new Map(pipeA.stages.map((s) => [s.id, s]));
    expect(d.probability).toBe(stageOf.get(d.stage_id)!.probability);
    expect(d.status).toBe(stageOf.get(d.stage_id)!.kind);
    // The log is a chain: each move starts where the previous one ended, and ends where the deal is.
    const { rows } = await owner().query<{ data: { fromStageId: string; toStageId: string } }>(
      "select data from activities where tenant_id = $1 and deal_id = $2 and system_event is not null order by created_at, id",
      [a.id, deal.id],
    );
    expect(rows.length).toBeGreaterThan(0);
    let at = open[0]!.id;
    for (const r of rows) {
      expect(r.data.fromStageId).toBe(at);
      at = r.data.toStageId;
    }
    expect(at).toBe(d.stage_id);
  });
});

describe("CRM: activities", () => {
  it("tasks due and completed, notes complete when written, soft delete with undo, system entries are read-only", async () => {
    const deal = await ok<{ id: string }>(adminA, "crm.deals.create", { title: "Com tarefas" });
    const due = new Date(Date.now() - 3_600_000).toISOString();
    const task = await ok<{ id: string }>(adminA, "crm.activities.create", { type: "task", subject: "Enviar proposta", dueAt: due, dealId: deal.id, assignedTo: a.users.agent.id });
    await ok(adminA, "crm.activities.create", { type: "note", subject: "Cliente pediu desconto", dealId: deal.id });
    const overdue = await read<Page<Activity>>(adminA, "crm.activities.list", { open: true, dueBefore: new Date().toISOString(), assignedTo: a.users.agent.id });
    expect(overdue.items.map((x) => x.id)).toEqual([task.id]);
    await ok(adminA, "crm.activities.complete", { id: task.id, outcome: "Enviada por e-mail" });
    expect((await read<Page<Activity>>(adminA, "crm.activities.list", { open: true, dealId: deal.id })).items).toEqual([]);
    await ok(adminA, "crm.activities.setDeleted", { id: task.id });
    expect((await read<Page<Activity>>(adminA, "crm.activities.list", { dealId: deal.id })).items.map((x) => x.subject)).toEqual(["Cliente pediu desconto"]);
    await ok(adminA, "crm.activities.setDeleted", { id: task.id, deleted: false });
    expect((await read<Page<Activity>>(adminA, "crm.activities.list", { dealId: deal.id })).items).toHaveLength(2);
    expect(field(await fails(adminA, "mutation", "crm.activities.create", { type: "task", subject: "Solta" }))).toBe("dealId");
    expect(field(await fails(adminA, "mutation", "crm.activities.create", { type: "chamada", subject: "X", dealId: deal.id }))).toBe("type");
  });
});

describe("CRM: roles", () => {
  it("viewers read; agents work their own and unassigned records; only admins assign to others", async () => {
    const t = await createTenant();
    const [admin, agent, viewer] = await Promise.all([t.loginAs("admin"), t.loginAs("agent"), t.loginAs("viewer")]);
    const adminDeal = await ok<{ id: string }>(admin, "crm.deals.create", { title: "Do admin", ownerId: t.users.admin.id });
    const free = await ok<{ id: string }>(admin, "crm.deals.create", { title: "Sem dono" });

    expect((await read<Page<Deal>>(viewer, "crm.deals.list", {})).items).toHaveLength(2);
    expect((await fails(viewer, "mutation", "crm.deals.create", { title: "V" })).data.code).toBe("FORBIDDEN");

    expect((await fails(agent, "mutation", "crm.deals.update", { id: adminDeal.id, title: "Meu agora" })).data.code).toBe("FORBIDDEN");
    expect((await fails(agent, "mutation", "crm.deals.move", { id: adminDeal.id, stageId: (await read<Pipeline[]>(agent, "crm.pipelines.list"))[0]!.stages[1]!.id })).data.code).toBe("FORBIDDEN");
    await ok(agent, "crm.deals.update", { id: free.id, title: "Sem dono, editado", ownerId: t.users.agent.id });
    expect((await fails(agent, "mutation", "crm.deals.create", { title: "Para o admin", ownerId: t.users.admin.id })).data.code).toBe("FORBIDDEN");
    expect((await fails(agent, "mutation", "crm.customFields.save", { id: null, entityType: "deal", label: "X", fieldType: "text" })).data.code).toBe("FORBIDDEN");
  });
});

describe("CRM: tenant isolation through tRPC", () => {
  it("tenant A neither reads nor changes tenant B's companies, contacts, deals or activities", async () => {
    const row = async (table: string) => (await owner().query(`select id from ${table} where tenant_id = $1 limit 1`, [b.id])).rows[0].id as string;
    const [bCompany, bContact, bDeal, bActivity] = [await row("companies"), await row("contacts"), await row("deals"), await row("activities")];
    const snapshot = async () => (await owner().query("select to_jsonb(d) as d from deals d where id = $1", [bDeal])).rows[0].d;
    const before = await snapshot();

    for (const [path, id] of [["crm.companies.get", bCompany], ["crm.contacts.get", bContact], ["crm.deals.get", bDeal]] as const) {
      expect((await fails(adminA, "query", path, { id })).data.code, path).toBe("NOT_FOUND");
    }
    const lists = await Promise.all([
      read<Page<{ id: string }>>(adminA, "crm.companies.list", {}),
      read<Page<{ id: string }>>(adminA, "crm.contacts.list", {}),
      read<Page<{ id: string }>>(adminA, "crm.deals.list", { limit: 100 }),
      read<Page<{ id: string }>>(adminA, "crm.activities.list", { limit: 100 }),
    ]);
    const seen = lists.flatMap((l) => l.items.map((i) => i.id));
    for (const id of [bCompany, bContact, bDeal, bActivity]) expect(seen).not.toContain(id);
    expect((await read<Page<{ id: string }>>(adminA, "crm.activities.list", { dealId: bDeal })).items).toEqual([]);

    const bStage = (await owner().query("select id from pipeline_stages where tenant_id = $1 order by position desc limit 1", [b.id])).rows[0].id;
    const attempts: [string, unknown][] = [
      ["crm.deals.update", { id: bDeal, title: "Roubado" }],
      ["crm.deals.move", { id: bDeal, stageId: bStage }],
      ["crm.deals.win", { id: bDeal }],
      ["crm.deals.setDeleted", { id: bDeal }],
      ["crm.companies.save", { id: bCompany, name: "Roubada" }],
      ["crm.companies.setDeleted", { id: bCompany }],
      ["crm.contacts.save", { id: bContact, name: "Roubado" }],
      ["crm.contacts.setDeleted", { id: bContact }],
      ["crm.activities.complete", { id: bActivity }],
      ["crm.activities.setDeleted", { id: bActivity }],
    ];
    for (const [path, input] of attempts) {
      const e = await fails(adminA, "mutation", path, input);
      expect(e.data.code, path).toBe("NOT_FOUND");
    }
    expect(await snapshot()).toEqual(before);
    expect(await count("select count(*)::int as n from companies where id = $1 and deleted_at is null and name = 'Padaria Sol'", [bCompany])).toBe(1);
    expect(await count("select count(*)::int as n from activities where id = $1 and completed_at is null and deleted_at is null", [bActivity])).toBe(1);
    // B's pipeline is invisible to A's board.
    const bPipeline = (await owner().query("select id from pipelines where tenant_id = $1 limit 1", [b.id])).rows[0].id;
    expect((await fails(adminA, "query", "crm.deals.board", { pipelineId: bPipeline })).data.code).toBe("NOT_FOUND");
  });
});

describe("CRM: lead to deal conversion", () => {
  /** A lead who went through the default BANT flow on the widget, with one conversation. */
  async function qualifiedLead(tenantId: string, lead: { name: string; email: string | null; phone?: string | null; company?: string | null; budget: unknown }) {
    const q = async (text: string, params: unknown[]) => (await owner().query(text, params)).rows[0] as { id: string };
    const inbox = await q("insert into inboxes (tenant_id, name, channel) values ($1, 'Site', 'web') returning id", [tenantId]);
    const flow = await q("insert into qualification_flows (tenant_id, name, version, definition, published_at) values ($1, 'BANT', 1, $2, now()) returning id", [tenantId, JSON.stringify(defaultBantFlow)]);
    const row = await q(
      "insert into leads (tenant_id, name, email, phone, company, source, stage, bant_score, bant_data, tags) values ($1, $2, $3, $4, $5, 'web', 'qualified', 80, $6, '{quente}') returning id",
      [tenantId, lead.name, lead.email, lead.phone ?? null, lead.company ?? null, JSON.stringify({ budget: lead.budget })],
    );
    const conv = await q("insert into conversations (tenant_id, inbox_id, lead_id, flow_id, status) values ($1, $2, $3, $4, 'pending') returning id", [tenantId, inbox.id, row.id, flow.id]);
    return { leadId: row.id, conversationId: conv.id };
  }

  it("creates company (from the e-mail domain), contact and deal in the first stage valued at the budget band, marks the lead, logs and links — in one go", async () => {
    const t = await createTenant();
    const agent = await t.loginAs("agent");
    const { leadId, conversationId } = await qualifiedLead(t.id, { name: "Ana Souza", email: "ana@padaria-sol.com.br", phone: "(11) 98765-4321", budget: { stepId: "budget", value: "R$ 5.000 - R$ 10.000/mês", optionId: "5k_10k", score: 40 } });
    const res = await ok<{ dealId: string; companyId: string; contactId: string; valueCents: number; conversationId: string }>(agent, "crm.leads.convert", { leadId });
    expect(res).toMatchObject({ valueCents: 750_000, conversationId });
    const deal = await read<Deal & { owner_id: string; contact_id: string; conversation_id: string }>(agent, "crm.deals.get", { id: res.dealId });
    const [p] = await read<Pipeline[]>(agent, "crm.pipelines.list");
    expect(deal).toMatchObject({ title: "Padaria Sol — Ana Souza", stage_id: p!.stages[0]!.id, probability: 10, value_cents: 750_000, company_name: "Padaria Sol", owner_id: t.users.agent.id, contact_id: res.contactId, conversation_id: conversationId });
    const company = await read<{ domain: string }>(agent, "crm.companies.get", { id: res.companyId });
    expect(company.domain).toBe("padaria-sol.com.br");
    const contact = await read<{ email: string; phone: string; company_id: string }>(agent, "crm.contacts.get", { id: res.contactId });
    expect(contact).toMatchObject({ email: "ana@padaria-sol.com.br", phone: "+5511987654321", company_id: res.companyId });
    const lead = (await owner().query("select stage, converted_at, contact_id, company_id from leads where id = $1", [leadId])).rows[0];
    expect(lead).toMatchObject({ stage: "converted", contact_id: res.contactId, company_id: res.companyId });
    expect(lead.converted_at).not.toBeNull();
    const acts = await read<Page<Activity>>(agent, "crm.activities.list", { leadId });
    expect(acts.items.map((x) => x.system_event)).toEqual(["lead_converted"]);
    expect(await count("select count(*)::int as n from conversation_events where conversation_id = $1 and kind = 'lead_converted'", [conversationId])).toBe(1);
    expect(await count("select count(*)::int as n from audit_logs where tenant_id = $1 and action = 'lead.convert'", [t.id])).toBe(1);

    // Twice is a conflict that names the deal; nothing new is written.
    const again = await fails(agent, "mutation", "crm.leads.convert", { leadId });
    expect([again.data.code, (again.data.details as { dealId: string }).dealId]).toEqual(["CONFLICT", res.dealId]);
    expect(await count("select count(*)::int as n from deals where tenant_id = $1", [t.id])).toBe(1);

    // A second lead of the same company (and the same mobile without the ninth digit) reuses both.
    const second = await qualifiedLead(t.id, { name: "Ana S.", email: null, phone: "11 8765-4321", company: null, budget: { stepId: "budget", value: 2500, optionId: "1k_5k", score: 30 } });
    const res2 = await ok<{ contactId: string; companyId: string | null; valueCents: number }>(agent, "crm.leads.convert", { leadId: second.leadId });
    expect(res2).toMatchObject({ contactId: res.contactId, valueCents: 250_000 });
  });

  it("never makes a company of a free-mail domain; a failure half-way writes nothing; another tenant's lead is not found", async () => {
    const t = await createTenant();
    const admin = await t.loginAs("admin");
    const { leadId } = await qualifiedLead(t.id, { name: "João", email: "joao@gmail.com", budget: { stepId: "budget", value: "Menos de R$ 1.000/mês", optionId: "lt_1k", score: 10 } });
    // The default pipeline cannot lose its open stages, but a foreign owner makes the conversion fail after the lookups.
    const bad = await fails(admin, "mutation", "crm.leads.convert", { leadId, ownerId: b.users.agent.id });
    expect(field(bad)).toBe("ownerId");
    for (const table of ["companies", "contacts", "deals", "activities"]) expect(await count(`select count(*)::int as n from ${table} where tenant_id = $1`, [t.id]), table).toBe(0);
    expect((await owner().query("select converted_at from leads where id = $1", [leadId])).rows[0].converted_at).toBeNull();

    const res = await ok<{ companyId: string | null; valueCents: number }>(admin, "crm.leads.convert", { leadId });
    expect(res).toMatchObject({ companyId: null, valueCents: 50_000 });
    expect(await count("select count(*)::int as n from companies where tenant_id = $1", [t.id])).toBe(0);

    const bLead = (await owner().query("select id from leads where tenant_id = $1 limit 1", [b.id])).rows[0].id;
    expect((await fails(admin, "mutation", "crm.leads.convert", { leadId: bLead })).data.code).toBe("NOT_FOUND");
    expect((await owner().query("select converted_at from leads where id = $1", [bLead])).rows[0].converted_at).toBeNull();
  });
});

describe("CRM: lead list", () => {
  it("keyset pages by date and by score, filters, pt-BR search, custom field values; never another tenant's leads", async () => {
    const t = await createTenant();
    const admin = await t.loginAs("admin");
    const seg = await ok<{ id: string }>(admin, "crm.customFields.save", { id: null, entityType: "lead", label: "Segmento", fieldType: "select", options: ["Varejo", "Saúde"] });
    const names = ["João Araújo", "Márcia Gonçalves", "Pedro Lima", "Ana Paula", "Luís Cândido", "Rita Sá", "Zé Carlos"];
    for (const [i, name] of names.entries()) {
      await owner().query(
        "insert into leads (tenant_id, name, email, source, stage, bant_score, tags, custom_fields, created_at) values ($1, $2, $3, $4, $5, $6, $7, $8, date_trunc('milliseconds', now() - make_interval(mins => $9)))",
        [t.id, name, `l${i}@x.com.br`, i % 2 ? "whatsapp" : "web", i % 3 ? "qualified" : "new", i * 10, i % 2 ? ["quente"] : [], JSON.stringify(i < 2 ? { [seg.id]: "Saúde" } : {}), i],
      );
    }
    type Lead = { id: string; name: string; bant_score: number };
    const all: Lead[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<Lead> = await read<Page<Lead>>(admin, "crm.leads.list", { limit: 3, cursor: cursor ?? undefined });
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(all.map((l) => l.name)).toEqual(names);
    const byScore: Lead[] = [];
    cursor = null;
    do {
      const page: Page<Lead> = await read<Page<Lead>>(admin, "crm.leads.list", { limit: 2, cursor: cursor ?? undefined, sort: "score" });
      byScore.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(byScore.map((l) => l.bant_score)).toEqual([60, 50, 40, 30, 20, 10, 0]);

    const names_ = async (input: object) => (await read<Page<Lead>>(admin, "crm.leads.list", input)).items.map((l) => l.name);
    expect(await names_({ q: "goncalves" })).toEqual(["Márcia Gonçalves"]);
    expect(await names_({ q: "ARAU" })).toEqual(["João Araújo"]);
    expect(await names_({ source: "whatsapp", minScore: 30 })).toEqual(["Ana Paula", "Rita Sá"]);
    expect(await names_({ tag: "quente", stage: "qualified" })).toEqual(["Márcia Gonçalves", "Rita Sá"]);
    expect(await names_({ custom: [{ fieldId: seg.id, value: "Saúde" }] })).toEqual(["João Araújo", "Márcia Gonçalves"]);
    expect(field(await fails(admin, "query", "crm.leads.list", { minScore: 50, maxScore: 10 }))).toBe("maxScore");
    expect(field(await fails(admin, "query", "crm.leads.list", { cursor: "lixo" }))).toBe("cursor");
    expect((await read<Page<Lead>>(adminA, "crm.leads.list", { q: "goncalves" })).items).toEqual([]);
  });
});

  /** GET with the session cookie, raw bytes (XLSX is binary). */
const download = (c: Client, host: string, path: string) =>
  new Promise<{ status: number; type: string; disposition: string; body: Buffer }>((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port: env().port, path, method: "GET", headers: { host, cookie: c.cookieHeader() } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (d: Buffer) => chunks.push(d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, type: String(res.headers["content-type"]), disposition: String(res.headers["content-disposition"]), body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });

describe("CRM: export", () => {
  it("streams the current filter as CSV, XLSX and JSON; CSV cells that start a formula are neutralised, XLSX keeps them as text cells; only the caller's tenant", async () => {
    const t = await createTenant();
    const viewer = await t.loginAs("viewer");
    const q = async (text: string, params: unknown[]) => owner().query(text, params);
    await q("insert into leads (tenant_id, name, email, source, stage, bant_score, tags) values ($1, '=HYPERLINK(\"http://mal.example\",\"clique\")', 'a@x.com.br', 'web', 'qualified', 80, '{quente}')", [t.id]);
    await q("insert into leads (tenant_id, name, phone, source, stage, bant_score) values ($1, 'Ana; \"Aninha\" Souza', '+5511987654321', 'whatsapp', 'new', 20)", [t.id]);
    for (let i = 0; i < 1200; i++) await q("insert into leads (tenant_id, name, source, bant_score) values ($1, $2, 'import', 5)", [t.id, `@lote ${i}`]);

    const filter = encodeURIComponent(JSON.stringify({ minScore: 10 }));
    const csv = await download(viewer, t.host, `/api/crm/export?entity=leads&format=csv&filter=${filter}`);
    expect([csv.status, csv.type]).toEqual([200, "text/csv; charset=utf-8"]);
    const text = csv.body.toString("utf8");
    expect(text.startsWith("\ufeffID;Nome;E-mail;Telefone")).toBe(true);
    const lines = text.trim().split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines.filter((l) => l.includes(`;"'=HYPERLINK(""http://mal.example"",""clique"")";`))).toHaveLength(1);
    // A Brazilian phone as it is written here: a leading "+" would be a formula, and its guard an apostrophe.
    expect(lines.filter((l) => l.includes(`;"Ana; ""Aninha"" Souza";;(11) 98765-4321;`))).toHaveLength(1);

    // All 1,202 rows over three pages, in XLSX.
    const xlsx = await download(viewer, t.host, "/api/crm/export?entity=leads&format=xlsx");
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.rowCount).toBe(1 + 1202);
    // Text cells never run, so XLSX shows names as typed, with no apostrophe; none is a formula.
    const cells: ExcelJS.Cell[] = [];
    sheet.getColumn(2).eachCell((c, n) => n > 1 && cells.push(c));
    expect(cells.filter((c) => String(c.value).startsWith("@lote"))).toHaveLength(1200);
    expect(cells.filter((c) => c.value === '=HYPERLINK("http://mal.example","clique")')).toHaveLength(1);
    expect(cells.every((c) => c.type === ExcelJS.ValueType.String)).toBe(true);
    expect(sheet.getColumn(4).values.filter((v) => typeof v === "string")).toEqual(["Telefone", "(11) 98765-4321"]);

    // JSON keeps values as they are.
    const json = await download(viewer, t.host, `/api/crm/export?entity=leads&format=json&filter=${filter}`);
    const rows = JSON.parse(json.body.toString("utf8")) as { name: string; bant_score: number }[];
    expect(rows.map((r) => r.bant_score).sort((x, y) => y - x)).toEqual([80, 20]);
    expect(rows.map((r) => r.name)).toContain('=HYPERLINK("http://mal.example","clique")');

    // Another tenant's session sees its own (none of these); no session is 401; a bad filter is 400.
    const other = await download(adminA, a.host, "/api/crm/export?entity=leads&format=json&filter=" + encodeURIComponent(JSON.stringify({ q: "lote" })));
    expect(JSON.parse(other.body.toString("utf8"))).toEqual([]);
    expect((await download(t.client(), t.host, "/api/crm/export?entity=leads&format=csv")).status).toBe(401);
    expect((await download(viewer, t.host, "/api/crm/export?entity=leads&format=csv&filter=%7Bnope")).status).toBe(400);
    expect((await download(viewer, t.host, `/api/crm/export?entity=leads&format=csv&filter=${encodeURIComponent(JSON.stringify({ minScore: -1 }))}`)).status).toBe(400);
  });

  it("opens in Excel pt-BR as a manager reads it: codes by their pt-BR names, times in São Paulo, days dd/mm/aaaa; XLSX dates and money typed; JSON as stored", async () => {
    const t = await createTenant();
    const viewer = await t.loginAs("viewer");
    const won = (await owner().query<{ id: string; pipeline_id: string }>("select id, pipeline_id from pipeline_stages where tenant_id = $1 and kind = 'won'", [t.id])).rows[0]!;
    // 01:30 UTC on the 6th is 22:30 on the 5th in São Paulo: the manager's day is the 5th.
    await owner().query(
      "insert into deals (tenant_id, pipeline_id, stage_id, title, value_cents, probability, status, won_at, expected_close_date, created_at) values ($1, $2, $3, 'Plano anual', 4800050, 100, 'won', now(), '2026-12-20', '2026-12-06T01:30:00Z')",
      [t.id, won.pipeline_id, won.id],
    );
    await owner().query("insert into leads (tenant_id, name, source, stage, created_at) values ($1, 'Lia Prado', 'whatsapp_ad', 'qualified', '2026-12-06T01:30:00Z')", [t.id]);

    const deals = await download(viewer, t.host, "/api/crm/export?entity=deals&format=csv");
    const dealText = deals.body.toString("utf8");
    expect(dealText.startsWith("\ufeff")).toBe(true);
    const dealLines = dealText.slice(1).trim().split("\r\n");
    expect(dealLines[0]).toBe("ID;Negócio;Valor (R$);Etapa;Status;Probabilidade (%);Empresa;Contato;Responsável;Previsão de fechamento;Etiquetas;Criado em");
    expect(dealLines[1]!.split(";").slice(1)).toEqual(["Plano anual", "48000,5", "Ganho", "Ganho", "100", "", "", "", "20/12/2026", "", "05/12/2026 22:30"]);
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Sao_Paulo" }).format(new Date());
    expect(deals.disposition).toBe(`attachment; filename="negocios-${today}.csv"`);

    const leads = (await download(viewer, t.host, "/api/crm/export?entity=leads&format=csv")).body.toString("utf8").trim().split("\r\n");
    expect(leads[1]!.split(";").slice(1)).toEqual(["Lia Prado", "", "", "", "Anúncio no WhatsApp", "Qualificado", "0", "", "05/12/2026 22:30"]);

    // XLSX: real dates (São Paulo wall time) and a currency format, which Excel shows in the reader's locale.
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await download(viewer, t.host, "/api/crm/export?entity=deals&format=xlsx")).body as unknown as ArrayBuffer);
    const row = book.worksheets[0]!.getRow(2);
    expect(row.getCell(3).value).toBe(48000.5);
    expect(row.getCell(3).numFmt).toBe('"R$" #,##0.00');
    expect(row.getCell(5).value).toBe("Ganho");
    expect((row.getCell(10).value as Date).toISOString()).toBe("2026-12-20T00:00:00.000Z");
    expect((row.getCell(12).value as Date).toISOString()).toBe("2026-12-05T22:30:00.000Z");
    expect(row.getCell(12).numFmt).toBe("dd/mm/yyyy hh:mm");

    // JSON stays machine-readable: codes and ISO instants.
    const json = JSON.parse((await download(viewer, t.host, "/api/crm/export?entity=deals&format=json")).body.toString("utf8")) as { status: string; created_at: string; expected_close_date: string }[];
    expect(json.map((d) => [d.status, d.created_at, d.expected_close_date])).toEqual([["won", "2026-12-06T01:30:00.000Z", "2026-12-20"]]);
  });
});

describe("CRM: CSV import", () => {
  /** POST the raw file with the session cookie. */
  const upload = (c: Client, host: string, name: string, body: Buffer) =>
    new Promise<{ status: number; json: Record<string, unknown> }>((resolve, reject) => {
      const req = httpRequest({ host: "127.0.0.1", port: env().port, path: `/api/crm/import?name=${encodeURIComponent(name)}`, method: "POST", headers: { host, cookie: c.cookieHeader(), "content-type": "text/csv", "content-length": String(body.byteLength) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (d: Buffer) => chunks.push(d));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          resolve({ status: res.statusCode ?? 0, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} });
        });
      });
      req.on("error", (err) => ((err as NodeJS.ErrnoException).code === "EPIPE" || (err as NodeJS.ErrnoException).code === "ECONNRESET" ? resolve({ status: 413, json: {} }) : reject(err)));
      req.end(body);
    });
  /** Windows-1252, what Excel in Brazil saves ("CSV separado por ponto e vírgula"). */
  const cp1252 = (s: string) => Buffer.from(new Uint8Array([...s].map((ch) => ({ "ã": 0xe3, "ç": 0xe7, "é": 0xe9, "ó": 0xf3, "Á": 0xc1, "í": 0xed, "ô": 0xf4, "õ": 0xf5 })[ch] ?? ch.charCodeAt(0))));

  type Status = { status: string; total_rows: number; processed_rows: number; inserted: number; duplicates: number; failed: number; encoding: string; error_count: number };

  it("10,000 rows in Windows-1252 with ; : mapping suggested, bad rows reported per row, duplicates by e-mail and phone (with and without the ninth digit) skipped, in chunks by the job", async () => {
    const t = await createTenant();
    const agent = await t.loginAs("agent");
    await owner().query("insert into leads (tenant_id, name, email, source) values ($1, 'Já existe', 'existente@empresa.com.br', 'web')", [t.id]);
    const lines = ["Nome;E-mail;Celular;Empresa;Observação"];
    for (let i = 1; i <= 10_000; i++) {
      if (i % 50 === 0) lines.push(`Sem contato ${i};não-é-email;123;Empresa;`);
      else if (i === 7) lines.push("Conceição Antônio;existente@empresa.com.br;;Padaria São José;");
      else if (i === 8) lines.push("Duplicado nove;;(11) 8765-0001;;");
      else if (i === 9) lines.push("Duplicado com nove;;(11) 98765-0001;;");
      else lines.push(`Lead ${i} Simões;lead${i}@empresa${i % 97}.com.br;(21) 9${String(10_000_000 + i).slice(-8)};"Empresa ${i % 97}; Ltda";obs`);
    }
    const preview = await upload(agent, t.host, "leads-excel.csv", cp1252(lines.join("\r\n")));
    expect(preview.status).toBe(200);
    expect(preview.json).toMatchObject({ encoding: "windows-1252", separator: ";", totalRows: 10_000, headers: ["Nome", "E-mail", "Celular", "Empresa", "Observação"], mapping: { name: 0, email: 1, phone: 2, company: 3 } });
    expect((preview.json.sample as string[][])[6]).toEqual(["Conceição Antônio", "existente@empresa.com.br", "", "Padaria São José", ""]);

    const id = preview.json.id as string;
    expect(field(await fails(agent, "mutation", "crm.imports.start", { importId: id, mapping: { company: 3 } }))).toBe("mapping");
    expect(field(await fails(agent, "mutation", "crm.imports.start", { importId: id, mapping: { name: 0, email: 9 } }))).toBe("mapping.email");
    await ok(agent, "crm.imports.start", { importId: id, mapping: preview.json.mapping });
    expect((await fails(agent, "mutation", "crm.imports.start", { importId: id, mapping: preview.json.mapping })).data.code).toBe("CONFLICT");

    await expect.poll(async () => (await read<Status>(agent, "crm.imports.get", { id })).status, { timeout: 60_000, interval: 500 }).toBe("done");
    const s = await read<Status>(agent, "crm.imports.get", { id });
    expect(s).toMatchObject({ total_rows: 10_000, processed_rows: 10_000, failed: 200, duplicates: 2, inserted: 10_000 - 200 - 2, error_count: 400 });
    expect(await count("select count(*)::int as n from leads where tenant_id = $1 and source = 'import'", [t.id])).toBe(9_798);
    const { rows } = await owner().query("select name, phone, company from leads where tenant_id = $1 and name like 'Lead 11 %'", [t.id]);
    expect(rows).toEqual([{ name: "Lead 11 Simões", phone: "5521910000011", company: "Empresa 11; Ltda" }]);

    const errs = await download(agent, t.host, `/api/crm/import/${id}/errors`);
    expect([...errs.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM, for Excel
    const errLines = errs.body.toString("utf8").trim().split("\r\n"); // trim() drops the BOM too
    expect(errLines[0]).toBe("linha;campo;erro");
    expect(errLines).toContain("51;email;E-mail inválido: não-é-email");
    expect(errLines).toContain("51;phone;Telefone inválido: 123");

    // Another tenant sees none of it.
    expect((await fails(adminA, "query", "crm.imports.get", { id })).data.code).toBe("NOT_FOUND");
    expect((await download(adminA, a.host, `/api/crm/import/${id}/errors`)).status).toBe(404);
  });

  it("refuses a file over 10 MB, a row of 500 columns, a binary file and viewers, naming the problem; nothing is stored", async () => {
    const t = await createTenant();
    const agent = await t.loginAs("agent");
    expect((await upload(agent, t.host, "grande.csv", Buffer.alloc(50 * 1024 * 1024, 0x61))).status).toBe(413);
    const wide = await upload(agent, t.host, "largo.csv", Buffer.from(`nome;email\n${Array.from({ length: 500 }, (_, i) => `c${i}`).join(";")}\n`));
    expect([wide.status, wide.json.message]).toEqual([400, "A linha 2 tem mais de 100 colunas."]);
    expect((await upload(agent, t.host, "planilha.xlsx", Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]))).json.message).toMatch(/bytes nulos/);
    expect((await upload(await t.loginAs("viewer"), t.host, "leads.csv", Buffer.from("nome\nAna\n"))).status).toBe(403);
    expect(await count("select count(*)::int as n from lead_imports where tenant_id = $1", [t.id])).toBe(0);
  });
});
