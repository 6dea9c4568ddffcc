import type { Database } from "@vendaflow/db/create-db";

/** The dev outbox page's read: the latest mails the outbox adapter stored (global, dev-only table). */
export async function listOutbox(db: Database, limit = 50) {
  return db.selectFrom("email_outbox").selectAll().orderBy("created_at", "desc").limit(limit).execute();
}
