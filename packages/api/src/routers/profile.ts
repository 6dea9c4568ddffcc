import { changePassword, updateProfile } from "@vendaflow/core/users/profile";
import { changePasswordInput, updateProfileInput } from "@vendaflow/validators/auth";
import { meta, router, tenantProcedure } from "../trpc";

export const profileRouter = router({
  me: tenantProcedure.query(({ ctx }) => ({
    userId: ctx.session.userId,
    name: ctx.session.name,
    email: ctx.session.email,
    role: ctx.session.role,
    tenant: { slug: ctx.tenant.slug, name: ctx.tenant.name },
  })),

  update: tenantProcedure.input(updateProfileInput).mutation(async ({ ctx, input }) => {
    await updateProfile(ctx.tx, ctx.tenant.id, ctx.session.userId, input.name, meta(ctx));
    return { ok: true as const };
  }),

  changePassword: tenantProcedure.input(changePasswordInput).mutation(async ({ ctx, input }) => {
    await changePassword(ctx.tx, ctx.tenant.id, ctx.session.userId, input.currentPassword, input.newPassword, meta(ctx));
    return { ok: true as const };
  }),
});
