import type { Database } from "@vendaflow/db/create-db";
import type { EmailSender } from "./port";

/** Stores mail in email_outbox (global, dev-only) for the /dev/outbox page. */
export function outboxSender(db: Database): EmailSender {
  return {
    kind: "outbox",
    async send(msg) {
      await db
        .insertInto("email_outbox")
        .values({ tenant_id: msg.tenantId ?? null, to_address: msg.to, subject: msg.subject, html: msg.html, text_body: msg.text })
        .execute();
    },
  };
}

export async function listOutbox(db: Database, limit = 50) {
  return db.selectFrom("email_outbox").selectAll().orderBy("created_at", "desc").limit(limit).execute();
}
