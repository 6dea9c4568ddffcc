import type { TenantTx } from "@vendaflow/db/with-tenant";
import { recordAudit, type AuditMeta } from "../audit/record";
import type { AppDeps } from "../deps";
import { tenantMail } from "../email/sender";
import { twoFactorChangedMail } from "../email/templates";
import { DomainError } from "../errors";
import type { Tenant } from "../tenancy/tenants";
import { revokeUserSessions } from "./sessions";

/**
 * An admin turns off another user's 2FA (a lost phone): the secret and recovery codes go, and the
 * user's sessions end, so whoever holds one signs in again with the password alone and re-enrols.
 * Not for oneself: one's own 2FA goes off in Meu perfil, with password and code.
 */
export async function resetUserTwoFactor(deps: Pick<AppDeps, "email">, tx: TenantTx, tenant: Tenant, adminUserId: string, userId: string, meta: AuditMeta) {
  if (userId === adminUserId) throw new DomainError("BAD_REQUEST", "Para desativar a sua própria verificação em duas etapas, use Meu perfil.");
  const user = await tx.selectFrom("users").select(["name", "email"]).where("id", "=", userId).executeTakeFirst();
  if (!user) throw new DomainError("NOT_FOUND", "Usuário não encontrado.");
  const gone = await tx.deleteFrom("user_two_factor").where("user_id", "=", userId).returning("enabled_at").executeTakeFirst();
  if (!gone?.enabled_at) throw new DomainError("PRECONDITION_FAILED", "Este usuário não usa verificação em duas etapas.");
  await tx.deleteFrom("user_recovery_codes").where("user_id", "=", userId).execute();
  await revokeUserSessions(tx, userId);
  await recordAudit(tx, tenant.id, meta, { action: "auth.two_factor_reset", entityType: "user", entityId: userId });
  await deps.email.send(tenantMail(tenant, user.email, twoFactorChangedMail(tenant, user.name, "reset")));
}
