import { whatsAppCostReport } from "@vendaflow/core/whatsapp/costs";
import { inboxFlowFormJson } from "@vendaflow/core/whatsapp/flow-form-file";
import { checkWhatsAppConnection } from "@vendaflow/core/whatsapp/connection-check";
import { listTemplates, syncTemplates } from "@vendaflow/core/whatsapp/templates";
import { whatsAppUsageInput } from "@vendaflow/validators/whatsapp-costs";
import { flowFormJsonInput } from "@vendaflow/validators/whatsapp-flow-form";
import { checkConnectionInput, listTemplatesInput, syncTemplatesInput } from "@vendaflow/validators/whatsapp-templates";
import { adminProcedure, meta, router } from "../trpc";

export const whatsappRouter = router({
  /** Outbound messages Meta priced, by month and category, with the estimated BRL cost. */
  costs: adminProcedure.input(whatsAppUsageInput).query(({ ctx, input }) => whatsAppCostReport(ctx.tx, ctx.deps.now(), input)),
  /** The templates of the inbox's WhatsApp Business Account, as last synced or updated by webhook. */
  templates: adminProcedure.input(listTemplatesInput).query(({ ctx, input }) => listTemplates(ctx.tx, input.inboxId)),
  /** Pulls the WABA's templates and approval status from Meta now. */
  /** Asks Meta for the number with the inbox's token: a result to show, not an error, when it fails. */
  checkConnection: adminProcedure.input(checkConnectionInput).mutation(({ ctx, input }) => checkWhatsAppConnection(ctx.deps, ctx.tx, input.inboxId)),
  syncTemplates: adminProcedure.input(syncTemplatesInput).mutation(({ ctx, input }) => syncTemplates(ctx.deps, ctx.tx, ctx.tenant.id, input.inboxId, meta(ctx))),
  /** The Flow JSON of the inbox's qualification form (WhatsApp Flow), generated from the tenant's published flow, to upload to Meta. */
  flowFormJson: adminProcedure.input(flowFormJsonInput).query(({ ctx, input }) => inboxFlowFormJson(ctx.tx, input.inboxId)),
});
