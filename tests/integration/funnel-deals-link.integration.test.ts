import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnalyticsFilter } from "@vendaflow/validators/analytics";
import { funnelDealsHref } from "@/lib/analytics/funnel-deals-href";
import { createdRange } from "@/lib/crm/created-range";
import { LIST_PARAMS, listFiltersFrom } from "@/lib/crm/list-params";
import { paramsOf } from "@/lib/url-params";
import { closeOwner, createTenant, owner, type FixtureTenant } from "../support/fixtures";
import type { Client } from "../support/http";

/**
 * The dashboard's sales funnel and its "Ver negócios": the link's deal list (its address read as
 * the list reads it, its days turned into instants as the list does) holds exactly the deals the
 * funnel counts. November 2026 in São Paulo (UTC-3) runs from 2026-11-01T03:00Z to
 * 2026-12-01T03:00Z: deals a moment either side of both edges check the time zone.
 */

const NOV: AnalyticsFilter = { from: "2026-11-01", to: "2026-11-30" };

let t: FixtureTenant;
let admin: Client;

async function call<T>(c: Client, kind: "query" | "mutation", path: string, input?: unknown): Promise<T> {
  const res = await c.trpc<T>(kind, path, input);
  expect(res.error, `${path}: ${res.error?.message}`).toBeNull();
  return res.data;
}
const q = async <T = { id: string }>(sql: string, params: unknown[]) => (await owner().query(sql, params)).rows[0] as T;

beforeAll(async () => {
  t = await createTenant();
  admin = await t.loginAs("admin");
  const stage = (name: string) => q<{ id: string; pipeline_id: string }>("select s.id, s.pipeline_id from pipeline_stages s join pipelines p on p.id = s.pipeline_id and p.is_default where s.tenant_id = $1 and s.name = $2", [t.id, name]);
  const other = (await q("insert into pipelines (tenant_id, name) values ($1, 'Revenda') returning id", [t.id])).id;
  const otherStage = (await q("insert into pipeline_stages (tenant_id, pipeline_id, name, position, probability) values ($1, $2, 'Revenda nova', 0, 10) returning id", [t.id, other])).id;
  const deal = async (title: string, at: string, where: { id: string; pipeline_id: string }, extra: { won?: boolean; deleted?: boolean } = {}) =>
    q(
      `insert into deals (tenant_id, pipeline_id, stage_id, title, value_cents, probability, status, won_at, created_at, deleted_at)
       values ($1, $2, $3, $4, 1000, 10, $5, $6, $7, $8) returning id`,
      [t.id, where.pipeline_id, where.id, title, extra.won ? "won" : "open", extra.won ? "2026-11-20T12:00:00Z" : null, at, extra.deleted ? at : null],
    );
  const novo = await stage("Novo");
  const ganho = await stage("Ganho");
  await deal("Antes", "2026-11-01T02:59:59Z", novo); // 31/10 23:59:59 in São Paulo: October's
  await deal("Primeiro", "2026-11-01T03:00:00Z", novo); // 01/11 00:00
  await deal("Ganho no mês", "2026-11-15T12:00:00Z", ganho, { won: true });
  await deal("Último", "2026-12-01T02:59:59.999Z", novo); // 30/11 23:59:59.999
  await deal("Depois", "2026-12-01T03:00:00Z", novo); // 01/12 00:00: December's
  await deal("Apagado", "2026-11-10T12:00:00Z", novo, { deleted: true });
  await deal("Outro funil", "2026-11-10T12:00:00Z", { id: otherStage, pipeline_id: other });
});
afterAll(closeOwner);

describe("the sales funnel's Ver negócios", () => {
  it("lists exactly the deals the funnel counts: the same pipeline and São Paulo days, stage by stage", async () => {
    const funnel = await call<{ pipelineId: string; stages: { stageId: string; deals: number }[] }>(admin, "query", "analytics.salesFunnel", NOV);
    const counted = funnel.stages.reduce((n, s) => n + s.deals, 0);
    expect(counted).toBe(3);

    const url = new URL(funnelDealsHref(NOV, funnel.pipelineId)!, "http://app");
    expect(url.pathname).toBe("/deals");
    // What the deal list sends for that address (deal-list.tsx: the page's pipeline, the view's days).
    const filters = listFiltersFrom(paramsOf(url.searchParams), LIST_PARAMS.deal);
    const list = await call<{ items: { title: string; stage_id: string }[]; nextCursor: string | null }>(admin, "query", "crm.deals.list", {
      pipelineId: url.searchParams.get("pipeline"),
      ...createdRange(filters.from, filters.to),
      limit: 100,
    });
    expect(list.nextCursor).toBeNull();
    expect(list.items.map((d) => d.title).sort()).toEqual(["Ganho no mês", "Primeiro", "Último"]);
    expect(list.items).toHaveLength(counted);
    for (const s of funnel.stages) expect(list.items.filter((d) => d.stage_id === s.stageId).length, s.stageId).toBe(s.deals);
  });

  it("one day: the funnel and the list agree at the month's last day too", async () => {
    const day: AnalyticsFilter = { from: "2026-11-30", to: "2026-11-30" };
    const funnel = await call<{ pipelineId: string; stages: { deals: number }[] }>(admin, "query", "analytics.salesFunnel", day);
    const url = new URL(funnelDealsHref(day, funnel.pipelineId)!, "http://app");
    const filters = listFiltersFrom(paramsOf(url.searchParams), LIST_PARAMS.deal);
    const list = await call<{ items: { title: string }[] }>(admin, "query", "crm.deals.list", { pipelineId: url.searchParams.get("pipeline"), ...createdRange(filters.from, filters.to), limit: 100 });
    expect(list.items.map((d) => d.title)).toEqual(["Último"]);
    expect(funnel.stages.reduce((n, s) => n + s.deals, 0)).toBe(1);
  });
});
