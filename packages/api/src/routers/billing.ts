import { changePlan, openPortal, previewPlanChange, setCancelAtPeriodEnd, startCheckout } from "@vendaflow/core/billing/checkout";
import { listInvoices } from "@vendaflow/core/billing/invoices";
import { billingOverview } from "@vendaflow/core/billing/overview";
import { checkoutInputSchema, invoiceListInputSchema, planChangeInputSchema } from "@vendaflow/validators/billing";
import { z } from "zod";
import { adminProcedure, meta, router, tenantProcedure } from "../trpc";

const tenantRef = (t: { id: string; slug: string; name: string }) => ({ id: t.id, slug: t.slug, name: t.name });

/** Billing for the tenant's admins: plan, usage, invoices, Checkout, portal, plan change, cancel. */
export const billingRouter = router({
  overview: adminProcedure.query(({ ctx }) => billingOverview(ctx.tx, ctx.deps)),

  /** For every role: the banner (access, trial, message usage percent). */
  status: tenantProcedure.query(async ({ ctx }) => {
    const o = await billingOverview(ctx.tx, ctx.deps);
    const limit = o.plan?.limits.messagesMonth ?? null;
    return { access: o.access, status: o.status, trialDaysLeft: o.trialDaysLeft, messagesPercent: limit ? Math.floor((o.usage.messages * 100) / limit) : null };
  }),

  invoices: adminProcedure.input(invoiceListInputSchema).query(({ ctx, input }) => listInvoices(ctx.tx, input)),

  checkout: adminProcedure.input(checkoutInputSchema).mutation(({ ctx, input }) => startCheckout(ctx.tx, ctx.deps, tenantRef(ctx.tenant), { email: ctx.session.email }, input, meta(ctx), ctx.after)),

  portal: adminProcedure.mutation(({ ctx }) => openPortal(ctx.tx, ctx.deps, tenantRef(ctx.tenant))),

  previewChange: adminProcedure.input(planChangeInputSchema).query(({ ctx, input }) => previewPlanChange(ctx.tx, ctx.deps, input)),

  changePlan: adminProcedure.input(planChangeInputSchema).mutation(async ({ ctx, input }) => {
    await changePlan(ctx.tx, ctx.deps, ctx.tenant.id, input, meta(ctx), ctx.after);
    return { ok: true as const };
  }),

  setCancel: adminProcedure.input(z.object({ cancel: z.boolean() })).mutation(async ({ ctx, input }) => {
    await setCancelAtPeriodEnd(ctx.tx, ctx.deps, ctx.tenant.id, input.cancel, meta(ctx), ctx.after);
    return { ok: true as const };
  }),
});
