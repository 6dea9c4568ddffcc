import { sql } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import { dealFilter, inRange, num, type AnalyticsScope } from "./scope";

export interface SalesFunnelStage {
  stageId: string;
  name: string;
  kind: "open" | "won" | "lost";
  deals: number;
  /** BRL, integer cents. */
  valueCents: number;
}

export interface SalesFunnel {
  /** The default pipeline the funnel counts (its "Ver negócios" opens the deal list there). */
  pipelineId: string | null;
  pipelineName: string | null;
  stages: SalesFunnelStage[];
}

/**
 * Deals created in the range, in the default pipeline, by the stage they are in now: how many and
 * their value (every stage listed, empty ones with zero, in the pipeline's order).
 */
export async function salesFunnel(tx: TenantTx, s: AnalyticsScope): Promise<SalesFunnel> {
  const { rows } = await sql<{ pipeline_id: string; pipeline_name: string; stage_id: string; name: string; kind: SalesFunnelStage["kind"]; deals: string; value_cents: string | null }>`
    with pipeline as (
      select id, name from pipelines where tenant_id = ${s.tenantId}::uuid and is_default order by created_at limit 1
    ),
    counted as (
      select d.stage_id, count(*) as deals, sum(d.value_cents) as value_cents
      from deals d
      where d.tenant_id = ${s.tenantId}::uuid and d.pipeline_id = (select id from pipeline) and ${inRange("d.created_at", s.filter)} and ${dealFilter(s)}
      group by d.stage_id
    )
    select p.id as pipeline_id, p.name as pipeline_name, st.id as stage_id, st.name, st.kind, coalesce(c.deals, 0) as deals, c.value_cents
    from pipeline p
    join pipeline_stages st on st.tenant_id = ${s.tenantId}::uuid and st.pipeline_id = p.id
    left join counted c on c.stage_id = st.id
    order by st.position`.execute(tx);
  return {
    pipelineId: rows[0]?.pipeline_id ?? null,
    pipelineName: rows[0]?.pipeline_name ?? null,
    stages: rows.map((r) => ({ stageId: r.stage_id, name: r.name, kind: r.kind, deals: num(r.deals), valueCents: num(r.value_cents) })),
  };
}
