import { currentRequestInfo } from "@vendaflow/core/observability/request-info";
import type { ApiContext } from "@vendaflow/api/context";
import { appDeps } from "./deps";
import { tenantForHost } from "./host-tenant";
import { clientIp } from "./request-meta";
import { operatorSession, tenantSession } from "./session";

/** Builds the tRPC context from a request's headers: host → tenant, cookie → validated session. */
export async function apiContextFrom(h: Headers): Promise<ApiContext> {
  const { root, tenant } = await tenantForHost(h.get("host"));
  // The route wrapper (lib/server/route.ts) made the id; server components have none and get one.
  const requestId = currentRequestInfo()?.requestId ?? crypto.randomUUID();
  return {
    deps: appDeps(),
    inboxAuth: inboxAuthFrom(h),
    apiKey: apiKeyFrom(h),
    host: root ? "root" : "tenant",
    tenant,
    session: await tenantSession(tenant),
    operator: await operatorSession(root),
    ip: clientIp(h),
    userAgent: h.get("user-agent"),
    requestId,
  };
}

/** Developer API keys are bearer tokens with their own prefix (inbox secrets start with sk_). */
function apiKeyFrom(h: Headers) {
  const auth = h.get("authorization");
  return auth?.startsWith("Bearer vfk_") ? auth.slice(7) : null;
}

/** API inbox callers (the SDK) identify with the inbox's public key and its secret. */
function inboxAuthFrom(h: Headers) {
  const publicKey = h.get("x-vendaflow-inbox");
  const auth = h.get("authorization");
  return publicKey && auth?.startsWith("Bearer ") ? { publicKey, secret: auth.slice(7) } : null;
}
