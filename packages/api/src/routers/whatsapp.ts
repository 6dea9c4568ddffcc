import { whatsAppCostReport } from "@vendaflow/core/whatsapp/costs";
import { listTemplates, syncTemplates } from "@vendaflow/core/whatsapp/templates";
import { whatsAppUsageInput } from "@vendaflow/validators/whatsapp-costs";
import { listTemplatesInput, syncTemplatesInput } from "@vendaflow/validators/whatsapp-templates";
import { adminProcedure, meta, router } from "../trpc";

export const whatsappRouter = router({
  /** Outbound messages Meta priced, by month and category, with the estimated BRL cost. */
  costs: adminProcedure.input(whatsAppUsageInput).query(({ ctx, input }) => whatsAppCostReport(ctx.tx, ctx.deps.now(), input)),
  /** The templates of the inbox's WhatsApp Business Account, as last synced or updated by webhook. */
  templates: adminProcedure.input(listTemplatesInput).query(({ ctx, input }) => listTemplates(ctx.tx, input.inboxId)),
  /** Pulls the WABA's templates and approval status from Meta now. */
  syncTemplates: adminProcedure.input(syncTemplatesInput).mutation(({ ctx, input }) => syncTemplates(ctx.deps, ctx.tx, ctx.tenant.id, input.inboxId, meta(ctx))),
});
