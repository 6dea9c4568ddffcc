import type { Database } from "@vendaflow/db/create-db";

/** The dev outbox page's read: the latest mails the outbox adapter stored (global, dev-only table). */
export async function listOutbox(db: Database, limit = 50) {
  return db.selectFrom("email_outbox").selectAll().orderBy("created_at", "desc").limit(limit).execute();
}

/** How long the dev outbox keeps a mail. */
export const OUTBOX_KEEP_DAYS = 7;

/**
 * Drops outbox mails older than a week (the maintenance sweep). Anonymising a lead deletes the mails
 * sent to them, but the team's mails name leads too (notification e-mails, invites): a dev or
 * preview database should not keep those for good. At most `batch` rows per run (oldest first, by
 * the created_at index), so a large backlog goes over a few runs.
 */
export async function pruneOutbox(db: Database, now: Date, batch = 1_000): Promise<number> {
  const before = new Date(now.getTime() - OUTBOX_KEEP_DAYS * 86_400_000);
  const r = await db
    .deleteFrom("email_outbox")
    .where("id", "in", (eb) => eb.selectFrom("email_outbox").select("id").where("created_at", "<", before).orderBy("created_at").limit(batch))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
