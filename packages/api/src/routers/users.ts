import { resetUserTwoFactor } from "@vendaflow/core/auth/two-factor-reset";
import { changeRole, inviteUser, listUsers, setActive } from "@vendaflow/core/users/manage";
import { changeRoleInput, inviteUserInput, userIdInput } from "@vendaflow/validators/users";
import { adminProcedure, meta, router, tenantProcedure } from "../trpc";

export const usersRouter = router({
  list: tenantProcedure.query(({ ctx }) => listUsers(ctx.tx)),

  invite: adminProcedure.input(inviteUserInput).mutation(({ ctx, input }) =>
    inviteUser(ctx.deps, ctx.tx, ctx.tenant, { id: ctx.session.userId, name: ctx.session.name || ctx.session.email }, input, meta(ctx)),
  ),

  changeRole: adminProcedure.input(changeRoleInput).mutation(async ({ ctx, input }) => {
    await changeRole(ctx.tx, ctx.tenant.id, input.userId, input.role, meta(ctx));
    return { ok: true as const };
  }),

  deactivate: adminProcedure.input(userIdInput).mutation(async ({ ctx, input }) => {
    await setActive(ctx.tx, ctx.tenant.id, input.userId, false, meta(ctx), ctx.deps.now());
    return { ok: true as const };
  }),

  /** The user lost their phone: their 2FA goes off and their sessions end (never one's own: Meu perfil). */
  resetTwoFactor: adminProcedure.input(userIdInput).mutation(async ({ ctx, input }) => {
    await resetUserTwoFactor(ctx.deps, ctx.tx, ctx.tenant, ctx.session.userId, input.userId, meta(ctx));
    return { ok: true as const };
  }),

  reactivate: adminProcedure.input(userIdInput).mutation(async ({ ctx, input }) => {
    await setActive(ctx.tx, ctx.tenant.id, input.userId, true, meta(ctx), ctx.deps.now());
    return { ok: true as const };
  }),
});
