import type { Database } from "@vendaflow/db/create-db";
import type { EmailSender } from "@vendaflow/core/ports/email";

/** Stores mail in email_outbox (global, dev-only) for the /dev/outbox page. */
export function outboxSender(db: Database): EmailSender {
  return {
    kind: "outbox",
    async send(msg) {
      await db
        .insertInto("email_outbox")
        .values({ tenant_id: msg.tenantId ?? null, from_name: msg.fromName ?? null, to_address: msg.to, subject: msg.subject, html: msg.html, text_body: msg.text })
        .execute();
    },
  };
}
