import type { SessionUser } from "@vendaflow/core/auth/sessions";
import type { Tenant } from "@vendaflow/core/tenancy/tenants";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { tenantForHost } from "./host-tenant";
import { tenantSession } from "./session";

/** Pages take the tenant from the Host header (the [slug] segment is only the proxy's rewrite target). */
export const pageTenant = cache(async (): Promise<Tenant> => {
  const { tenant } = await tenantForHost((await headers()).get("host"));
  if (!tenant) notFound();
  return tenant;
});

/** Signed-in user of this host's tenant, or a redirect to its login page. */
export const pageSession = cache(async (): Promise<{ tenant: Tenant; session: SessionUser }> => {
  const tenant = await pageTenant();
  const session = await tenantSession(tenant);
  if (!session) redirect("/login");
  return { tenant, session };
});
