import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultBantFlow } from "@vendaflow/core/bot/default-flow";
import type { BotInput } from "@vendaflow/core/bot/types";
import { ensureDefaultFlow } from "@vendaflow/core/flows/store";
import { simulate, type Simulation } from "@vendaflow/core/flows/simulate";
import type { FlowSummary } from "@vendaflow/core/flows/versions";
import { createDb, type Database } from "@vendaflow/db/create-db";
import { withTenant } from "@vendaflow/db/with-tenant";
import type { Flow, FlowIssue } from "@vendaflow/validators/flow";
import { closeOwner, createTenant, env, owner, type FixtureTenant } from "../support/fixtures";
import type { Client } from "../support/http";

let app: { db: Database; close: () => Promise<void> };
beforeAll(() => {
  app = createDb({ url: env().appUrl, max: 2 });
});
afterAll(async () => {
  await app.close();
  await closeOwner();
});

interface Edit {
  flowKey: string;
  id: string;
  isDraft: boolean;
  version: number;
  publishedVersion: number | null;
  definition: Flow;
}

const draftOf = (change: (f: Flow) => void): Flow => {
  const f = structuredClone(defaultBantFlow);
  change(f);
  return f;
};
const stepOf = (f: Flow, id: string) => f.steps.find((s) => s.id === id)!;

/** The tenant's default flow key (the list creates the seed flow on first use). */
async function defaultFlowKey(admin: Client): Promise<string> {
  const list = await admin.trpc<FlowSummary[]>("query", "flows.list");
  expect(list.error).toBeNull();
  const flow = list.data.find((f) => f.isDefault);
  expect(flow).toMatchObject({ version: 1, hasDraft: false });
  return flow!.flowKey;
}

