import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeOwner, createTenant, owner, seedConversationRows, type FixtureTenant } from "../support/fixtures";
import type { Client, TrpcError } from "../support/http";

// The CRM data tables over HTTP: bulk actions (assign, tag, move stage, delete) all or nothing in
// one transaction, roles, foreign ids; saved views per user, refused to colleagues and other tenants.

afterAll(closeOwner);

type Stage = { id: string; name: string; kind: string };
type Pipeline = { id: string; stages: Stage[] };
type View = { id: string; name: string; entity: string; config: { columns: string[]; filters: Record<string, unknown>; sort?: string }; is_default: boolean };

async function call<T>(c: Client, kind: "query" | "mutation", path: string, input?: unknown): Promise<T> {
  const res = await c.trpc<T>(kind, path, input);
  expect(res.error, `${path}: ${res.error?.message}`).toBeNull();
  return res.data;
}
async function fails(c: Client, path: string, input: unknown, kind: "query" | "mutation" = "mutation"): Promise<TrpcError> {
  const res = await c.trpc(kind, path, input);
  expect(res.error, `${path} should fail`).not.toBeNull();
  return res.error!;
}
const rows = async <T,>(sql: string, params: unknown[]) => (await owner().query(sql, params)).rows as T[];

let a: FixtureTenant;
let b: FixtureTenant;
let adminA: Client;
let agentA: Client;
let pipeA: Pipeline;

const contact = async (c: Client, name: string, ownerId: string | null = null) => (await call<{ id: string }>(c, "mutation", "crm.contacts.save", { name, ownerId })).id;
const company = async (c: Client, name: string) => (await call<{ id: string }>(c, "mutation", "crm.companies.save", { name })).id;
const deal = async (c: Client, title: string) => (await call<{ id: string }>(c, "mutation", "crm.deals.create", { title })).id;

beforeAll(async () => {
  a = await createTenant();
  b = await createTenant();
  await seedConversationRows(b.id);
  adminA = await a.loginAs("admin");
  agentA = await a.loginAs("agent");
  pipeA = (await call<Pipeline[]>(adminA, "query", "crm.pipelines.list"))[0]!;
});

