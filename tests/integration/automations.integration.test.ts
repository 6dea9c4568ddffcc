import { createHmac } from "node:crypto";
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signQStashRequest } from "@vendaflow/connectors/qstash/sign-request";
import { afterCommit } from "@vendaflow/core/after-commit";
import { fireAutomationsForMany } from "@vendaflow/core/automations/fire";
import { createDb } from "@vendaflow/db/create-db";
import { withTenant } from "@vendaflow/db/with-tenant";
import { TEST_KEYS } from "../support/app-env";
import { closeOwner, createTenant, env, owner, seedConversationRows, type FixtureTenant } from "../support/fixtures";
import { request, type Client } from "../support/http";
import { ok } from "../support/trpc-calls";

// Automations over HTTP: admins manage them; a deal's stage change / win fires them through the
// Scheduler port (the signed /api/jobs/automation-run endpoint); actions run once each even when a
// later one fails and the run is retried; a run log per automation; loop protection per entity per
// hour; another tenant neither sees nor fires them.

type Stage = { id: string; name: string; kind: string };
type Run = { id: string; status: string; attempts: number; error: string | null; result: { type: string; ok: boolean; error?: string }[]; entity_id: string; event: Record<string, unknown> };

let t: FixtureTenant;
let other: FixtureTenant;
let admin: Client;
let agent: Client;
let stages: Stage[];
let hook: Server;
let hookUrl: string;
/** What the webhook stand-in received, and how it answers next (a queue of statuses, then 200). */
const received: { headers: Record<string, string | string[] | undefined>; raw: string }[] = [];
const answers: number[] = [];

beforeAll(async () => {
  t = await createTenant();
  other = await createTenant();
  await seedConversationRows(other.id);
  admin = await t.loginAs("admin");
  agent = await t.loginAs("agent");
  stages = (await admin.trpc<{ stages: Stage[] }[]>("query", "crm.pipelines.list")).data[0]!.stages;
  hook = createServer((req, res) => {
    let raw = "";
    req.on("data", (d) => (raw += d));
    req.on("end", () => {
      received.push({ headers: req.headers, raw });
      res.statusCode = answers.shift() ?? 200;
      res.end("ok");
    });
  });
  await new Promise<void>((r) => hook.listen(0, "127.0.0.1", r));
  hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  await new Promise((r) => hook?.close(r));
  await closeOwner();
});

const stage = (name: string) => stages.find((s) => s.name === name)!.id;
const runs = async (c: Client, automationId: string) => (await ok<{ items: Run[] }>(c, "query", "automations.runs", { automationId, limit: 50 })).items;
const settled = (r: Run[]) => r.every((x) => !["pending", "running", "retrying"].includes(x.status));
const waitRuns = async (automationId: string, n: number) => {
  await expect.poll(async () => { const r = await runs(admin, automationId); return r.length >= n && settled(r); }, { timeout: 30_000, interval: 300 }).toBe(true);
  return runs(admin, automationId);
};

