import { sql } from "kysely";
import { withTenant, type TenantTx } from "@vendaflow/db/with-tenant";
import { recordAudit, type AuditMeta } from "../audit/record";
import type { AppDeps } from "../deps";
import { platformMail, tenantMail } from "../email/sender";
import { changeEmailMail, emailChangeRequestedMail, resetPasswordMail, verifyEmailMail, workspacesMail } from "../email/templates";
import { DomainError } from "../errors";
import { assertRateLimit } from "../rate-limit/assert-rate-limit";
import type { Tenant } from "../tenancy/tenants";
import { hashPassword, verifyPassword } from "./password";
import { revokeUserSessions } from "./sessions";
import { consumeToken, issueToken, LINK_KINDS, tokenState, type LinkState } from "./tokens";

const brandOf = (t: Tenant) => ({ name: t.name, theme: t.theme });
const invalidLink = () => new DomainError("BAD_REQUEST", "Este link é inválido ou expirou. Peça um novo.", { field: "token" });

/**
 * A public link page's check on load (verify-email, reset-password, accept-invite): whether its
 * token is live, expired, used or unknown in this workspace, without using it. Says nothing about
 * whose it is, so it tells the holder of the link nothing about any e-mail address.
 */
export async function linkState(deps: AppDeps, tenant: Tenant, page: keyof typeof LINK_KINDS, token: string): Promise<LinkState> {
  return withTenant(deps.db, tenant.id, (tx) => tokenState(tx, token, LINK_KINDS[page], deps.now()));
}

export async function sendVerificationEmail(deps: AppDeps, tenant: Tenant, user: { name: string; email: string }, token: string) {
  const mail = verifyEmailMail(brandOf(tenant), user.name, deps.links.tenantUrl(tenant.slug, `/verify-email?token=${token}`));
  await deps.email.send(tenantMail(tenant, user.email, mail));
}

/** Refuses an address another person of the workspace already signs in with. */
async function assertEmailFree(tx: TenantTx, email: string, userId: string) {
  const owner = await tx.selectFrom("users").select("id").where("email_key", "=", email.toLowerCase()).where("id", "!=", userId).executeTakeFirst();
  if (owner) throw new DomainError("CONFLICT", "Este e-mail já é de outra pessoa nesta conta.", { field: "newEmail" });
}

/**
 * The verification page's link: confirms a new account's address, or completes an e-mail change
 * (the address becomes the login, verified). Says which, so the page can tell the user.
 */
export async function verifyEmail(deps: AppDeps, tenant: Tenant, token: string, meta: AuditMeta): Promise<{ changed: boolean }> {
  const now = deps.now();
  return withTenant(deps.db, tenant.id, async (tx) => {
    const link = await consumeToken(tx, token, LINK_KINDS.verify, now);
    if (!link) throw invalidLink();
    const actor = { ...meta, actorUserId: link.userId };
    if (link.kind === "change_email" && link.newEmail) {
      // Taken since the link was sent (an invite, another change): the link stays unused.
      await assertEmailFree(tx, link.newEmail, link.userId);
      const before = await tx.selectFrom("users").select("email").where("id", "=", link.userId).executeTakeFirstOrThrow();
      await tx.updateTable("users").set({ email: link.newEmail, email_verified_at: now, updated_at: sql<Date>`now()` }).where("id", "=", link.userId).execute();
      await recordAudit(tx, tenant.id, actor, { action: "user.email_changed", entityType: "user", entityId: link.userId, before, after: { email: link.newEmail } });
      return { changed: true };
    }
    await tx.updateTable("users").set({ email_verified_at: now }).where("id", "=", link.userId).where("email_verified_at", "is", null).execute();
    await recordAudit(tx, tenant.id, actor, { action: "user.verify_email", entityType: "user", entityId: link.userId });
    return { changed: false };
  });
}

/**
 * "Alterar e-mail" in Meu perfil: with the current password, mails a link to the new address (the
 * change happens when it is opened: verifyEmail) and tells the current one it was asked.
 */