describe("bulk actions", () => {
  it("assign: the admin gives three contacts to the agent in one call, one audit row each", async () => {
    const ids = [await contact(adminA, "Bulk Um"), await contact(adminA, "Bulk Dois"), await contact(adminA, "Bulk Três")];
    const res = await call<{ count: number }>(adminA, "mutation", "crmLists.bulk", { entity: "contact", ids, action: { type: "assign", ownerId: a.users.agent.id } });
    expect(res.count).toBe(3);
    const owners = await rows<{ owner_id: string }>("select owner_id from contacts where id = any($1)", [ids]);
    expect(owners.map((r) => r.owner_id)).toEqual([a.users.agent.id, a.users.agent.id, a.users.agent.id]);
    const audits = await rows<{ n: number }>("select count(*)::int as n from audit_logs where tenant_id = $1 and action = 'contact.assign' and entity_id = any($2)", [a.id, ids]);
    expect(audits[0]!.n).toBe(3);
  });

  it("tag: added once, lower-cased, kept when already there", async () => {
    const ids = [await company(adminA, "Tag Um"), await company(adminA, "Tag Dois")];
    await call(adminA, "mutation", "crmLists.bulk", { entity: "company", ids, action: { type: "tag", tag: "VIP" } });
    await call(adminA, "mutation", "crmLists.bulk", { entity: "company", ids, action: { type: "tag", tag: "vip" } });
    const tags = await rows<{ tags: string[] }>("select tags from companies where id = any($1)", [ids]);
    expect(tags.map((r) => r.tags)).toEqual([["vip"], ["vip"]]);
  });

  it("move: deals change stage with their probability, a stage activity and an audit row each", async () => {
    const ids = [await deal(adminA, "Mover Um"), await deal(adminA, "Mover Dois")];
    const proposta = pipeA.stages.find((s) => s.name === "Proposta")!;
    await call(adminA, "mutation", "crmLists.bulk", { entity: "deal", ids, action: { type: "move", stageId: proposta.id } });
    const deals = await rows<{ stage_id: string; probability: number }>("select stage_id, probability from deals where id = any($1)", [ids]);
    expect(deals).toEqual([{ stage_id: proposta.id, probability: 50 }, { stage_id: proposta.id, probability: 50 }]);
    const acts = await rows<{ n: number }>("select count(*)::int as n from activities where deal_id = any($1) and system_event = 'stage_changed'", [ids]);
    expect(acts[0]!.n).toBe(2);
    // The lost stage needs a reason: the whole batch is refused.
    const lost = pipeA.stages.find((s) => s.kind === "lost")!;
    const err = await fails(adminA, "crmLists.bulk", { entity: "deal", ids, action: { type: "move", stageId: lost.id } });
    expect(err.message).toMatch(/motivo da perda/);
  });

  it("delete: soft, each restorable by the single-record undo", async () => {
    const ids = [await deal(adminA, "Apagar Um"), await deal(adminA, "Apagar Dois")];
    await call(adminA, "mutation", "crmLists.bulk", { entity: "deal", ids, action: { type: "delete" } });
    const gone = await rows<{ deleted_at: Date | null }>("select deleted_at from deals where id = any($1)", [ids]);
    expect(gone.every((r) => r.deleted_at !== null)).toBe(true);
    await call(adminA, "mutation", "crm.deals.setDeleted", { id: ids[0], deleted: false });
    expect((await rows<{ deleted_at: Date | null }>("select deleted_at from deals where id = $1", [ids[0]]))[0]!.deleted_at).toBeNull();
  });

  it("delete: the audit rows are the single-record delete's, one per record, naming what was deleted", async () => {
    const bulk = [await company(adminA, "Apagada em massa Um"), await company(adminA, "Apagada em massa Dois")];
    const single = await company(adminA, "Apagada sozinha");
    await call(adminA, "mutation", "crmLists.bulk", { entity: "company", ids: bulk, action: { type: "delete" } });
    await call(adminA, "mutation", "crm.companies.setDeleted", { id: single, deleted: true });
    const audits = await rows<{ entity_id: string; action: string; before: unknown; actor_user_id: string }>(
      "select entity_id, action, before, actor_user_id from audit_logs where tenant_id = $1 and entity_id = any($2) and action like 'company.delete' order by (before->>'name')",
      [a.id, [...bulk, single]],
    );
    expect(audits.map((r) => [r.action, r.before, r.actor_user_id])).toEqual([
      ["company.delete", { name: "Apagada em massa Dois" }, a.users.admin.id],
      ["company.delete", { name: "Apagada em massa Um" }, a.users.admin.id],
      ["company.delete", { name: "Apagada sozinha" }, a.users.admin.id],
    ]);
    const gone = await rows<{ n: number }>("select count(*)::int as n from companies where id = any($1) and deleted_at is not null and updated_at >= deleted_at", [[...bulk, single]]);
    expect(gone[0]!.n).toBe(3);
  });

  it("all or nothing: one record the agent may not touch refuses the batch and nothing is written", async () => {
    const mine = await contact(agentA, "Do agente", a.users.agent.id);
    const admins = await contact(adminA, "Do admin", a.users.admin.id);
    const err = await fails(agentA, "crmLists.bulk", { entity: "contact", ids: [mine, admins], action: { type: "tag", tag: "parcial" } });
    expect(err.data.code).toBe("FORBIDDEN");
    const tags = await rows<{ tags: string[] }>("select tags from contacts where id = any($1)", [[mine, admins]]);
    expect(tags.map((r) => r.tags)).toEqual([[], []]);
    // Giving records to someone else is an admin's call.
    const assign = await fails(agentA, "crmLists.bulk", { entity: "contact", ids: [mine], action: { type: "assign", ownerId: a.users.admin.id } });
    expect(assign.data.code).toBe("FORBIDDEN");
  });

  it("another tenant's id in the selection: not found, nothing written on either side", async () => {
    const mine = await company(adminA, "Minha empresa");
    const foreign = (await rows<{ id: string }>("select id from companies where tenant_id = $1 limit 1", [b.id]))[0]!.id;
    const err = await fails(adminA, "crmLists.bulk", { entity: "company", ids: [mine, foreign], action: { type: "delete" } });
    expect(err.data.code).toBe("NOT_FOUND");
    const both = await rows<{ deleted_at: Date | null }>("select deleted_at from companies where id = any($1)", [[mine, foreign]]);
    expect(both.map((r) => r.deleted_at)).toEqual([null, null]);
  });

  it("viewers cannot; bad input is a typed pt-BR error naming the field", async () => {
    const viewer = await a.loginAs("viewer");
    const id = await contact(adminA, "Para o leitor");
    expect((await fails(viewer, "crmLists.bulk", { entity: "contact", ids: [id], action: { type: "tag", tag: "x" } })).data.code).toBe("FORBIDDEN");
    const empty = await fails(adminA, "crmLists.bulk", { entity: "contact", ids: [], action: { type: "delete" } });
    expect(empty.message).toMatch(/Selecione pelo menos um registro/);
    const tooMany = await fails(adminA, "crmLists.bulk", { entity: "contact", ids: Array.from({ length: 501 }, () => crypto.randomUUID()), action: { type: "delete" } });
    expect(tooMany.message).toMatch(/No máximo 500/);
    const noStage = await fails(adminA, "crmLists.bulk", { entity: "contact", ids: [id], action: { type: "move", stageId: pipeA.stages[0]!.id } });
    expect(noStage.message).toMatch(/não têm etapa/);
  });

  it("leads: tag and stage in bulk, audited with the stage they left", async () => {
    const ids = (
      await rows<{ id: string }>("insert into leads (tenant_id, name, source, stage) values ($1, 'Lead Um', 'web', 'new'), ($1, 'Lead Dois', 'web', 'new') returning id", [a.id])
    ).map((r) => r.id);
    await call(agentA, "mutation", "crmLists.bulk", { entity: "lead", ids, action: { type: "tag", tag: "feira" } });
    await call(agentA, "mutation", "crmLists.bulk", { entity: "lead", ids, action: { type: "move", leadStage: "nurture" } });
    const leads = await rows<{ stage: string; tags: string[] }>("select stage, tags from leads where id = any($1)", [ids]);
    expect(leads).toEqual([{ stage: "nurture", tags: ["feira"] }, { stage: "nurture", tags: ["feira"] }]);
    const audit = await rows<{ before: { stage: string } }>("select before from audit_logs where action = 'lead.stage' and entity_id = any($1)", [ids]);
    expect(audit.map((r) => r.before.stage)).toEqual(["new", "new"]);
    expect((await fails(agentA, "crmLists.bulk", { entity: "lead", ids, action: { type: "delete" } })).message).toMatch(/etiqueta e etapa/);
  });

  it("leads: no bulk move to converted, and a converted lead in the selection refuses the move; nothing is written", async () => {
    const [fresh, done] = (
      await rows<{ id: string }>("insert into leads (tenant_id, name, source, stage, converted_at) values ($1, 'Lead Novo', 'web', 'new', null), ($1, 'Lead Convertido', 'web', 'converted', now()) returning id", [a.id])
    ).map((r) => r.id);
    const toConverted = await fails(agentA, "crmLists.bulk", { entity: "lead", ids: [fresh], action: { type: "move", leadStage: "converted" } });
    expect(toConverted.data.zodIssues?.[0]?.path).toEqual(["action", "leadStage"]);
    const mixed = await fails(agentA, "crmLists.bulk", { entity: "lead", ids: [fresh, done], action: { type: "move", leadStage: "nurture" } });
    expect([mixed.data.code, (mixed.data.details as { id?: string } | null)?.id, mixed.message]).toEqual(["BAD_REQUEST", done, "A seleção tem um lead já convertido, que não muda de etapa; nada foi alterado."]);
    expect((await rows<{ stage: string }>("select stage from leads where id = any($1) order by name", [[fresh, done]])).map((r) => r.stage)).toEqual(["converted", "new"]);
    // Tags still go on converted leads.
    await call(agentA, "mutation", "crmLists.bulk", { entity: "lead", ids: [fresh, done], action: { type: "tag", tag: "revisar" } });
  });
});

