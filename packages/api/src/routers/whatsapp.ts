import { whatsAppCostReport } from "@vendaflow/core/whatsapp/costs";
import { inboxFlowFormJson } from "@vendaflow/core/whatsapp/flow-form-file";
import { checkWhatsAppConnection } from "@vendaflow/core/whatsapp/connection-check";
import { listTemplates, syncTemplates } from "@vendaflow/core/whatsapp/templates";
import { whatsAppUsageInput } from "@vendaflow/validators/whatsapp-costs";
import { flowFormJsonInput } from "@vendaflow/validators/whatsapp-flow-form";
import { checkConnectionInput, listTemplatesInput, syncTemplatesInput } from "@vendaflow/validators/whatsapp-templates";
import { completeEmbeddedSignup } from "@vendaflow/core/whatsapp/embedded-signup";
import { embeddedSignupInput } from "@vendaflow/validators/whatsapp-signup";
import { adminProcedure, meta, router } from "../trpc";
import { inboxView } from "./inboxes";

export const whatsappRouter = router({
  /** Outbound messages Meta priced, by month and category, with the estimated BRL cost. */
  costs: adminProcedure.input(whatsAppUsageInput).query(({ ctx, input }) => whatsAppCostReport(ctx.tx, ctx.deps.now(), input)),
  /** The templates of the inbox's WhatsApp Business Account, as last synced or updated by webhook. */
  templates: adminProcedure.input(listTemplatesInput).query(({ ctx, input }) => listTemplates(ctx.tx, input.inboxId)),
  /** Pulls the WABA's templates and approval status from Meta now. */
  /** Asks Meta for the number with the inbox's token: a result to show, not an error, when it fails. */
  checkConnection: adminProcedure.input(checkConnectionInput).mutation(({ ctx, input }) => checkWhatsAppConnection(ctx.deps, ctx.tx, input.inboxId, { tenantId: ctx.tenant.id, meta: meta(ctx), at: ctx.deps.now(), after: ctx.after })),
  syncTemplates: adminProcedure.input(syncTemplatesInput).mutation(({ ctx, input }) => syncTemplates(ctx.deps, ctx.tx, ctx.tenant.id, input.inboxId, meta(ctx))),
  /** What the inbox dialog needs to open Meta's Embedded Signup popup; null when this installation has not configured it. */
  signupConfig: adminProcedure.query(({ ctx }) => {
    const s = ctx.deps.platformWhatsApp.signup;
    return s ? { appId: s.appId, configId: s.configId, sdkUrl: s.sdkUrl, apiVersion: s.apiVersion } : null;
  }),
  /**
   * Embedded Signup's server side: the popup's code and number become an inbox on the platform app
   * (core/whatsapp/embedded-signup.ts). The only way to connect a number on the platform app.
   */
  completeSignup: adminProcedure.input(embeddedSignupInput).mutation(async ({ ctx, input }) => {
    const { inbox, alreadyConnected } = await completeEmbeddedSignup(ctx.tx, ctx.tenant.id, input, ctx.deps, meta(ctx), ctx.deps.now(), ctx.after);
    // The shape inboxes.create answers, for the dialog's panel (no secret: the platform app has none to show).
    return { inbox: inboxView(inbox, ctx.deps.encryptionKey), secrets: { verifyToken: null, apiSecret: null }, alreadyConnected };
  }),
  /** The Flow JSON of the inbox's qualification form (WhatsApp Flow), generated from the tenant's published flow, to upload to Meta. */
  flowFormJson: adminProcedure.input(flowFormJsonInput).query(({ ctx, input }) => inboxFlowFormJson(ctx.tx, input.inboxId)),
});
