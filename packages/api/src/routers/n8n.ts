import { getLeadRecord } from "@vendaflow/core/crm/lead-record";
import { getN8nConnection, removeN8nConnection, saveN8nConnection, triggerN8nWorkflow } from "@vendaflow/core/n8n/n8n";
import { idInput } from "@vendaflow/validators/crm";
import { n8nConnectionInput, n8nTriggerInput } from "@vendaflow/validators/n8n";
import { adminOutboundProcedure, adminProcedure, meta, router, tenantProcedure } from "../trpc";

/**
 * n8n (docs/integrations.md): admins set the tenant's n8n instance (signed in); API keys trigger its
 * workflows (`webhooks:write`) and read a lead (`leads:read`) — what /api/n8n/* calls.
 */
export const n8nRouter = router({
  get: adminProcedure.query(({ ctx }) => getN8nConnection(ctx.tx)),
  save: adminProcedure.input(n8nConnectionInput).mutation(({ ctx, input }) => saveN8nConnection(ctx.tx, ctx.tenant.id, ctx.deps, input, meta(ctx))),
  remove: adminProcedure.mutation(({ ctx }) => removeN8nConnection(ctx.tx, ctx.tenant.id, meta(ctx))),
  // Waits on n8n (up to 10 s) without holding a transaction (adminOutboundProcedure).
  trigger: adminOutboundProcedure
    .meta({ scope: "webhooks:write" })
    .input(n8nTriggerInput)
    .mutation(({ ctx, input }) => triggerN8nWorkflow(ctx.inTx, ctx.tenant.id, ctx.deps, input, ctx.session.userId, meta(ctx))),
  lead: tenantProcedure
    .meta({ scope: "leads:read" })
    .input(idInput)
    .query(({ ctx, input }) => getLeadRecord(ctx.tx, input.id)),
});