describe("bulk actions on every record matching the filter", () => {
  it("counts what the filter matches, applies the action to all of them in one call, and refuses a count that changed", async () => {
    const tag = `lote-${Date.now()}`;
    // 130 leads over two pages of the list (PAGE_MAX 100) match; others (another tag, another tenant) do not.
    await owner().query(`insert into leads (tenant_id, name, source, tags, bant_score) select $1, 'Todos ' || g, 'import', array[$2], g % 100 from generate_series(1, 130) g`, [a.id, tag]);
    await owner().query(`insert into leads (tenant_id, name, source, tags) select $1, 'Fora ' || g, 'import', array['outra'] from generate_series(1, 5) g`, [a.id]);
    await owner().query(`insert into leads (tenant_id, name, source, tags) select $1, 'De B ' || g, 'import', array[$2] from generate_series(1, 7) g`, [b.id, tag]);
    const filter = { tag, sort: "score" };
    expect(await call(agentA, "query", "crmLists.matching", { entity: "lead", filter })).toEqual({ count: 130, more: false, max: 5000 });
    expect((await call<{ count: number }>(agentA, "query", "crmLists.matching", { entity: "lead", filter: { tag, minScore: 50 } })).count).toBe(50);

    // The user confirmed 129 but 130 match: nothing is written, the new count is named.
    const stale = await fails(agentA, "crmLists.bulk", { entity: "lead", all: { filter, count: 129 }, action: { type: "move", leadStage: "nurture" } });
    expect([stale.data.code, stale.message]).toEqual(["CONFLICT", "A lista mudou: agora 130 registros correspondem ao filtro, não 129. Nada foi alterado; confirme de novo."]);
    expect((await rows<{ n: number }>("select count(*)::int as n from leads where tenant_id = $1 and stage = 'nurture' and $2 = any(tags)", [a.id, tag]))[0]!.n).toBe(0);

    expect((await call<{ count: number }>(agentA, "mutation", "crmLists.bulk", { entity: "lead", all: { filter, count: 130 }, action: { type: "move", leadStage: "nurture" } })).count).toBe(130);
    const stages = await rows<{ tenant_id: string; stage: string; n: number }>("select tenant_id, stage, count(*)::int as n from leads where $1 = any(tags) or name like 'Fora %' group by 1, 2 order by 1, 2", [tag]);
    expect(stages.filter((r) => r.tenant_id === a.id).map((r) => [r.stage, r.n])).toEqual([["new", 5], ["nurture", 130]]);
    expect(stages.filter((r) => r.tenant_id === b.id).map((r) => [r.stage, r.n])).toEqual([["new", 7]]);
    expect((await rows<{ n: number }>("select count(*)::int as n from audit_logs where tenant_id = $1 and action = 'lead.stage' and after->>'stage' = 'nurture' and entity_id in (select id::text from leads where $2 = any(tags))", [a.id, tag]))[0]!.n).toBe(130);
  });

  it("all or nothing across the filter: one matching record the agent may not touch refuses the whole batch", async () => {
    const tag = `dono-${Date.now()}`;
    await contact(agentA, "Filtro do agente", a.users.agent.id);
    await contact(adminA, "Filtro do admin", a.users.admin.id);
    await call(adminA, "mutation", "crmLists.bulk", { entity: "contact", all: { filter: { q: "Filtro" }, count: 2 }, action: { type: "tag", tag } });
    const err = await fails(agentA, "crmLists.bulk", { entity: "contact", all: { filter: { q: "Filtro" }, count: 2 }, action: { type: "delete" } });
    expect(err.data.code).toBe("FORBIDDEN");
    expect((await rows<{ n: number }>("select count(*)::int as n from contacts where tenant_id = $1 and deleted_at is null and $2 = any(tags)", [a.id, tag]))[0]!.n).toBe(2);
    // Bad filters are named under all.filter; viewers cannot.
    const bad = await fails(adminA, "crmLists.bulk", { entity: "deal", all: { filter: { status: "talvez" }, count: 1 }, action: { type: "delete" } });
    expect(bad.data.zodIssues?.[0]?.path).toEqual(["all", "filter", "status"]);
    const viewer = await a.loginAs("viewer");
    expect((await fails(viewer, "crmLists.matching", { entity: "contact", filter: {} }, "query")).data.code).toBe("FORBIDDEN");
  });
  it("a filter naming another tenant's owner, stage or company is refused by name, nothing written", async () => {
    const pipeline = (await rows<{ id: string }>("insert into pipelines (tenant_id, name) values ($1, 'Funil de B') returning id", [b.id]))[0]!.id;
    const pipeB = { pipeline, stage: (await rows<{ id: string }>("insert into pipeline_stages (tenant_id, pipeline_id, name, position, probability) values ($1, $2, 'Etapa de B', 0, 10) returning id", [b.id, pipeline]))[0]!.id };
    const companyB = (await rows<{ id: string }>("insert into companies (tenant_id, name) values ($1, 'Empresa de B') returning id", [b.id]))[0]!.id;
    const detail = (e: TrpcError) => [e.data.code, (e.data.details as { field?: string } | null)?.field, e.message];
    expect(detail(await fails(adminA, "crmLists.matching", { entity: "deal", filter: { pipelineId: pipeA.id, stageId: pipeB.stage } }, "query"))).toEqual(["BAD_REQUEST", "filter.stageId", "Etapa não encontrada neste espaço."]);
    expect(detail(await fails(adminA, "crmLists.matching", { entity: "deal", filter: { pipelineId: pipeB.pipeline } }, "query"))).toEqual(["BAD_REQUEST", "filter.pipelineId", "Funil não encontrado neste espaço."]);
    expect(detail(await fails(adminA, "crmLists.bulk", { entity: "contact", all: { filter: { ownerId: b.users.admin.id }, count: 1 }, action: { type: "tag", tag: "nunca" } }))).toEqual(["BAD_REQUEST", "all.filter.ownerId", "Responsável não encontrado neste espaço."]);
    expect(detail(await fails(adminA, "crmLists.bulk", { entity: "contact", all: { filter: { companyId: companyB }, count: 1 }, action: { type: "delete" } }))).toEqual(["BAD_REQUEST", "all.filter.companyId", "Empresa não encontrada neste espaço."]);
    // The tenant's own ids still count.
    await contact(agentA, "Filtro próprio", a.users.agent.id);
    expect((await call<{ count: number }>(adminA, "query", "crmLists.matching", { entity: "contact", filter: { ownerId: a.users.agent.id } })).count).toBeGreaterThan(0);
    expect((await rows<{ n: number }>("select count(*)::int as n from contacts where tenant_id = $1 and 'nunca' = any(tags)", [a.id]))[0]!.n).toBe(0);
  });
});

