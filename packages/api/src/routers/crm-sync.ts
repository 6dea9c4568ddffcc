import { connectPipedrive, disconnectCrm, getCrmMapping, listCrmConnections, saveCrmMapping } from "@vendaflow/core/crm-sync/connections";
import { connectPipedriveInput, crmProviderInput, saveCrmMappingInput } from "@vendaflow/validators/crm-sync";
import { adminProcedure, meta, router } from "../trpc";

/** CRM sync (docs/integrations.md): admins connect Pipedrive / HubSpot, map fields and stages, disconnect. */
export const crmSyncRouter = router({
  list: adminProcedure.query(({ ctx }) => listCrmConnections(ctx.tx, ctx.deps)),
  connectPipedrive: adminProcedure.input(connectPipedriveInput).mutation(({ ctx, input }) => connectPipedrive(ctx.tx, ctx.tenant.id, ctx.deps, input, meta(ctx), ctx.after)),
  disconnect: adminProcedure.input(crmProviderInput).mutation(({ ctx, input }) => disconnectCrm(ctx.tx, ctx.tenant.id, ctx.deps, input.provider, meta(ctx))),
  mapping: adminProcedure.input(crmProviderInput).query(({ ctx, input }) => getCrmMapping(ctx.tx, ctx.deps, input.provider)),
  saveMapping: adminProcedure.input(saveCrmMappingInput).mutation(({ ctx, input }) => saveCrmMapping(ctx.tx, ctx.tenant.id, ctx.deps, input.provider, input.mapping, meta(ctx))),
});
