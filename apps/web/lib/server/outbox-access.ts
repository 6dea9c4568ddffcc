import { env } from "@/lib/env";
import { outboxEnabled } from "./deps";
import { tenantForHost } from "./host-tenant";
import { clientIp } from "./request-meta";
import { operatorSession } from "./session";

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/**
 * The dev outbox holds every tenant's reset and invite links: shown on the root host only, and
 * only to a signed-in platform operator, or in `next dev` to a browser on this machine.
 */
export async function canSeeOutbox(h: Headers): Promise<boolean> {
  if (!outboxEnabled()) return false;
  const { root } = await tenantForHost(h.get("host"));
  if (!root) return false;
  if (env().NODE_ENV === "development" && LOOPBACK.test(clientIp(h) ?? "")) return true;
  const op = await operatorSession(true);
  return op !== null && !op.mustEnrolTwoFactor;
}
