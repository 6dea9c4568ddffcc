import { sql } from "kysely";
import type { AppDeps } from "../deps";
import { processConversation } from "./process";

export type RecoveryFailure = { tenantId: string; conversationId: string; error: string };

/**
 * The recovery sweep: inbound messages persisted but never processed (a crash after the HTTP
 * answer) are run through the normal, locked processing path. Safe to run anywhere, any time.
 * One conversation that cannot be processed is reported and left pending; it never stops the
 * sweep for the others (nor turns the job into a failure QStash would retry).
 */
export async function recoverStaleInbound(deps: AppDeps, olderThanSeconds = 30, limit = 200) {
  const { rows } = await sql<{ tenant_id: string; conversation_id: string }>`select * from app_stale_inbound(make_interval(secs => ${olderThanSeconds}), ${limit})`.execute(deps.db);
  let recovered = 0;
  const failed: RecoveryFailure[] = [];
  for (const r of rows) {
    try {
      await processConversation(deps, r.tenant_id, r.conversation_id);
      recovered++;
    } catch (err) {
      failed.push({ tenantId: r.tenant_id, conversationId: r.conversation_id, error: (err as Error).message.slice(0, 500) });
    }
  }
  return { recovered, failed };
}
