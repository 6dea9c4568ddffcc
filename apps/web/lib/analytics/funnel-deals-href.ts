import type { AnalyticsFilter } from "@vendaflow/validators/analytics";

/**
 * The sales funnel's "Ver negócios": the deal list of the funnel's pipeline, filtered to the deals
 * created in the dashboard's period (the list's `from` / `to`, lib/crm/list-params.ts, read as the
 * same São Paulo days: lib/crm/created-range.ts), so it lists exactly the deals the funnel counts.
 * Null when the dashboard is narrowed to an inbox or a team: the deal list has no such filter, and a
 * link to more deals than the chart counts is what this replaced.
 */
export function funnelDealsHref(filter: AnalyticsFilter, pipelineId: string | null | undefined): string | null {
  if (!pipelineId || filter.inboxId || filter.teamId) return null;
  return `/deals?${new URLSearchParams({ view: "list", pipeline: pipelineId, from: filter.from, to: filter.to })}`;
}
