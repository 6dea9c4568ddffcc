import { agentPerformance } from "@vendaflow/core/analytics/agent-performance";
import { botFunnel } from "@vendaflow/core/analytics/bot-funnel";
import { monthlyRates } from "@vendaflow/core/analytics/monthly-rates";
import { salesFunnel } from "@vendaflow/core/analytics/sales-funnel";
import { teamLoad } from "@vendaflow/core/analytics/team-load";
import { conversationChannels, leadSources } from "@vendaflow/core/analytics/sources";
import { volumeByHour } from "@vendaflow/core/analytics/volume-by-hour";
import { analyticsFilterInput, teamLoadInput } from "@vendaflow/validators/analytics";
import { reportProcedure, router, tenantProcedure } from "../trpc";

/**
 * The dashboard cockpit, one query per chart (each loads and fails on its own). Whole-tenant
 * charts are for admins and viewers; agent performance is open to every role, and an agent gets
 * only their own row. API keys with analytics:read read them all (as their admin). The team's
 * load is live (no date range): who holds what right now, for the same roles as the charts.
 */
const report = reportProcedure.meta({ scope: "analytics:read" }).input(analyticsFilterInput);

export const analyticsRouter = router({
  botFunnel: report.query(({ ctx, input }) => botFunnel(ctx.tx, { tenantId: ctx.tenant.id, filter: input })),
  salesFunnel: report.query(({ ctx, input }) => salesFunnel(ctx.tx, { tenantId: ctx.tenant.id, filter: input })),
  monthlyRates: report.query(({ ctx, input }) => monthlyRates(ctx.tx, { tenantId: ctx.tenant.id, filter: input })),
  sources: report.query(({ ctx, input }) => leadSources(ctx.tx, { tenantId: ctx.tenant.id, filter: input })),
  channels: report.query(({ ctx, input }) => conversationChannels(ctx.tx, { tenantId: ctx.tenant.id, filter: input })),
  volumeByHour: report.query(({ ctx, input }) => volumeByHour(ctx.tx, { tenantId: ctx.tenant.id, filter: input })),
  teamLoad: reportProcedure
    .meta({ scope: "analytics:read" })
    .input(teamLoadInput)
    .query(({ ctx, input }) => teamLoad(ctx.tx, { tenantId: ctx.tenant.id, teamId: input.teamId, now: new Date() })),
  agents: tenantProcedure
    .meta({ scope: "analytics:read" })
    .input(analyticsFilterInput)
    .query(({ ctx, input }) => agentPerformance(ctx.tx, { tenantId: ctx.tenant.id, filter: input, userId: ctx.session.role === "agent" ? ctx.session.userId : null })),
});