describe("list filters: creation date range and custom field values (deals, companies, contacts)", () => {
  type Row = { id: string };
  const lists = [
    { entity: "company", path: "crm.companies.list", table: "companies", make: (c: Client, name: string, customFields: object) => call<Row>(c, "mutation", "crm.companies.save", { name, customFields }) },
    { entity: "contact", path: "crm.contacts.list", table: "contacts", make: (c: Client, name: string, customFields: object) => call<Row>(c, "mutation", "crm.contacts.save", { name, ownerId: null, customFields }) },
    { entity: "deal", path: "crm.deals.list", table: "deals", make: (c: Client, name: string, customFields: object) => call<Row>(c, "mutation", "crm.deals.create", { title: name, customFields }) },
  ] as const;
  const detail = (e: TrpcError) => [e.data.code, (e.data.details as { field?: string } | null)?.field];

  for (const l of lists) {
    it(`${l.entity}: the list and its "select all" count keep the range and the typed value; another tenant's field is refused`, async () => {
      const field = (label: string, fieldType: string, options: string[] = []) =>
        call<Row>(adminA, "mutation", "crm.customFields.save", { id: null, entityType: l.entity, label: `${label} ${Date.now()}`, fieldType, options });
      const seg = await field("Segmento", "select", ["Varejo", "Saúde"]);
      const qty = await field("Lojas", "number");
      const tags = await field("Canais", "multiselect", ["Site", "Loja"]);
      const alfa = await l.make(adminA, "Filtro Alfa", { [seg.id]: "Saúde", [qty.id]: 12, [tags.id]: ["Site", "Loja"] });
      const beta = await l.make(adminA, "Filtro Beta", { [seg.id]: "Varejo", [qty.id]: 3, [tags.id]: ["Loja"] });
      const gama = await l.make(adminA, "Filtro Gama", {});
      // Created in 2020 (January, February, March), long before every other row of the tenant.
      for (const [r, at] of [[alfa, "2020-01-10T12:00:00Z"], [beta, "2020-02-10T12:00:00Z"], [gama, "2020-03-10T12:00:00Z"]] as const) {
        await owner().query(`update ${l.table} set created_at = $2 where id = $1`, [r.id, at]);
      }
      const ids = async (filter: object) => (await call<{ items: Row[] }>(adminA, "query", l.path, { ...filter, limit: 100 })).items.map((r) => r.id);
      const count = async (filter: object) => (await call<{ count: number }>(adminA, "query", "crmLists.matching", { entity: l.entity, filter })).count;

      // Date range: from inclusive, to exclusive.
      const feb = { createdFrom: "2020-02-01T00:00:00Z", createdTo: "2020-03-01T00:00:00Z" };
      expect(await ids(feb)).toEqual([beta.id]);
      expect(await count(feb)).toBe(1);
      expect(await ids({ createdTo: "2020-03-10T12:00:00Z" })).toEqual([beta.id, alfa.id]);
      expect(await ids({ createdFrom: "2020-01-01T00:00:00Z", createdTo: "2020-01-10T12:00:00Z" })).toEqual([]);

      // Custom values, typed as stored: a select, a number, a value inside a multiselect.
      expect(await ids({ custom: [{ fieldId: seg.id, value: "Saúde" }] })).toEqual([alfa.id]);
      expect(await ids({ custom: [{ fieldId: qty.id, value: 3 }] })).toEqual([beta.id]);
      expect(await ids({ custom: [{ fieldId: tags.id, value: "Loja" }] })).toEqual([beta.id, alfa.id]);
      expect(await count({ custom: [{ fieldId: tags.id, value: "Loja" }] })).toBe(2);
      // Non-matches: a value nobody holds, a matching value outside the range.
      expect(await ids({ custom: [{ fieldId: seg.id, value: "Indústria" }] })).toEqual([]);
      expect(await ids({ ...feb, custom: [{ fieldId: seg.id, value: "Saúde" }] })).toEqual([]);
      expect(await count({ ...feb, custom: [{ fieldId: seg.id, value: "Saúde" }] })).toBe(0);
      expect(await ids({ ...feb, custom: [{ fieldId: seg.id, value: "Varejo" }, { fieldId: qty.id, value: 3 }] })).toEqual([beta.id]);

      // The field must be this entity's, in this tenant, and the value of its type.
      const other = await call<Row>(await b.loginAs("admin"), "mutation", "crm.customFields.save", { id: null, entityType: l.entity, label: `Segmento ${Date.now()}`, fieldType: "select", options: ["Saúde"] });
      const leadField = await call<Row>(adminA, "mutation", "crm.customFields.save", { id: null, entityType: "lead", label: `Lead ${l.entity} ${Date.now()}`, fieldType: "text", options: [] });
      expect(detail(await fails(adminA, l.path, { custom: [{ fieldId: other.id, value: "Saúde" }] }, "query"))).toEqual(["BAD_REQUEST", "custom.0.fieldId"]);
      expect(detail(await fails(adminA, "crmLists.matching", { entity: l.entity, filter: { custom: [{ fieldId: other.id, value: "Saúde" }] } }, "query"))).toEqual(["BAD_REQUEST", "custom.0.fieldId"]);
      expect(detail(await fails(adminA, l.path, { custom: [{ fieldId: seg.id, value: "Saúde" }, { fieldId: leadField.id, value: "x" }] }, "query"))).toEqual(["BAD_REQUEST", "custom.1.fieldId"]);
      expect(detail(await fails(adminA, l.path, { custom: [{ fieldId: qty.id, value: "12" }] }, "query"))).toEqual(["BAD_REQUEST", "custom.0.value"]);
      expect((await fails(adminA, l.path, { createdFrom: "ontem" }, "query")).data.zodIssues?.[0]?.path).toEqual(["createdFrom"]);
    });
  }
});

