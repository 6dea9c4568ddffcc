import { sql } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import { recordAudit, type AuditMeta } from "../audit/record";
import { hashPassword, verifyPassword } from "../auth/password";
import { revokeUserSessions } from "../auth/sessions";
import { DomainError } from "../errors";

export async function updateProfile(tx: TenantTx, tenantId: string, userId: string, name: string, meta: AuditMeta) {
  const before = await tx.selectFrom("users").select("name").where("id", "=", userId).executeTakeFirstOrThrow();
  await tx.updateTable("users").set({ name, updated_at: sql<Date>`now()` }).where("id", "=", userId).execute();
  await recordAudit(tx, tenantId, meta, { action: "profile.update", entityType: "user", entityId: userId, before, after: { name } });
}

/** Changing the password ends every session of the user, this one included: log in again. */
export async function changePassword(tx: TenantTx, tenantId: string, userId: string, current: string, next: string, meta: AuditMeta) {
  const user = await tx.selectFrom("users").select("password_hash").where("id", "=", userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(current, user.password_hash))) {
    throw new DomainError("BAD_REQUEST", "A senha atual está incorreta.", { field: "currentPassword" });
  }
  await tx.updateTable("users").set({ password_hash: await hashPassword(next), updated_at: sql<Date>`now()` }).where("id", "=", userId).execute();
  await revokeUserSessions(tx, userId);
  await recordAudit(tx, tenantId, meta, { action: "profile.password_change", entityType: "user", entityId: userId });
}

/** Meu perfil's "Notificações por e-mail": the kinds the user turned off (every other kind is e-mailed, notifications/email-digest.ts). */
export async function notificationEmailsOff(tx: TenantTx, userId: string): Promise<string[]> {
  const r = await tx.selectFrom("users").select("notification_email_off").where("id", "=", userId).executeTakeFirstOrThrow();
  return r.notification_email_off;
}

/** The user's own choice (their row only), kinds validated by the caller (notificationEmailsInput), audited when it changes. */
export async function setNotificationEmailsOff(tx: TenantTx, tenantId: string, userId: string, off: readonly string[], meta: AuditMeta) {
  const next = [...new Set(off)].sort();
  const before = await notificationEmailsOff(tx, userId);
  if (before.length === next.length && before.every((k, i) => k === next[i])) return next;
  await tx.updateTable("users").set({ notification_email_off: next, updated_at: sql<Date>`now()` }).where("id", "=", userId).execute();
  await recordAudit(tx, tenantId, meta, { action: "profile.notification_emails", entityType: "user", entityId: userId, before: { off: before }, after: { off: next } });
  return next;
}
