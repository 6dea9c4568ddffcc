import { readFileSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NOT_QUALIFIED_TAG } from "@vendaflow/core/bot/not-qualified-tag";
import { defaultBantFlow } from "@vendaflow/core/bot/default-flow";
import { repoRoot } from "@vendaflow/db/paths";
import { closeOwner, createTenant, owner, type FixtureTenant } from "../support/fixtures";

/**
 * Migration 0169: the bot's not-qualified tag "nurture" becomes "nutrição" (NOT_QUALIFIED_TAG)
 * wherever a tag name is stored — the CRM's tag arrays, routing rules' and automations' conditions
 * and actions, saved views' tag filter, flows' outcome tags — with one "nutrição" where a list had
 * both, every other tag and value (the lead stage "nurture" included) as it was, and a second run
 * changing nothing.
 */

const q = async <T = Record<string, any>>(text: string, params: unknown[] = []) => (await owner().query(text, params)).rows as T[];
const one = async <T = Record<string, any>>(text: string, params: unknown[] = []) => (await q<T>(text, params))[0]!;
const json = (v: unknown) => JSON.stringify(v);
const MIGRATION = readFileSync(path.join(repoRoot(), "db", "migrations", "0169_nutricao_tag.sql"), "utf8");

let a: FixtureTenant;
beforeAll(async () => {
  a = await createTenant();
});
afterAll(closeOwner);

async function lead(tags: string[]) {
  return (await one<{ id: string }>("insert into leads (tenant_id, name, source, stage, tags, updated_at) values ($1, 'Lead', 'web', 'nurture', $2, '2026-01-01') returning id", [a.id, tags])).id;
}

// First: the migration test below rewrites every tenant's rows, the demo's included.
describe("the demo seed", () => {
  it("tags with nutrição: its not-qualified routing rule adds it, and the lead the bot did not qualify carries it", async () => {
    const [demo] = await q<{ id: string }>("select id from tenants where slug = 'demo'");
    const rules = await q<{ actions: { type: string; tag?: string }[] }>("select actions from routing_rules where tenant_id = $1 and name = 'Não qualificado → Nutrição'", [demo!.id]);
    expect(rules.map((r) => r.actions.filter((x) => x.type === "add_tag"))).toEqual([[{ type: "add_tag", tag: NOT_QUALIFIED_TAG }]]);
    const tagged = await q<{ tags: string[] }>("select tags from leads where tenant_id = $1 and $2 = any(tags)", [demo!.id, NOT_QUALIFIED_TAG]);
    expect(tagged.length).toBeGreaterThan(0);
    expect(await q("select id from leads where tenant_id = $1 and 'nurture' = any(tags)", [demo!.id])).toEqual([]);
  });
});

