import { sql } from "kysely";
import type { AppDeps } from "../deps";
import { processConversation } from "./process";

/**
 * The recovery sweep: inbound messages persisted but never processed (a crash after the HTTP
 * answer) are run through the normal, locked processing path. Safe to run anywhere, any time.
 */
export async function recoverStaleInbound(deps: AppDeps, olderThanSeconds = 30, limit = 200) {
  const { rows } = await sql<{ tenant_id: string; conversation_id: string }>`select * from app_stale_inbound(make_interval(secs => ${olderThanSeconds}), ${limit})`.execute(deps.db);
  for (const r of rows) await processConversation(deps, r.tenant_id, r.conversation_id);
  return rows.length;
}
