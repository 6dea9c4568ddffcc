import { validateSession, type SessionUser } from "@vendaflow/core/auth/sessions";
import { validateOperatorSession } from "@vendaflow/core/platform/operators";
import type { Tenant } from "@vendaflow/core/tenancy/tenants";
import { auth } from "@/auth";
import { env } from "@/lib/env";
import { appDeps } from "./deps";

/**
 * The one place a request's session is trusted: the JWT must be a user session minted for THIS
 * host's tenant, and its row must still be alive. A cookie of tenant A on tenant B's host → null.
 */
export async function tenantSession(tenant: Tenant | null): Promise<SessionUser | null> {
  if (!tenant) return null;
  const s = await auth();
  if (!s || s.kind !== "user" || !s.sid || s.tid !== tenant.id) return null;
  return validateSession(appDeps().db, tenant.id, s.sid, appDeps().now());
}

export async function operatorSession(root: boolean) {
  if (!root) return null;
  const s = await auth();
  if (!s || s.kind !== "operator" || !s.sid) return null;
  const row = await validateOperatorSession(appDeps().db, s.sid, appDeps().now());
  if (!row) return null;
  // OPERATOR_REQUIRE_2FA: until the operator turns it on, only the console's two-factor card answers (trpc.ts operatorProcedure).
  return { operatorId: row.operatorId, sessionId: row.sessionId, email: row.email, mustEnrolTwoFactor: env().OPERATOR_REQUIRE_2FA === "1" && !row.twoFactor };
}
