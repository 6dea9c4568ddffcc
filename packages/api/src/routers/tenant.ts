import { setCustomDomain, updateTenantSettings, verifyCustomDomain, domainTxtName } from "@vendaflow/core/tenancy/settings";
import { findTenantById } from "@vendaflow/core/tenancy/tenants";
import { customDomainInput, tenantSettingsInput } from "@vendaflow/validators/tenancy";
import { z } from "zod";
import { adminProcedure, hostTenantProcedure, meta, router, tenantProcedure } from "../trpc";

export const tenantRouter = router({
  /** Public branding of the host's tenant (login page theme). */
  branding: hostTenantProcedure.query(({ ctx }) => ({ slug: ctx.tenant.slug, name: ctx.tenant.name, theme: ctx.tenant.theme })),

  get: tenantProcedure.query(({ ctx }) => {
    const t = ctx.tenant;
    return {
      id: t.id, slug: t.slug, name: t.name, theme: t.theme,
      customDomain: t.customDomain, customDomainVerified: t.customDomainVerified,
      customDomainTxt: t.customDomain && t.customDomainToken ? { name: domainTxtName(t.customDomain), value: t.customDomainToken } : null,
    };
  }),

  updateSettings: adminProcedure.input(tenantSettingsInput).mutation(async ({ ctx, input }) => {
    await updateTenantSettings(ctx.tx, ctx.tenant, input, meta(ctx), ctx.after);
    return { ok: true as const };
  }),

  setCustomDomain: adminProcedure.input(customDomainInput.or(z.object({ domain: z.null() }))).mutation(async ({ ctx, input }) => {
    const token = await setCustomDomain(ctx.tx, ctx.tenant, input.domain, meta(ctx), ctx.after);
    return { txt: input.domain && token ? { name: domainTxtName(input.domain), value: token } : null };
  }),

  verifyCustomDomain: adminProcedure.mutation(async ({ ctx }) => {
    // Re-read inside the transaction: the context's copy may predate setCustomDomain.
    const fresh = await findTenantById(ctx.tx, ctx.tenant.id);
    await verifyCustomDomain(ctx.tx, fresh!, meta(ctx), undefined, ctx.after);
    return { ok: true as const };
  }),
});