describe("automations", () => {
  it("admins only; references checked (another tenant's user, an unknown custom field)", async () => {
    const input = { name: "Ganhou", trigger: "deal_won", actions: [{ type: "add_tag", tag: "cliente" }] };
    expect((await agent.trpc("mutation", "automations.save", input)).error?.data.code).toBe("FORBIDDEN");
    expect((await (await t.loginAs("viewer")).trpc("query", "automations.list")).error?.data.code).toBe("FORBIDDEN");
    const foreign = await admin.trpc("mutation", "automations.save", { ...input, actions: [{ type: "assign_owner", userId: other.users.agent.id }] });
    expect([foreign.error?.data.code, (foreign.error?.data.details as { field?: string })?.field]).toEqual(["BAD_REQUEST", "actions.0"]);
    const field = await admin.trpc("mutation", "automations.save", { ...input, conditions: [{ field: "custom.9b0f6b3e-6a53-4c43-9d0e-1c1f5f0e8a11", op: "eq", value: "x" }] });
    expect((field.error?.data.details as { field?: string })?.field).toBe("conditions.0.field");
    expect((await admin.trpc("mutation", "automations.save", { ...input, actions: [] })).error?.data.code).toBe("BAD_REQUEST");
  });

  it("a won deal: task for the owner, a tag, an e-mail and a signed webhook, once each; a failing webhook is retried without repeating the rest", async () => {
    const a = await ok<{ id: string }>(admin, "mutation", "automations.save", {
      name: "Negócio ganho",
      trigger: "deal_won",
      conditions: [{ field: "value_cents", op: "gte", value: 100_000 }],
      actions: [
        { type: "create_task", subject: "Enviar contrato", dueInHours: 4, assignTo: "owner" },
        { type: "add_tag", tag: "cliente" },
        { type: "send_email", to: "owner", subject: "Negócio ganho!", body: "Parabéns pelo fechamento." },
        { type: "call_webhook", url: hookUrl },
      ],
    });
    answers.push(500); // the first delivery fails
    const deal = await ok<{ id: string }>(agent, "mutation", "crm.deals.create", { title: "Plano anual", valueCents: 250_000, ownerId: t.users.agent.id });
    const small = await ok<{ id: string }>(agent, "mutation", "crm.deals.create", { title: "Avulso", valueCents: 5_000, ownerId: t.users.agent.id });
    await ok(agent, "mutation", "crm.deals.win", { id: deal.id });
    await ok(agent, "mutation", "crm.deals.win", { id: small.id });

    const log = await waitRuns(a.id, 2);
    const won = log.find((r) => r.entity_id === deal.id)!;
    expect(won).toMatchObject({ status: "succeeded", attempts: 2, error: null });
    expect(won.result.map((r) => [r.type, r.ok])).toEqual([["create_task", true], ["add_tag", true], ["send_email", true], ["call_webhook", true]]);
    expect(log.find((r) => r.entity_id === small.id)).toMatchObject({ status: "skipped", error: "Condições não atendidas." });

    // Done once each despite two deliveries; the webhook got the same idempotency key twice, signed.
    const tasks = (await owner().query("select subject, assigned_to from activities where deal_id = $1 and type = 'task'", [deal.id])).rows;
    expect(tasks).toEqual([{ subject: "Enviar contrato", assigned_to: t.users.agent.id }]);
    expect((await owner().query("select tags from deals where id = $1", [deal.id])).rows[0].tags).toEqual(["cliente"]);
    // Once, and from the workspace's name as its other mails (white-label), not the platform's sender.
    expect((await owner().query("select from_name from email_outbox where to_address = $1 and subject = 'Negócio ganho!'", [t.users.agent.email])).rows).toEqual([{ from_name: `Empresa ${t.slug}` }]);
    const calls = received.filter((r) => JSON.parse(r.raw).runId === won.id);
    expect(calls).toHaveLength(2);
    expect(calls.map((c) => c.headers["idempotency-key"])).toEqual([won.id, won.id]);
    const key = createHmac("sha256", TEST_KEYS.tokenSecret).update(`webhook:${t.id}`).digest("hex");
    expect(calls[1]!.headers["x-vendaflow-signature"]).toBe(`sha256=${createHmac("sha256", key).update(calls[1]!.raw).digest("hex")}`);
    expect(JSON.parse(calls[1]!.raw)).toMatchObject({ trigger: "deal_won", entity: { type: "deal", id: deal.id, title: "Plano anual", value_cents: 250_000, status: "won" }, event: { to_stage: "Ganho" } });
  });

  it("a webhook that keeps failing: three attempts, then failed with the error in the log", async () => {
    const a = await ok<{ id: string }>(admin, "mutation", "automations.save", { name: "Perdido", trigger: "deal_lost", actions: [{ type: "add_tag", tag: "perdido" }, { type: "call_webhook", url: hookUrl }] });
    answers.push(503, 503, 503);
    const deal = await ok<{ id: string }>(agent, "mutation", "crm.deals.create", { title: "Vai perder", ownerId: t.users.agent.id });
    const [reason] = await ok<{ id: string }[]>(agent, "query", "crm.pipelines.lostReasons");
    await ok(agent, "mutation", "crm.deals.lose", { id: deal.id, lostReasonId: reason!.id });
    const [run] = await waitRuns(a.id, 1);
    expect(run).toMatchObject({ status: "failed", attempts: 3, error: "Ação 2 (Chamar webhook): O webhook respondeu 503." });
    expect((await owner().query("select tags from deals where id = $1", [deal.id])).rows[0].tags).toEqual(["perdido"]);
  });

  it("loop protection: at most N runs per entity per hour, the rest logged as blocked; conditions on the event and on custom fields", async () => {
    const seg = await ok<{ id: string }>(admin, "mutation", "crm.customFields.save", { id: null, entityType: "deal", label: "Segmento", fieldType: "select", options: ["Varejo", "Indústria"] });
    const a = await ok<{ id: string }>(admin, "mutation", "automations.save", {
      name: "Mudou de etapa",
      trigger: "stage_changed",
      maxPerEntityPerHour: 2,
      conditions: [{ field: `custom.${seg.id}`, op: "eq", value: "varejo" }],
      actions: [{ type: "update_field", field: `custom.${seg.id}`, value: "Varejo" }, { type: "add_tag", tag: "movido" }],
    });
    const deal = await ok<{ id: string }>(agent, "mutation", "crm.deals.create", { title: "Vai e volta", ownerId: t.users.agent.id, customFields: { [seg.id]: "Varejo" } });
    const industria = await ok<{ id: string }>(agent, "mutation", "crm.deals.create", { title: "Indústria", ownerId: t.users.agent.id, customFields: { [seg.id]: "Indústria" } });
    for (const s of ["Qualificado", "Proposta", "Qualificado", "Proposta"]) await ok(agent, "mutation", "crm.deals.move", { id: deal.id, stageId: stage(s) });
    await ok(agent, "mutation", "crm.deals.move", { id: industria.id, stageId: stage("Proposta") });
    const log = await waitRuns(a.id, 5);
    const mine = log.filter((r) => r.entity_id === deal.id).map((r) => r.status).sort();
    expect(mine).toEqual(["loop_blocked", "loop_blocked", "succeeded", "succeeded"]);
    expect(log.find((r) => r.status === "loop_blocked")!.error).toBe("Limite de 2 execuções por hora para este registro atingido.");
    expect(log.find((r) => r.entity_id === industria.id)).toMatchObject({ status: "skipped" });
    expect((await owner().query("select tags from deals where id = $1", [industria.id])).rows[0].tags).toEqual([]);
  });

  it("values are typed: a money condition saved in cents matches a deal of that value; a wrong-typed value is refused at save (pt-BR); run notes name things", async () => {
    const fee = await ok<{ id: string }>(admin, "mutation", "crm.customFields.save", { id: null, entityType: "deal", label: "Mensalidade", fieldType: "currency" });
    const leadField = await ok<{ id: string }>(admin, "mutation", "crm.customFields.save", { id: null, entityType: "lead", label: "Porte", fieldType: "text" });
    const base = { name: "Valor exato", trigger: "deal_won" };
    // The editor sends R$ 5.000,00 as 500000 cents; text where a number belongs is refused, not saved to never match.
    const refuse = async (input: Record<string, unknown>) => {
      const res = await admin.trpc("mutation", "automations.save", { ...base, ...input });
      return [res.error?.data.code, (res.error?.data.details as { field?: string })?.field, res.error?.message];
    };
    expect(await refuse({ conditions: [{ field: "value_cents", op: "eq", value: "5.000,00" }], actions: [{ type: "add_tag", tag: "x" }] })).toEqual(["BAD_REQUEST", "conditions.0.value", "Valor inválido: informe um valor em reais, como 1.234,56."]);
    expect(await refuse({ actions: [{ type: "update_field", field: `custom.${fee.id}`, value: "150,00" }] })).toEqual(["BAD_REQUEST", "actions.0.value", '"Mensalidade" deve ser um valor em centavos.']);
    expect(await refuse({ actions: [{ type: "update_field", field: `custom.${leadField.id}`, value: "Grande" }] })).toEqual(["BAD_REQUEST", "actions.0.field", 'O campo "Porte" não é de negócios, o registro deste gatilho.']);

    // A list field is set to the options chosen, only options it has.
    const extras = await ok<{ id: string }>(admin, "mutation", "crm.customFields.save", { id: null, entityType: "deal", label: "Adicionais", fieldType: "multiselect", options: ["Suporte 24h", "Treinamento", "API"] });
    expect(await refuse({ actions: [{ type: "update_field", field: `custom.${extras.id}`, value: ["Suporte 24h", "Brinde"] }] })).toEqual(["BAD_REQUEST", "actions.0.value", '"Adicionais": escolha apenas opções cadastradas.']);
    expect(await refuse({ actions: [{ type: "update_field", field: `custom.${fee.id}`, value: ["150"] }] })).toEqual(["BAD_REQUEST", "actions.0.value", '"Mensalidade" deve ser um valor em centavos.']);

    const a = await ok<{ id: string }>(admin, "mutation", "automations.save", {
      ...base,
      conditions: [{ field: "value_cents", op: "eq", value: 500_000 }, { field: "status", op: "eq", value: "won" }],
      actions: [{ type: "update_field", field: `custom.${fee.id}`, value: 15_000 }, { type: "update_field", field: `custom.${extras.id}`, value: ["Suporte 24h", "API"] }, { type: "assign_owner", userId: t.users.admin.id }],
    });
    const hit = await ok<{ id: string }>(agent, "mutation", "crm.deals.create", { title: "Cinco mil", valueCents: 500_000, ownerId: t.users.agent.id });
    const miss = await ok<{ id: string }>(agent, "mutation", "crm.deals.create", { title: "Cinquenta", valueCents: 5_000, ownerId: t.users.agent.id });
    await ok(agent, "mutation", "crm.deals.win", { id: hit.id });
    await ok(agent, "mutation", "crm.deals.win", { id: miss.id });
    const log = await waitRuns(a.id, 2);
    const run = log.find((r) => r.entity_id === hit.id)!;
    expect(run).toMatchObject({ status: "succeeded", error: null });
    const adminName = (await owner().query("select name from users where id = $1", [t.users.admin.id])).rows[0].name;
    expect(run.result.map((r) => (r as { note?: string }).note)).toEqual(['Campo "Mensalidade" atualizado.', 'Campo "Adicionais" atualizado.', `Atribuído a ${adminName}.`]);
    expect(log.find((r) => r.entity_id === miss.id)).toMatchObject({ status: "skipped", error: "Condições não atendidas." });
    expect((await owner().query("select custom_fields from deals where id = $1", [hit.id])).rows[0].custom_fields).toEqual({ [fee.id]: 15_000, [extras.id]: ["Suporte 24h", "API"] });
    await ok(admin, "mutation", "automations.delete", { id: a.id });
  });

  it("leads created by a CSV import fire lead_created once each through the job; duplicates and bad rows fire nothing", async () => {
    const a = await ok<{ id: string }>(admin, "mutation", "automations.save", {
      name: "Lead importado",
      trigger: "lead_created",
      maxPerEntityPerHour: 1,
      conditions: [{ field: "source", op: "eq", value: "import" }],
      actions: [{ type: "add_tag", tag: "importado" }],
    });
    await owner().query("insert into leads (tenant_id, name, email, source) values ($1, 'Já existe', 'ja@lote.com.br', 'web')", [t.id]);
    const csv = ["Nome;E-mail;Celular", "Ana Lote;ana@lote.com.br;(11) 98765-1111", "Bruno Lote;bruno@lote.com.br;", "Repetido;ja@lote.com.br;", "Ruim;sem-arroba;1", "Carla Lote;;(21) 99876-2222"].join("\r\n");
    const body = Buffer.from(csv);
    const preview = await new Promise<{ id: string; mapping: Record<string, number> }>((resolve, reject) => {
      const req = httpRequest(
        { host: "127.0.0.1", port: env().port, path: "/api/crm/import?name=lote.csv", method: "POST", headers: { host: t.host, cookie: agent.cookieHeader(), "content-type": "text/csv", "content-length": String(body.byteLength) } },
        (res) => {
          let raw = "";
          res.on("data", (d) => (raw += d));
          res.on("end", () => (res.statusCode === 200 ? resolve(JSON.parse(raw)) : reject(new Error(`${res.statusCode} ${raw}`))));
        },
      );
      req.end(body);
    });
    await ok(agent, "mutation", "crm.imports.start", { importId: preview.id, mapping: preview.mapping });
    await expect.poll(async () => (await ok<{ status: string }>(agent, "query", "crm.imports.get", { id: preview.id })).status, { timeout: 30_000, interval: 300 }).toBe("done");
    const log = await waitRuns(a.id, 3);
    const imported = (await owner().query<{ id: string; name: string; tags: string[] }>("select id, name, tags from leads where tenant_id = $1 and source = 'import' order by name", [t.id])).rows;
    expect(imported.map((l) => [l.name, l.tags])).toEqual([["Ana Lote", ["importado"]], ["Bruno Lote", ["importado"]], ["Carla Lote", ["importado"]]]);
    expect(log.map((r) => r.entity_id).sort()).toEqual(imported.map((l) => l.id).sort());
    expect(log.map((r) => [r.status, r.event.source, r.event.import_id])).toEqual(imported.map(() => ["succeeded", "import", preview.id]));
    // The duplicate and the bad row made no lead and no run.
    expect((await owner().query("select count(*)::int as n from automation_runs where automation_id = $1", [a.id])).rows[0].n).toBe(3);
  });

  it("firing for many entities at once keeps loop protection per entity (the import's path)", async () => {
    const a = await ok<{ id: string }>(admin, "mutation", "automations.save", { name: "Em lote", trigger: "lead_created", maxPerEntityPerHour: 2, conditions: [], actions: [{ type: "add_tag", tag: "lote" }] });
    const [x, y] = (await owner().query<{ id: string }>("insert into leads (tenant_id, name, source) values ($1, 'X', 'import'), ($1, 'Y', 'import') returning id", [t.id])).rows.map((r) => r.id) as [string, string];
    await owner().query("update automations set is_active = false where tenant_id = $1 and id <> $2 and trigger = 'lead_created'", [t.id, a.id]);
    const app = createDb({ url: env().appUrl, max: 1 });
    try {
      const after = afterCommit();
      const queued = await withTenant(app.db, t.id, (tx) => fireAutomationsForMany(tx, t.id, "lead_created", [x, y, x, x].map((entityId) => ({ entityId })), after));
      expect([queued, after.jobs.length]).toEqual([3, 3]);
    } finally {
      await app.close();
    }
    const { rows } = await owner().query<{ entity_id: string; status: string; n: number }>(
      "select entity_id, status, count(*)::int as n from automation_runs where automation_id = $1 group by 1, 2 order by 1, 2",
      [a.id],
    );
    expect(rows.map((r) => [r.entity_id === x ? "x" : "y", r.status, r.n]).sort()).toEqual([["x", "loop_blocked", 1], ["x", "pending", 2], ["y", "pending", 1]]);
    await ok(admin, "mutation", "automations.delete", { id: a.id });
  });

  it("another tenant neither reads nor fires them; the job endpoint refuses an unsigned call and a run of another tenant", async () => {
    const mine = (await ok<{ id: string }[]>(admin, "query", "automations.list"))[0]!;
    const otherAdmin = await other.loginAs("admin");
    expect((await ok<{ id: string }[]>(otherAdmin, "query", "automations.list")).map((x) => x.id)).not.toContain(mine.id);
    expect((await otherAdmin.trpc("query", "automations.get", { id: mine.id })).error?.data.code).toBe("NOT_FOUND");
    expect((await otherAdmin.trpc("query", "automations.runs", { automationId: mine.id })).error?.data.code).toBe("NOT_FOUND");
    expect((await otherAdmin.trpc("mutation", "automations.delete", { id: mine.id })).error?.data.code).toBe("NOT_FOUND");
    // Tenant B's won deal does not run A's "deal_won" automation.
    const before = (await owner().query("select count(*)::int as n from automation_runs where tenant_id = $1", [t.id])).rows[0].n;
    const d = await ok<{ id: string }>(otherAdmin, "mutation", "crm.deals.create", { title: "De B" });
    await ok(otherAdmin, "mutation", "crm.deals.win", { id: d.id });
    expect((await owner().query("select count(*)::int as n from automation_runs where tenant_id = $1", [t.id])).rows[0].n).toBe(before);

    const path = "/api/jobs/automation-run";
    const run = (await owner().query("select id from automation_runs where tenant_id = $1 limit 1", [t.id])).rows[0].id;
    expect((await request(env().port, env().rootDomain, "POST", path, { headers: { "content-type": "application/json" }, body: JSON.stringify({ tenantId: t.id, runId: run }) })).status).toBe(401);
    const raw = JSON.stringify({ tenantId: other.id, runId: run });
    const signature = await signQStashRequest({ url: `http://${env().rootDomain}${path}`, rawBody: raw, signingKey: TEST_KEYS.qstashNext });
    const res = await request(env().port, env().rootDomain, "POST", path, { headers: { "content-type": "application/json", "upstash-signature": signature }, body: raw });
    expect([res.status, res.json<{ status: string }>().status]).toEqual([200, "missing"]);
  });
});
