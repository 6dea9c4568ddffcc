import { connectPipedrive, disconnectCrm, getCrmMapping, listCrmConnections, saveCrmMapping } from "@vendaflow/core/crm-sync/connections";
import { connectPipedriveInput, crmProviderInput, saveCrmMappingInput } from "@vendaflow/validators/crm-sync";
import { TRPCError } from "@trpc/server";
import { crmOAuthProviders, startCrmOAuth } from "@vendaflow/core/crm-sync/oauth";
import { adminProcedure, meta, router } from "../trpc";

/** CRM sync (docs/integrations.md): admins connect Pipedrive / HubSpot, map fields and stages, disconnect. */
export const crmSyncRouter = router({
  list: adminProcedure.query(({ ctx }) => listCrmConnections(ctx.tx, ctx.deps)),
  /** Which providers connect through this installation's OAuth app (HubSpot when HUBSPOT_CLIENT_ID / SECRET are set). */
  options: adminProcedure.query(({ ctx }) => ({ oauth: crmOAuthProviders(ctx.deps) })),
  /** OAuth, step 1: the provider's consent URL, bound to this admin's browser session. */
  oauthStart: adminProcedure.input(crmProviderInput).mutation(({ ctx, input }) => {
    if (ctx.apiKeyPrincipal) throw new TRPCError({ code: "FORBIDDEN", message: "Conecte o CRM pelo navegador, com a sua sessão." });
    return startCrmOAuth(ctx.deps, input.provider, ctx.session);
  }),
  connectPipedrive: adminProcedure.input(connectPipedriveInput).mutation(({ ctx, input }) => connectPipedrive(ctx.tx, ctx.tenant.id, ctx.deps, input, meta(ctx), ctx.after)),
  disconnect: adminProcedure.input(crmProviderInput).mutation(({ ctx, input }) => disconnectCrm(ctx.tx, ctx.tenant.id, ctx.deps, input.provider, meta(ctx))),
  mapping: adminProcedure.input(crmProviderInput).query(({ ctx, input }) => getCrmMapping(ctx.tx, ctx.deps, input.provider)),
  saveMapping: adminProcedure.input(saveCrmMappingInput).mutation(({ ctx, input }) => saveCrmMapping(ctx.tx, ctx.tenant.id, ctx.deps, input.provider, input.mapping, meta(ctx))),
});
