import type { SessionUser } from "@vendaflow/core/auth/sessions";
import type { AppDeps } from "@vendaflow/core/deps";
import type { Tenant } from "@vendaflow/core/tenancy/tenants";

export interface OperatorSession {
  operatorId: string;
  sessionId: string;
  email: string;
  /** OPERATOR_REQUIRE_2FA is on and this operator has no second factor yet: only the 2FA card's procedures answer. */
  mustEnrolTwoFactor?: boolean;
}

/**
 * One context for every caller (fetch handler, server components, SDK). The web app resolves
 * the host's tenant and validates the session before building it; nothing here trusts input.
 */
export interface ApiContext {
  deps: AppDeps;
  /** API inbox credentials from headers (x-vendaflow-inbox + Bearer secret), checked by apiInboxProcedure. */
  inboxAuth: { publicKey: string; secret: string } | null;
  /** An API key from `Authorization: Bearer vfk_…`, checked by the apiKey rung (trpc.ts) for procedures with a scope. */
  apiKey: string | null;
  host: "root" | "tenant";
  tenant: Tenant | null;
  session: SessionUser | null;
  operator: OperatorSession | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string;
}