describe("flows: drafts, validation and roles", () => {
  let tenant: FixtureTenant;
  let admin: Client;
  let flowKey: string;
  beforeAll(async () => {
    tenant = await createTenant();
    admin = await tenant.loginAs("admin");
    flowKey = await defaultFlowKey(admin);
  });

  it("saveDraft refuses each invalid case with issues naming the step", async () => {
    const cases: { name: string; flow: Flow; stepId: string; message: RegExp }[] = [
      { name: "dangling next", flow: draftOf((f) => (stepOf(f, "authority").next = "sumiu")), stepId: "authority", message: /próxima etapa "sumiu" não existe/ },
      { name: "dangling conditional next", flow: draftOf((f) => (stepOf(f, "budget").nextByOption = { gt_10k: "vip" })), stepId: "budget", message: /leva à etapa "vip", que não existe/ },
      { name: "unreachable step", flow: draftOf((f) => f.steps.push({ id: "orfa", kind: "text", question: "Mais algo?", next: null })), stepId: "orfa", message: /não é alcançável/ },
      { name: "loop without exit", flow: draftOf((f) => (stepOf(f, "timeline").next = "need")), stepId: "timeline", message: /ciclo sem saída/ },
      { name: "label over 20 characters", flow: draftOf((f) => (stepOf(f, "timeline").options![1]!.label = "Nos próximos trinta dias")), stepId: "timeline", message: /rótulo da opção "30_days" tem 24 caracteres \(máximo 20\)/ },
      { name: "duplicate step ids", flow: draftOf((f) => f.steps.push({ ...stepOf(f, "need") })), stepId: "need", message: /mais de uma etapa com este id/ },
      { name: "empty question", flow: draftOf((f) => (stepOf(f, "need").question = "")), stepId: "need", message: /^Etapa "need": pergunta é obrigatória\.$/ },
    ];
    for (const c of cases) {
      const res = await admin.trpc("mutation", "flows.saveDraft", { flowKey, definition: c.flow });
      expect(res.error?.data.code, c.name).toBe("BAD_REQUEST");
      const issues = res.error?.data.details?.issues as FlowIssue[];
      expect(issues, c.name).toContainEqual({ stepId: c.stepId, message: expect.stringMatching(c.message) });
      expect(issues.every((i) => typeof i.stepId === "string" && i.message.length > 0), c.name).toBe(true);
    }
    // Nothing was stored.
    const { rows } = await owner().query("select count(*)::int as n from qualification_flows where tenant_id = $1", [tenant.id]);
    expect(rows[0].n).toBe(1);
  });

  it("agents read flows but cannot save, publish or simulate; viewers cannot read them", async () => {
    const agent = await tenant.loginAs("agent");
    expect((await agent.trpc<FlowSummary[]>("query", "flows.list")).data.map((f) => f.flowKey)).toContain(flowKey);
    expect((await agent.trpc<Edit>("query", "flows.get", { flowKey })).data.definition.name).toBe(defaultBantFlow.name);
    expect((await agent.trpc("mutation", "flows.saveDraft", { flowKey, definition: defaultBantFlow })).error?.data.code).toBe("FORBIDDEN");
    expect((await agent.trpc("mutation", "flows.saveDraft", { flowKey: null, definition: defaultBantFlow })).error?.data.code).toBe("FORBIDDEN");
    expect((await agent.trpc("mutation", "flows.publish", { flowKey })).error?.data.code).toBe("FORBIDDEN");
    expect((await agent.trpc("mutation", "flows.simulate", { definition: defaultBantFlow, inputs: [] })).error?.data.code).toBe("FORBIDDEN");
    const viewer = await tenant.loginAs("viewer");
    expect((await viewer.trpc("query", "flows.list")).error?.data.code).toBe("FORBIDDEN");
  });

  it("a saved draft is edited in place and publishing makes it version n+1", async () => {
    expect((await admin.trpc("mutation", "flows.publish", { flowKey })).error?.data.code).toBe("PRECONDITION_FAILED");

    const v2 = draftOf((f) => (f.minScore = 60));
    const saved = await admin.trpc<{ flowKey: string; version: number }>("mutation", "flows.saveDraft", { flowKey, definition: v2 });
    expect(saved.error).toBeNull();
    expect(saved.data).toMatchObject({ flowKey, version: 2 });
    // Saving again replaces the one draft.
    v2.name = "BANT v2";
    expect((await admin.trpc("mutation", "flows.saveDraft", { flowKey, definition: v2 })).error).toBeNull();
    const editing = await admin.trpc<Edit>("query", "flows.get", { flowKey });
    expect(editing.data).toMatchObject({ isDraft: true, version: 2, publishedVersion: 1, definition: { name: "BANT v2", minScore: 60, version: 2 } });
    const listed = (await admin.trpc<FlowSummary[]>("query", "flows.list")).data.find((f) => f.flowKey === flowKey);
    expect(listed).toMatchObject({ name: "BANT v2", version: 1, hasDraft: true, isDefault: true });

    const published = await admin.trpc<{ version: number; isDefault: boolean }>("mutation", "flows.publish", { flowKey });
    expect(published.error).toBeNull();
    expect(published.data).toMatchObject({ version: 2, isDefault: true });
    expect((await admin.trpc<FlowSummary[]>("query", "flows.list")).data.find((f) => f.flowKey === flowKey)).toMatchObject({ version: 2, hasDraft: false });
    expect((await admin.trpc<Edit>("query", "flows.get", { flowKey })).data).toMatchObject({ isDraft: false, version: 2, publishedVersion: 2 });

    const { rows } = await owner().query<{ version: number; published: boolean; is_default: boolean; min_score: number }>(
      "select version, published_at is not null as published, is_default, (definition->>'minScore')::int as min_score from qualification_flows where tenant_id = $1 and flow_key = $2 order by version",
      [tenant.id, flowKey],
    );
    expect(rows).toEqual([
      { version: 1, published: true, is_default: true, min_score: 70 },
      { version: 2, published: true, is_default: true, min_score: 60 },
    ]);
    const audit = await owner().query<{ action: string }>("select action from audit_logs where tenant_id = $1 and entity_type = 'qualification_flow' order by created_at", [tenant.id]);
    expect(audit.rows.map((r) => r.action)).toEqual(["flow.save_draft", "flow.save_draft", "flow.publish"]);
  });

  it("a new flow starts as a draft and publishes as version 1, not default", async () => {
    const created = await admin.trpc<{ flowKey: string; version: number }>("mutation", "flows.saveDraft", { flowKey: null, definition: { ...defaultBantFlow, name: "Fluxo eventos" } });
    expect(created.error).toBeNull();
    expect(created.data.flowKey).not.toBe(flowKey);
    const listed = (await admin.trpc<FlowSummary[]>("query", "flows.list")).data.find((f) => f.flowKey === created.data.flowKey);
    expect(listed).toMatchObject({ name: "Fluxo eventos", version: null, hasDraft: true, isDefault: false });
    const published = await admin.trpc<{ version: number; isDefault: boolean }>("mutation", "flows.publish", { flowKey: created.data.flowKey });
    expect(published.data).toMatchObject({ version: 1, isDefault: false });
  });

  it("flows.simulate over HTTP equals the local simulate for the same draft and inputs", async () => {
    const draft = draftOf((f) => {
      f.minScore = 40;
      f.schedulingUrl = "https://agenda.example.com/{name}";
      f.outcomes.qualified.tags = ["quente"];
      stepOf(f, "authority").nextByOption = { researching: "timeline" };
    });
    const now = new Date("2025-06-10T12:00:00Z");
    const runs: BotInput[][] = [
      [{ kind: "text", text: "Ana Souza" }, { kind: "text", text: "pular" }, { kind: "option", optionId: "gt_10k" }, { kind: "option", optionId: "researching" }, { kind: "text", text: "1" }],
      [{ kind: "text", text: "Beto" }, { kind: "text", text: "beto@example.com" }, { kind: "text", text: "uns 500 reais" }, { kind: "text", text: "2" }, { kind: "text", text: "nada demais" }, { kind: "option", optionId: "researching" }],
      [{ kind: "text", text: "Carla" }, { kind: "text", text: "???" }, { kind: "timeout", revision: 3 }, { kind: "timeout", revision: 4 }, { kind: "timeout", revision: 5 }],
    ];
    for (const inputs of runs) {
      const res = await admin.trpc<Simulation>("mutation", "flows.simulate", { definition: draft, inputs, now: now.toISOString() });
      expect(res.error).toBeNull();
      const local = simulate(draft, inputs, now);
      expect(res.data).toEqual(JSON.parse(JSON.stringify(local)));
      expect(res.data.transcript).toHaveLength(inputs.length + 1);
    }
    // The draft with a label over 20 characters cannot be saved, but the simulator still runs it.
    const long = draftOf((f) => (stepOf(f, "timeline").options![0]!.label = "Imediatamente, hoje mesmo"));
    const res = await admin.trpc<Simulation>("mutation", "flows.simulate", { definition: long, inputs: [{ kind: "text", text: "Dani" }], now: now.toISOString() });
    expect(res.data).toEqual(JSON.parse(JSON.stringify(simulate(long, [{ kind: "text", text: "Dani" }], now))));
  });
});