describe("saved views", () => {
  const config = { columns: ["title", "value", "stage"], filters: { status: "open" }, sort: "created" };

  it("a user saves, lists, renames and deletes their views; one default per list", async () => {
    const v1 = await call<View>(agentA, "mutation", "crmLists.views.save", { entity: "deal", name: "Abertos", config, isDefault: true });
    const v2 = await call<View>(agentA, "mutation", "crmLists.views.save", { entity: "deal", name: "Todos", config: { columns: ["title"] }, isDefault: true });
    const list = await call<View[]>(agentA, "query", "crmLists.views.list", { entity: "deal" });
    expect(list.map((v) => [v.name, v.is_default])).toEqual([["Abertos", false], ["Todos", true]]);
    expect(list[0]!.config).toEqual(config);
    await call(agentA, "mutation", "crmLists.views.save", { id: v1.id, entity: "deal", name: "Em aberto", config, isDefault: false });
    const dup = await fails(agentA, "crmLists.views.save", { entity: "deal", name: "Todos", config });
    expect(dup.data.code).toBe("CONFLICT");
    await call(agentA, "mutation", "crmLists.views.delete", { id: v2.id });
    expect((await call<View[]>(agentA, "query", "crmLists.views.list", { entity: "deal" })).map((v) => v.name)).toEqual(["Em aberto"]);
    expect(await call<View[]>(agentA, "query", "crmLists.views.list", { entity: "contact" })).toEqual([]);
  });

  it("a colleague neither sees nor changes my views; another tenant reaches nothing", async () => {
    const mine = await call<View>(agentA, "mutation", "crmLists.views.save", { entity: "company", name: "Minhas empresas", config });
    expect(await call<View[]>(adminA, "query", "crmLists.views.list", { entity: "company" })).toEqual([]);
    expect((await fails(adminA, "crmLists.views.delete", { id: mine.id })).data.code).toBe("NOT_FOUND");
    expect((await fails(adminA, "crmLists.views.save", { id: mine.id, entity: "company", name: "Roubada", config })).data.code).toBe("NOT_FOUND");
    const adminB = await b.loginAs("admin");
    expect((await fails(adminB, "crmLists.views.delete", { id: mine.id })).data.code).toBe("NOT_FOUND");
    expect((await rows<{ name: string }>("select name from saved_views where id = $1", [mine.id]))[0]!.name).toBe("Minhas empresas");
  });

  it("a view naming another tenant's custom field or owner, or another list's field, is refused by name", async () => {
    const fieldB = (await rows<{ id: string }>("insert into custom_fields (tenant_id, entity_type, label, field_type) values ($1, 'deal', 'Campo de B', 'text') returning id", [b.id]))[0]!.id;
    const contactField = await call<{ id: string }>(adminA, "mutation", "crm.customFields.save", { id: null, entityType: "contact", label: `Só contatos ${Date.now()}`, fieldType: "text", options: [] });
    const dealField = await call<{ id: string }>(adminA, "mutation", "crm.customFields.save", { id: null, entityType: "deal", label: `Só negócios ${Date.now()}`, fieldType: "text", options: [] });
    const save = (filters: Record<string, string>) => fails(agentA, "crmLists.views.save", { entity: "deal", name: `Estranha ${Date.now()}`, config: { columns: [], filters } });
    const detail = (e: TrpcError) => [e.data.code, (e.data.details as { field?: string } | null)?.field, e.message];
    expect(detail(await save({ cf: fieldB, cfv: "x" }))).toEqual(["BAD_REQUEST", "config.filters.cf", "Campo personalizado não encontrado."]);
    expect(detail(await save({ cf: contactField.id }))).toEqual(["BAD_REQUEST", "config.filters.cf", "Campo personalizado não encontrado."]);
    expect(detail(await save({ cf: "não-é-uuid" }))).toEqual(["BAD_REQUEST", "config.filters.cf", "Campo personalizado não encontrado."]);
    expect(detail(await save({ ownerId: b.users.agent.id }))).toEqual(["BAD_REQUEST", "config.filters.ownerId", "Responsável não encontrado neste espaço."]);
    const ok = await call<View>(agentA, "mutation", "crmLists.views.save", { entity: "deal", name: `Campo próprio ${Date.now()}`, config: { columns: [], filters: { cf: dealField.id, cfv: "x", ownerId: a.users.agent.id } } });
    expect(ok.config.filters).toEqual({ cf: dealField.id, cfv: "x", ownerId: a.users.agent.id });
    await call(agentA, "mutation", "crmLists.views.delete", { id: ok.id });
  });

  it("limits match the columns: name 60, 30 columns, known list", async () => {
    const long = await fails(agentA, "crmLists.views.save", { entity: "deal", name: "x".repeat(61), config });
    expect(long.message).toMatch(/no máximo 60/);
    const cols = await fails(agentA, "crmLists.views.save", { entity: "deal", name: "Muitas", config: { columns: Array.from({ length: 31 }, (_, i) => `c${i}`) } });
    expect(cols.message).toMatch(/No máximo 30 colunas/);
    const entity = await fails(agentA, "crmLists.views.save", { entity: "invoice", name: "X", config });
    expect(entity.message).toMatch(/Lista desconhecida/);
  });
});

