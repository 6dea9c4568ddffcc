import { aiStatesFor, setOperatorAiBlock } from "@vendaflow/core/assist/settings";
import { operatorBillingOverview, planAudit, updatePlan } from "@vendaflow/core/billing/operator";
import { listPlans } from "@vendaflow/core/billing/plans";
import { planUpdateSchema } from "@vendaflow/validators/billing";
import { openTenantReadOnly } from "@vendaflow/core/platform/operators";
import { confirmOperatorTwoFactor, disableOperatorTwoFactor, operatorTwoFactorStatus, regenerateOperatorRecoveryCodes, startOperatorTwoFactor } from "@vendaflow/core/platform/operator-two-factor";
import { twoFactorConfirmInput, twoFactorStartInput, twoFactorVerifyInput } from "@vendaflow/validators/auth";
import { listTenants } from "@vendaflow/core/tenancy/tenants";
import { aiOperatorBlockSchema } from "@vendaflow/validators/ai";
import { listWhatsAppPrices, setWhatsAppPrices } from "@vendaflow/core/whatsapp/costs";
import { setWhatsAppPricesInput } from "@vendaflow/validators/whatsapp-costs";
import { z } from "zod";
import { operatorAccountProcedure, operatorProcedure, router } from "../trpc";

const meta = (ctx: { operator: { operatorId: string }; ip: string | null; userAgent: string | null }) => ({ actorOperatorId: ctx.operator.operatorId, ip: ctx.ip, userAgent: ctx.userAgent });

export const operatorRouter = router({
  billing: operatorProcedure.query(({ ctx }) => operatorBillingOverview(ctx.deps.db, ctx.deps.now())),

  plans: operatorProcedure.query(({ ctx }) => listPlans(ctx.deps.db)),

  /** Edits a plan (prices, limits, grace, features, active), audited in platform_audit_logs. */
  updatePlan: operatorProcedure
    .input(planUpdateSchema)
    .mutation(({ ctx, input }) => updatePlan(ctx.deps, input, { actorOperatorId: ctx.operator.operatorId, ip: ctx.ip, userAgent: ctx.userAgent })),

  planAudit: operatorProcedure.query(({ ctx }) => planAudit(ctx.deps.db)),

  tenants: operatorProcedure
    .input(z.object({ cursor: z.string().max(63).optional(), limit: z.number().int().min(1).max(100).default(50) }))
    .query(({ ctx, input }) => listTenants(ctx.deps.db, { limit: input.limit, afterSlug: input.cursor })),

  openTenant: operatorProcedure.input(z.object({ tenantId: z.uuid() })).mutation(({ ctx, input }) =>
    openTenantReadOnly(ctx.deps.db, input.tenantId, { ip: ctx.ip, userAgent: ctx.userAgent, actorOperatorId: ctx.operator.operatorId }),
  ),

  /** The listed tenants' AI state (off / on / blocked), shown beside the kill switch. */
  aiStates: operatorProcedure
    .input(z.object({ tenantIds: z.array(z.uuid()).max(100) }))
    .query(({ ctx, input }) => aiStatesFor(ctx.deps.db, input.tenantIds)),

  /** Kill switch for one tenant's AI layer (the bot reads with rules only), audited in its log. */
  setAiBlock: operatorProcedure.input(aiOperatorBlockSchema).mutation(async ({ ctx, input }) => {
    await setOperatorAiBlock(ctx.deps.db, input, { ip: ctx.ip, userAgent: ctx.userAgent, actorOperatorId: ctx.operator.operatorId }, ctx.deps.now());
    return { ok: true as const };
  }),
  /** The BRL rate card tenants' WhatsApp costs are estimated with. */
  whatsappPrices: operatorProcedure.query(({ ctx }) => listWhatsAppPrices(ctx.deps.db)),
  setWhatsappPrices: operatorProcedure.input(setWhatsAppPricesInput).mutation(({ ctx, input }) => setWhatsAppPrices(ctx.deps.db, ctx.operator.operatorId, input.prices)),

  /** The operator's own "Verificação em duas etapas" (the tenant card's steps): on or off, how many recovery codes are left, and the e-mail the key is named after. */
  twoFactor: operatorAccountProcedure.query(async ({ ctx }) => ({ ...(await operatorTwoFactorStatus(ctx.deps.db, ctx.operator.operatorId)), email: ctx.operator.email })),

  /** With the password: a pending secret, its QR code (SVG drawn on the server) and the secret for typing by hand. */
  startTwoFactor: operatorAccountProcedure.input(twoFactorStartInput).mutation(({ ctx, input }) => startOperatorTwoFactor(ctx.deps, ctx.operator.operatorId, input.password)),

  /** The first code turns it on; the answer carries the recovery codes, shown this once. Turning it on or off and new codes end the operator's other sessions (this one stays). */
  confirmTwoFactor: operatorAccountProcedure.input(twoFactorConfirmInput).mutation(({ ctx, input }) => confirmOperatorTwoFactor(ctx.deps, ctx.operator.operatorId, ctx.operator.sessionId, input.code, meta(ctx))),

  disableTwoFactor: operatorAccountProcedure.input(twoFactorVerifyInput).mutation(async ({ ctx, input }) => ({
    ok: true as const,
    ...(await disableOperatorTwoFactor(ctx.deps, ctx.operator.operatorId, ctx.operator.sessionId, input, meta(ctx))),
  })),

  regenerateRecoveryCodes: operatorAccountProcedure.input(twoFactorVerifyInput).mutation(({ ctx, input }) => regenerateOperatorRecoveryCodes(ctx.deps, ctx.operator.operatorId, ctx.operator.sessionId, input, meta(ctx))),
});