describe("flows: versions and conversations in progress", () => {
  it("a conversation started on version 1 keeps it after version 2 is published; new ones get version 2", async () => {
    const tenant = await createTenant();
    const admin = await tenant.loginAs("admin");
    const flowKey = await defaultFlowKey(admin);
    const v1 = (await owner().query<{ id: string }>("select id from qualification_flows where tenant_id = $1 and flow_key = $2 and version = 1", [tenant.id, flowKey])).rows[0]!.id;

    const q = (sql: string, params: unknown[]) => owner().query<{ id: string }>(sql, params).then((r) => r.rows[0]!);
    const inbox = await q("insert into inboxes (tenant_id, name, channel) values ($1, 'Site', 'web') returning id", [tenant.id]);
    const lead = await q("insert into leads (tenant_id, name, source, visitor_id) values ($1, 'Lead', 'web', gen_random_uuid()::text) returning id", [tenant.id]);
    const conv = await q("insert into conversations (tenant_id, inbox_id, lead_id, flow_id, status, current_step) values ($1, $2, $3, $4, 'bot', 'budget') returning id", [tenant.id, inbox.id, lead.id, v1]);

    const v2 = draftOf((f) => {
      stepOf(f, "email").next = "industry";
      f.steps.splice(2, 0, { id: "industry", kind: "options", question: "Qual é o seu setor?", options: [{ id: "varejo", label: "Varejo", text: "Varejo", score: 0 }, { id: "outro", label: "Outro", text: "Outro", score: 0 }], next: "budget" });
    });
    expect((await admin.trpc("mutation", "flows.saveDraft", { flowKey, definition: v2 })).error).toBeNull();
    const published = await admin.trpc<{ id: string; version: number }>("mutation", "flows.publish", { flowKey });
    expect(published.data.version).toBe(2);
    expect(published.data.id).not.toBe(v1);

    const row = await owner().query<{ flow_id: string }>("select flow_id from conversations where id = $1", [conv.id]);
    expect(row.rows[0]!.flow_id).toBe(v1);
    const old = await owner().query<{ version: number; def_version: number; steps: number; published: boolean }>(
      "select version, (definition->>'version')::int as def_version, jsonb_array_length(definition->'steps') as steps, published_at is not null as published from qualification_flows where id = $1",
      [v1],
    );
    expect(old.rows[0]).toEqual({ version: 1, def_version: 1, steps: defaultBantFlow.steps.length, published: true });

    const current = await withTenant(app.db, tenant.id, (tx) => ensureDefaultFlow(tx, tenant.id));
    expect(current.id).toBe(published.data.id);
    expect(current.flow.version).toBe(2);
    expect(current.flow.steps.map((s) => s.id)).toContain("industry");
  });
});
