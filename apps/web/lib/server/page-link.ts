import { linkState } from "@vendaflow/core/auth/account";
import type { LinkState } from "@vendaflow/core/auth/tokens";
import type { Tenant } from "@vendaflow/core/tenancy/tenants";
import { appDeps } from "./deps";

/**
 * The state of the token in a public link page's query string, read without using it. Null when
 * the link has no token: the page's form then says the link is incomplete, as before.
 */
export async function pageLinkState(tenant: Tenant, page: "verify" | "reset" | "invite", token: string | string[] | undefined): Promise<LinkState | null> {
  // The forms read the first value (useSearchParams().get), so the check reads the same one.
  const first = Array.isArray(token) ? token[0] : token;
  if (!first) return null;
  return linkState(appDeps(), tenant, page, first);
}