describe("migration 0169: the tag nurture becomes nutrição", () => {
  it("renames it in every stored place, keeps one where both were, leaves the rest, and runs twice as once", async () => {
    expect(NOT_QUALIFIED_TAG).toBe("nutrição");
    const leads = {
      only: await lead(["nurture", "frio"]),
      both: await lead(["nurture", "nutrição", "x"]),
      newFirst: await lead(["vip", "nutrição", "Nurture"]),
      lookalikes: await lead(["frio", "nurture-antigo", "nurtured"]),
      already: await lead(["nutrição", "frio"]),
      none: await lead([]),
    };
    const stage = await one<{ id: string; pipeline_id: string }>("select s.id, s.pipeline_id from pipeline_stages s join pipelines p on p.id = s.pipeline_id where s.tenant_id = $1 and p.is_default order by s.position limit 1", [a.id]);
    const deal = (await one("insert into deals (tenant_id, pipeline_id, stage_id, title, probability, tags) values ($1, $2, $3, 'Plano anual', 10, $4) returning id", [a.id, stage.pipeline_id, stage.id, ["nurture", "quente"]])).id;
    const contact = (await one("insert into contacts (tenant_id, name, tags) values ($1, 'Joana Prado', $2) returning id", [a.id, ["nurture"]])).id;
    const company = (await one("insert into companies (tenant_id, name, tags) values ($1, 'Acme Ltda', $2) returning id", [a.id, ["b2b", "NURTURE"]])).id;

    const teamId = randomUUID();
    const rule = (
      await one(
        "insert into routing_rules (tenant_id, name, priority, conditions, actions) values ($1, 'Frios', 20, $2, $3) returning id",
        [
          a.id,
          json([
            { field: "tags", op: "eq", value: "nurture" },
            { field: "tags", op: "in", value: ["vip", "nurture", "nutrição"] },
            { field: "source", op: "eq", value: "nurture" },
            { field: "bant.need", op: "contains", value: "nurture" },
            { field: "score", op: "lte", value: 69 },
          ]),
          json([{ type: "assign_team", teamId }, { type: "add_tag", tag: "nurture" }, { type: "add_tag", tag: "frio" }]),
        ],
      )
    ).id;
    const otherRule = (await one("insert into routing_rules (tenant_id, name, conditions, actions, updated_at) values ($1, 'VIP', $2, $3, '2026-01-01') returning id", [a.id, json([{ field: "tags", op: "eq", value: "vip" }]), json([{ type: "add_tag", tag: "quente" }])])).id;
    const automation = (
      await one(
        "insert into automations (tenant_id, name, trigger, conditions, actions) values ($1, 'Nutrir', 'lead_created', $2, $3) returning id",
        [
          a.id,
          json([
            { field: "tags", op: "contains", value: "Nurture" },
            { field: "stage", op: "eq", value: "nurture" },
          ]),
          json([
            { type: "add_tag", tag: "nurture" },
            { type: "send_email", to: "owner", subject: "nurture", body: "Lead em nurture." },
          ]),
        ],
      )
    ).id;
    const leadView = (await one("insert into saved_views (tenant_id, user_id, entity, name, config) values ($1, $2, 'lead', 'Frios', $3) returning id", [a.id, a.users.admin.id, json({ columns: ["name", "tags"], filters: { tag: "nurture", stage: "nurture" }, sort: "score" })])).id;
    const dealView = (await one("insert into saved_views (tenant_id, user_id, entity, name, config, updated_at) values ($1, $2, 'deal', 'VIP', $3, '2026-01-01') returning id", [a.id, a.users.admin.id, json({ columns: [], filters: { tag: "vip", q: "nurture" } })])).id;
    const flowDefinition = {
      ...defaultBantFlow,
      outcomes: {
        qualified: { ...defaultBantFlow.outcomes.qualified, tags: ["quente"] },
        notQualified: { ...defaultBantFlow.outcomes.notQualified, tags: ["nurture", "frio", "nutrição"] },
      },
    };
    const flow = (await one("insert into qualification_flows (tenant_id, name, version, definition) values ($1, 'Padrão', 1, $2) returning id", [a.id, json(flowDefinition)])).id;

    const snapshot = async () => ({
      leads: Object.fromEntries(await Promise.all(Object.entries(leads).map(async ([k, id]) => [k, await one("select tags, stage, updated_at from leads where id = $1", [id])]))),
      deal: await one("select tags, updated_at from deals where id = $1", [deal]),
      contact: await one("select tags from contacts where id = $1", [contact]),
      company: await one("select tags from companies where id = $1", [company]),
      rule: await one("select conditions, actions, updated_at from routing_rules where id = $1", [rule]),
      otherRule: await one("select conditions, actions, updated_at from routing_rules where id = $1", [otherRule]),
      automation: await one("select conditions, actions from automations where id = $1", [automation]),
      leadView: (await one("select config from saved_views where id = $1", [leadView])).config,
      dealView: await one("select config, updated_at from saved_views where id = $1", [dealView]),
      flow: (await one("select definition from qualification_flows where id = $1", [flow])).definition,
    });
    const before = await snapshot();

    await q(MIGRATION);
    const once = await snapshot();
    const tags = (k: keyof typeof leads) => once.leads[k].tags;
    expect(tags("only")).toEqual([NOT_QUALIFIED_TAG, "frio"]);
    expect(tags("both")).toEqual([NOT_QUALIFIED_TAG, "x"]);
    expect(tags("newFirst")).toEqual(["vip", NOT_QUALIFIED_TAG]);
    // Untouched: tags that only look alike, a lead already on the new tag, no tags; not rewritten either.
    for (const k of ["lookalikes", "already", "none"] as const) expect(once.leads[k]).toEqual(before.leads[k]);
    expect(once.leads.only.updated_at.getTime()).toBeGreaterThan(before.leads.only.updated_at.getTime());
    // The stage is an internal value: it stays "nurture".
    for (const k of Object.keys(leads) as (keyof typeof leads)[]) expect(once.leads[k].stage).toBe("nurture");

    expect(once.deal.tags).toEqual([NOT_QUALIFIED_TAG, "quente"]);
    expect(once.contact.tags).toEqual([NOT_QUALIFIED_TAG]);
    expect(once.company.tags).toEqual(["b2b", NOT_QUALIFIED_TAG]);

    expect(once.rule.conditions).toEqual([
      { field: "tags", op: "eq", value: NOT_QUALIFIED_TAG },
      { field: "tags", op: "in", value: ["vip", NOT_QUALIFIED_TAG] },
      { field: "source", op: "eq", value: "nurture" },
      { field: "bant.need", op: "contains", value: "nurture" },
      { field: "score", op: "lte", value: 69 },
    ]);
    expect(once.rule.actions).toEqual([{ type: "assign_team", teamId }, { type: "add_tag", tag: NOT_QUALIFIED_TAG }, { type: "add_tag", tag: "frio" }]);
    expect(once.otherRule).toEqual(before.otherRule);

    expect(once.automation.conditions).toEqual([
      { field: "tags", op: "contains", value: NOT_QUALIFIED_TAG },
      { field: "stage", op: "eq", value: "nurture" },
    ]);
    expect(once.automation.actions).toEqual([
      { type: "add_tag", tag: NOT_QUALIFIED_TAG },
      { type: "send_email", to: "owner", subject: "nurture", body: "Lead em nurture." },
    ]);

    expect(once.leadView).toEqual({ columns: ["name", "tags"], filters: { tag: NOT_QUALIFIED_TAG, stage: "nurture" }, sort: "score" });
    expect(once.dealView).toEqual(before.dealView);

    expect(once.flow).toEqual({
      ...flowDefinition,
      outcomes: { ...flowDefinition.outcomes, notQualified: { ...flowDefinition.outcomes.notQualified, tags: [NOT_QUALIFIED_TAG, "frio"] } },
    });

    // Run again (a re-applied file): nothing changes, not even updated_at.
    await q(MIGRATION);
    expect(await snapshot()).toEqual(once);
  });
});
