import { resetUserTwoFactor } from "@vendaflow/core/auth/two-factor-reset";
import { changeRole, inviteUser, listUsers, setActive, transferInactiveUserWork, userOpenWork } from "@vendaflow/core/users/manage";
import { changeRoleInput, deactivateUserInput, inviteUserInput, transferWorkInput, userIdInput } from "@vendaflow/validators/users";
import { adminProcedure, meta, router, tenantProcedure } from "../trpc";

export const usersRouter = router({
  /** Admins also get each person's pending + open conversations (what a deactivation sends back to the queue). */
  list: tenantProcedure.query(({ ctx }) => listUsers(ctx.tx, { heldConversations: ctx.session.role === "admin" })),

  invite: adminProcedure.input(inviteUserInput).mutation(({ ctx, input }) =>
    inviteUser(ctx.deps, ctx.tx, ctx.tenant, { id: ctx.session.userId, name: ctx.session.name || ctx.session.email }, input, meta(ctx)),
  ),

  changeRole: adminProcedure.input(changeRoleInput).mutation(async ({ ctx, input }) => {
    await changeRole(ctx.tx, ctx.tenant.id, input.userId, input.role, meta(ctx));
    return { ok: true as const };
  }),

  /** What deactivating the person leaves behind: their open deals and open activities (the confirmation asks where they go). */
  openWork: adminProcedure.input(userIdInput).query(({ ctx, input }) => userOpenWork(ctx.tx, input.userId)),

  /**
   * Also sends the person's pending and open conversations back to routing (how many, and how many
   * found another agent) and moves their open deals and activities to `transferTo` (null: without owner).
   */
  deactivate: adminProcedure.input(deactivateUserInput).mutation(async ({ ctx, input }) => {
    const work = input.transferTo === undefined ? undefined : { to: input.transferTo };
    const { released, moved } = await setActive(ctx.tx, ctx.tenant.id, input.userId, false, meta(ctx), ctx.deps.now(), work);
    return { ok: true as const, released: released.length, reassigned: released.filter((r) => r.result.kind === "assigned").length, ...moved };
  }),

  /** "Transferir carteira" of someone already deactivated: their open deals and activities, moved. */
  transferWork: adminProcedure.input(transferWorkInput).mutation(({ ctx, input }) =>
    transferInactiveUserWork(ctx.tx, ctx.tenant.id, input.userId, { to: input.transferTo }, meta(ctx), ctx.deps.now()),
  ),

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