export async function requestEmailChange(deps: AppDeps, tenant: Tenant, userId: string, input: { newEmail: string; password: string }, meta: AuditMeta) {
  const now = deps.now();
  await assertRateLimit(deps.counters, "email-change:user", `${tenant.id}:${userId}`, now.getTime());
  const sent = await withTenant(deps.db, tenant.id, async (tx) => {
    const user = await tx.selectFrom("users").select(["name", "email", "password_hash"]).where("id", "=", userId).executeTakeFirstOrThrow();
    if (!(await verifyPassword(input.password, user.password_hash))) throw new DomainError("BAD_REQUEST", "A senha está incorreta.", { field: "password" });
    if (user.email.toLowerCase() === input.newEmail.toLowerCase()) throw new DomainError("BAD_REQUEST", "Este já é o seu e-mail.", { field: "newEmail" });
    await assertEmailFree(tx, input.newEmail, userId);
    const token = await issueToken(tx, tenant.id, userId, "change_email", now, input.newEmail);
    await recordAudit(tx, tenant.id, meta, { action: "user.email_change_requested", entityType: "user", entityId: userId, after: { email: input.newEmail } });
    return { token, name: user.name, oldEmail: user.email };
  });
  const brand = brandOf(tenant);
  const confirm = changeEmailMail(brand, sent.name, deps.links.tenantUrl(tenant.slug, `/verify-email?token=${sent.token}`));
  await deps.email.send(tenantMail(tenant, input.newEmail, confirm));
  await deps.email.send(tenantMail(tenant, sent.oldEmail, emailChangeRequestedMail(brand, sent.name, input.newEmail)));
}

/** Always answers the same way; mail goes out only when the address belongs to an active user. */
export async function requestPasswordReset(deps: AppDeps, tenant: Tenant, email: string, meta: AuditMeta) {
  await assertRateLimit(deps.counters, "password-reset:email", `${tenant.id}:${email}`, deps.now().getTime());
  const sent = await withTenant(deps.db, tenant.id, async (tx) => {
    const user = await tx
      .selectFrom("users")
      .select(["id", "email"])
      .where("email_key", "=", email.toLowerCase())
      .where("is_active", "=", true)
      .executeTakeFirst();
    if (!user) return null;
    const token = await issueToken(tx, tenant.id, user.id, "reset_password", deps.now());
    await recordAudit(tx, tenant.id, { ...meta, actorUserId: user.id }, { action: "user.password_reset_requested", entityType: "user", entityId: user.id });
    return { to: user.email, token };
  });
  if (sent) {
    const mail = resetPasswordMail(brandOf(tenant), deps.links.tenantUrl(tenant.slug, `/reset-password?token=${sent.token}`));
    await deps.email.send(tenantMail(tenant, sent.to, mail));
  }
}

export async function resetPassword(deps: AppDeps, tenant: Tenant, token: string, password: string, meta: AuditMeta) {
  const hash = await hashPassword(password);
  const now = deps.now();
  await withTenant(deps.db, tenant.id, async (tx) => {
    const userId = (await consumeToken(tx, token, LINK_KINDS.reset, now))?.userId;
    if (!userId) throw invalidLink();
    // Proving control of the mailbox also verifies it.
    await tx.updateTable("users").set({ password_hash: hash, email_verified_at: now, updated_at: sql<Date>`now()` }).where("id", "=", userId).execute();
    await revokeUserSessions(tx, userId);
    await recordAudit(tx, tenant.id, { ...meta, actorUserId: userId }, { action: "user.password_reset", entityType: "user", entityId: userId });
  });
}

export async function acceptInvite(deps: AppDeps, tenant: Tenant, input: { token: string; name: string; password: string }, meta: AuditMeta) {
  const hash = await hashPassword(input.password);
  const now = deps.now();
  return withTenant(deps.db, tenant.id, async (tx) => {
    const userId = (await consumeToken(tx, input.token, LINK_KINDS.invite, now))?.userId;
    if (!userId) throw invalidLink();
    // Only a person still on the team: a deactivated one (the invite cancelled) is not brought back.
    const user = await tx
      .updateTable("users")
      .set({ name: input.name, password_hash: hash, email_verified_at: now, updated_at: sql<Date>`now()` })
      .where("id", "=", userId)
      .where("is_active", "=", true)
      .returning(["id", "email"])
      .executeTakeFirst();
    if (!user) throw invalidLink();
    await recordAudit(tx, tenant.id, { ...meta, actorUserId: userId }, { action: "user.invite_accepted", entityType: "user", entityId: userId });
    return user;
  });
}

/** "Find my workspace": mails the links; the caller answers identically whether or not any exist. */
export async function findWorkspaces(deps: AppDeps, email: string, ip: string | null) {
  await assertRateLimit(deps.counters, "find-workspace:ip", ip ?? "unknown", deps.now().getTime());
  const rows = await sql<{ slug: string; name: string }>`select * from app_workspaces_for_email(${email})`.execute(deps.db);
  if (rows.rows.length === 0) return;
  const mail = workspacesMail(rows.rows.map((r) => ({ name: r.name, url: deps.links.tenantUrl(r.slug, "/login") })));
  await deps.email.send(platformMail(email, mail));
}
