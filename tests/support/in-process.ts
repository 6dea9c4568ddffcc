import type { ApiContext } from "@vendaflow/api/context";
import type { AppDeps } from "@vendaflow/core/deps";
import { findTenantById } from "@vendaflow/core/tenancy/tenants";
import type { FixtureTenant } from "./fixtures";

/**
 * The tRPC context of the tenant's admin, signed in, for calling procedures in this process
 * (createCaller, restCall) with deps the test chose: a real SMTP stand-in, a local scheduler.
 */
export async function adminContext(deps: AppDeps, t: FixtureTenant): Promise<ApiContext> {
  const tenant = (await findTenantById(deps.db, t.id))!;
  return {
    deps,
    host: "tenant",
    tenant,
    session: { sessionId: "00000000-0000-0000-0000-000000000000", userId: t.users.admin.id, tenantId: t.id, role: "admin", name: "Admin", email: t.users.admin.email },
    operator: null,
    inboxAuth: null,
    apiKey: null,
    ip: null,
    userAgent: null,
    requestId: "test",
  };
}
