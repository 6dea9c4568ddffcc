import { customDomainHosting, setCustomDomain, updateTenantSettings, verifyCustomDomain, domainTxtName } from "@vendaflow/core/tenancy/settings";
import { changeSlug } from "@vendaflow/core/tenancy/slug";
import { findTenantById } from "@vendaflow/core/tenancy/tenants";
import { changeSlugInput, customDomainInput, tenantSettingsInput } from "@vendaflow/validators/tenancy";
import { z } from "zod";
import { adminProcedure, hostTenantProcedure, meta, router, tenantProcedure } from "../trpc";

const addressParts = (tenantUrl: (slug: string, path: string) => string) => {
  const [prefix = "", suffix = ""] = tenantUrl("\n", "").split("\n");
  return { prefix, suffix };
};

export const tenantRouter = router({
  /** Public branding of the host's tenant (login page theme). */
  branding: hostTenantProcedure.query(({ ctx }) => ({ slug: ctx.tenant.slug, name: ctx.tenant.name, theme: ctx.tenant.theme })),

  get: tenantProcedure.query(({ ctx }) => {
    const t = ctx.tenant;
    return {
      id: t.id, slug: t.slug, previousSlugs: t.previousSlugs, name: t.name, theme: t.theme,
      // What surrounds a slug in the workspace's address ("https://", ".vendaflow.com.br"): the
      // address card previews a new one as it is typed.
      addressParts: addressParts(ctx.deps.links.tenantUrl),
      customDomain: t.customDomain, customDomainVerified: t.customDomainVerified,
      customDomainTxt: t.customDomain && t.customDomainToken ? { name: domainTxtName(t.customDomain), value: t.customDomainToken } : null,
    };
  }),

  updateSettings: adminProcedure.input(tenantSettingsInput).mutation(async ({ ctx, input }) => {
    await updateTenantSettings(ctx.tx, ctx.tenant, input, meta(ctx), ctx.after);
    return { ok: true as const };
  }),

  /**
   * The workspace's new address. Every session of the workspace ends with it, the caller's too
   * (cookies are per host: none would follow to the new one), so the answer carries the new
   * address's login page for the admin to continue there.
   */
  changeSlug: adminProcedure.input(changeSlugInput).mutation(async ({ ctx, input }) => {
    const res = await changeSlug(ctx.deps, ctx.tx, ctx.tenant, input.slug, meta(ctx), ctx.after);
    return { ...res, url: ctx.deps.links.tenantUrl(res.slug, ""), loginUrl: ctx.deps.links.tenantUrl(res.slug, "/login") };
  }),

  setCustomDomain: adminProcedure.input(customDomainInput.or(z.object({ domain: z.null() }))).mutation(async ({ ctx, input }) => {
    // Re-read inside the transaction: the context's copy may come from the host cache.
    const fresh = await findTenantById(ctx.tx, ctx.tenant.id);
    const { token, hosting } = await setCustomDomain(ctx.tx, fresh!, input.domain, meta(ctx), ctx.after, ctx.deps.domains);
    return { txt: input.domain && token ? { name: domainTxtName(input.domain), value: token } : null, hosting };
  }),

  /**
   * The hosting platform's side (records to set, verified, DNS pointing) read live from it; the
   * settings page polls this while the domain is not fully set up. `managed: false`: no platform
   * configured, an operator adds domains by hand.
   */
  customDomainStatus: adminProcedure.query(async ({ ctx }) => ({ managed: ctx.deps.domains !== null, ...(await customDomainHosting(ctx.tenant, ctx.deps.domains)) })),

  verifyCustomDomain: adminProcedure.mutation(async ({ ctx }) => {
    // Re-read inside the transaction: the context's copy may predate setCustomDomain.
    const fresh = await findTenantById(ctx.tx, ctx.tenant.id);
    const { hosting } = await verifyCustomDomain(ctx.tx, fresh!, meta(ctx), undefined, ctx.after, ctx.deps.domains);
    return { ok: true as const, hosting };
  }),
});
