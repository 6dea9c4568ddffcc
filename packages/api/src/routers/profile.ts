import { describeDevice } from "@vendaflow/core/auth/device";
import { endOtherSessions, endOwnSession, listUserSessions } from "@vendaflow/core/auth/sessions";
import { changePassword, notificationEmailsOff, setNotificationEmailsOff, updateProfile } from "@vendaflow/core/users/profile";
import { requestEmailChange } from "@vendaflow/core/auth/account";
import { confirmTwoFactorEnrolment, disableTwoFactor, regenerateRecoveryCodes, startTwoFactorEnrolment, twoFactorStatus } from "@vendaflow/core/auth/two-factor";
import { changePasswordInput, endSessionInput, requestEmailChangeInput, twoFactorConfirmInput, twoFactorStartInput, twoFactorVerifyInput, updateProfileInput } from "@vendaflow/validators/auth";
import { notificationEmailsInput } from "@vendaflow/validators/notifications";
import { meta, router, tenantProcedure } from "../trpc";

/** The browser session making the call; null for an API key (its sessionId is not a session row). */
const browserSession = (sessionId: string) => (sessionId.startsWith("api-key:") ? null : sessionId);

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

  /** Mails a confirmation link to the new address; the e-mail changes when it is opened (auth.verifyEmail). */
  requestEmailChange: tenantProcedure.input(requestEmailChangeInput).mutation(async ({ ctx, input }) => {
    await requestEmailChange(ctx.deps, ctx.tenant, ctx.session.userId, input, meta(ctx));
    return { ok: true as const };
  }),

  /** "Notificações por e-mail": the kinds the user turned off (every other one is e-mailed when left unread). */
  notificationEmails: tenantProcedure.query(async ({ ctx }) => ({ off: await notificationEmailsOff(ctx.tx, ctx.session.userId) })),

  /** The caller's own choice only; an unknown kind is refused by the input. */
  setNotificationEmails: tenantProcedure.input(notificationEmailsInput).mutation(async ({ ctx, input }) => ({
    off: await setNotificationEmailsOff(ctx.tx, ctx.tenant.id, ctx.session.userId, input.off, meta(ctx)),
  })),

  /** Where the user is signed in: each live session with its device, the current one first. */
  sessions: tenantProcedure.query(async ({ ctx }) => {
    const current = browserSession(ctx.session.sessionId);
    const rows = await listUserSessions(ctx.tx, ctx.session.userId, ctx.deps.now());
    return rows
      .map((r) => ({ id: r.id, createdAt: r.createdAt, expiresAt: r.expiresAt, ip: r.ip, device: describeDevice(r.userAgent), current: r.id === current }))
      .sort((a, b) => Number(b.current) - Number(a.current));
  }),

  endSession: tenantProcedure.input(endSessionInput).mutation(async ({ ctx, input }) => {
    await endOwnSession(ctx.tx, ctx.tenant.id, ctx.session.userId, input.sessionId, meta(ctx));
    return { ok: true as const };
  }),

  endOtherSessions: tenantProcedure.mutation(async ({ ctx }) => ({ ended: await endOtherSessions(ctx.tx, ctx.tenant.id, ctx.session.userId, browserSession(ctx.session.sessionId), meta(ctx)) })),

  /** "Verificação em duas etapas": on or off, and how many recovery codes are left. */
  twoFactor: tenantProcedure.query(({ ctx }) => twoFactorStatus(ctx.tx, ctx.session.userId)),

  /** With the password: a pending secret, its QR code (SVG drawn on the server) and the secret for typing by hand. */
  startTwoFactor: tenantProcedure.input(twoFactorStartInput).mutation(({ ctx, input }) => startTwoFactorEnrolment(ctx.deps, ctx.tenant, ctx.session.userId, input.password)),

  /** The first code from the app turns 2FA on; the answer carries the recovery codes, shown this once. */
  // Turning it on or off and new recovery codes end the user's other sessions (this one stays); the answers say how many.
  confirmTwoFactor: tenantProcedure.input(twoFactorConfirmInput).mutation(({ ctx, input }) => confirmTwoFactorEnrolment(ctx.deps, ctx.tenant, ctx.session.userId, browserSession(ctx.session.sessionId), input.code, meta(ctx))),

  disableTwoFactor: tenantProcedure.input(twoFactorVerifyInput).mutation(async ({ ctx, input }) => ({
    ok: true as const,
    ...(await disableTwoFactor(ctx.deps, ctx.tenant, ctx.session.userId, browserSession(ctx.session.sessionId), input, meta(ctx))),
  })),

  regenerateRecoveryCodes: tenantProcedure.input(twoFactorVerifyInput).mutation(({ ctx, input }) => regenerateRecoveryCodes(ctx.deps, ctx.tenant, ctx.session.userId, browserSession(ctx.session.sessionId), input, meta(ctx))),
});
