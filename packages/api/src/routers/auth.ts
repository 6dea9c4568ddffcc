import { acceptInvite, findWorkspaces, requestPasswordReset, resetPassword, verifyEmail } from "@vendaflow/core/auth/account";
import { logout } from "@vendaflow/core/auth/sessions";
import { signUp } from "@vendaflow/core/tenancy/signup";
import { acceptInviteInput, findWorkspaceInput, forgotPasswordInput, resetPasswordInput, signupInput, tokenInput } from "@vendaflow/validators/auth";
import { authedProcedure, hostTenantProcedure, meta, rootProcedure, router } from "../trpc";

export const authRouter = router({
  signup: rootProcedure.input(signupInput).mutation(({ ctx, input }) => signUp(ctx.deps, input, meta(ctx))),

  findWorkspace: rootProcedure.input(findWorkspaceInput).mutation(async ({ ctx, input }) => {
    await findWorkspaces(ctx.deps, input.email, ctx.ip);
    return { ok: true as const };
  }),

  verifyEmail: hostTenantProcedure.input(tokenInput).mutation(async ({ ctx, input }) => ({ ok: true as const, ...(await verifyEmail(ctx.deps, ctx.tenant, input.token, meta(ctx))) })),

  forgotPassword: hostTenantProcedure.input(forgotPasswordInput).mutation(async ({ ctx, input }) => {
    await requestPasswordReset(ctx.deps, ctx.tenant, input.email, meta(ctx));
    return { ok: true as const };
  }),

  resetPassword: hostTenantProcedure.input(resetPasswordInput).mutation(async ({ ctx, input }) => {
    await resetPassword(ctx.deps, ctx.tenant, input.token, input.password, meta(ctx));
    return { ok: true as const };
  }),

  acceptInvite: hostTenantProcedure.input(acceptInviteInput).mutation(async ({ ctx, input }) => {
    const user = await acceptInvite(ctx.deps, ctx.tenant, input, meta(ctx));
    return { email: user.email };
  }),

  /** Revokes the session row; the client then clears its cookie with next-auth's signOut. */
  logout: authedProcedure.mutation(async ({ ctx }) => {
    await logout(ctx.deps.db, ctx.tenant.id, ctx.session.sessionId, meta(ctx));
    return { ok: true as const };
  }),
});