describe("record timeline", () => {
  type Item = { kind: "activity" | "message" | "audit"; id: string; at: string; action?: string; text?: string; activity?: { system_event: string | null } };

  it("a deal's timeline merges its lead's messages, its activities (stage change) and its audit, newest first, paged without repeats", async () => {
    const q = async (sql: string, params: unknown[]) => (await owner().query(sql, params)).rows[0] as { id: string };
    const inbox = await q("insert into inboxes (tenant_id, name, channel) values ($1, 'Site TL', 'web') returning id", [a.id]);
    const flow = await q("insert into qualification_flows (tenant_id, name, version, definition) values ($1, 'BANT TL', 1, '{}') returning id", [a.id]);
    const lead = await q("insert into leads (tenant_id, name, source, visitor_id) values ($1, 'Lead TL', 'web', gen_random_uuid()::text) returning id", [a.id]);
    const conv = await q("insert into conversations (tenant_id, inbox_id, lead_id, flow_id) values ($1, $2, $3, $4) returning id", [a.id, inbox.id, lead.id, flow.id]);
    await owner().query("insert into messages (tenant_id, conversation_id, sender, text, created_at) values ($1, $2, 'lead', 'Quero um orçamento', now() - interval '1 hour'), ($1, $2, 'bot', 'Claro! Qual o seu orçamento?', now() - interval '59 minutes')", [a.id, conv.id]);
    // Another lead's conversation stays off this timeline.
    const other = await q("insert into leads (tenant_id, name, source, visitor_id) values ($1, 'Outro', 'web', gen_random_uuid()::text) returning id", [a.id]);
    const conv2 = await q("insert into conversations (tenant_id, inbox_id, lead_id, flow_id) values ($1, $2, $3, $4) returning id", [a.id, inbox.id, other.id, flow.id]);
    await owner().query("insert into messages (tenant_id, conversation_id, sender, text) values ($1, $2, 'lead', 'Não é daqui')", [a.id, conv2.id]);

    const dealId = (await call<{ id: string }>(adminA, "mutation", "crm.deals.create", { title: "Com timeline", leadId: lead.id })).id;
    await call(adminA, "mutation", "crm.deals.move", { id: dealId, stageId: pipeA.stages.find((s) => s.name === "Qualificado")!.id });
    await call(adminA, "mutation", "crmLists.bulk", { entity: "deal", ids: [dealId], action: { type: "tag", tag: "timeline" } });
    await call(adminA, "mutation", "crm.activities.create", { type: "meeting", subject: "Reunião de proposta", dueAt: new Date(Date.now() + 86_400_000).toISOString(), dealId });

    const all = await call<{ items: Item[] }>(adminA, "query", "crmLists.timeline", { dealId, limit: 100 });
    const kinds = all.items.map((i) => (i.kind === "audit" ? `audit:${i.action}` : i.kind === "activity" ? `activity:${i.activity!.system_event}` : `message:${i.text}`));
    expect(kinds).toContain("message:Quero um orçamento");
    expect(kinds).toContain("activity:stage_changed");
    expect(all.items.find((i) => i.kind === "activity" && (i.activity as { type?: string }).type === "meeting")).toMatchObject({ activity: { type: "meeting", subject: "Reunião de proposta" } });
    expect(kinds).toContain("audit:deal.tag");
    expect(kinds).toContain("audit:deal.create");
    expect(kinds).not.toContain("audit:deal.move");
    expect(kinds.some((k) => k.includes("Não é daqui"))).toBe(false);
    const times = all.items.map((i) => new Date(i.at).getTime());
    expect(times).toEqual([...times].sort((x, y) => y - x));
    expect(kinds.at(-1)).toBe("message:Quero um orçamento");

    const seen: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 20; i++) {
      const page: { items: Item[]; nextCursor: string | null } = await call(adminA, "query", "crmLists.timeline", { dealId, limit: 2, cursor });
      seen.push(...page.items.map((x) => x.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(all.items.map((x) => x.id));

    // Another tenant reads nothing of it; exactly one target is required.
    const adminB = await b.loginAs("admin");
    expect((await call<{ items: Item[] }>(adminB, "query", "crmLists.timeline", { dealId })).items).toEqual([]);
    expect((await fails(adminA, "crmLists.timeline", { dealId, leadId: lead.id }, "query")).message).toMatch(/Informe um registro/);
  });
});
