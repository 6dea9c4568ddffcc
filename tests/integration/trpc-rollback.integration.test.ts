import { afterAll, describe, expect, it } from "vitest";
import { createCaller } from "@vendaflow/api/root";
import type { AppDeps } from "@vendaflow/core/deps";
import type { EmailSender } from "@vendaflow/core/ports/email";
import { appLinks } from "@vendaflow/core/links";
import { memoryStore } from "@vendaflow/connectors/upstash/memory-store";
import { findTenantById } from "@vendaflow/core/tenancy/tenants";
import { createDb } from "@vendaflow/db/create-db";
import { closeOwner, createTenant, env, owner } from "../support/fixtures";

const { db, close } = createDb({ url: env().appUrl, max: 2 });
afterAll(async () => {
  await close();
  await closeOwner();
});

/** An SMTP server that refuses everything: the port's contract allows send() to reject. */
const refusingEmail: EmailSender = { kind: "smtp", send: async () => Promise.reject(new Error("550 mailbox unavailable")) };

describe("a failing procedure rolls back its writes", () => {
  it("an invite whose email cannot be sent leaves no user, token or audit row behind", async () => {
    const t = await createTenant();
    const tenant = (await findTenantById(db, t.id))!;
    const deps = { db, now: () => new Date(), email: refusingEmail, links: appLinks(env().rootDomain, "http"), counters: memoryStore() } as unknown as AppDeps;
    const caller = createCaller({
      deps,
      host: "tenant",
      tenant,
      session: { sessionId: "00000000-0000-0000-0000-000000000000", userId: t.users.admin.id, tenantId: t.id, role: "admin", name: "Admin", email: t.users.admin.email },
      operator: null,
      inboxAuth: null,
      ip: null,
      userAgent: null,
      requestId: "test",
    });
    const email = `rollback@${t.slug}.test`;
    await expect(caller.users.invite({ email, role: "agent" })).rejects.toThrow(/550/);
    const users = await owner().query("select count(*)::int as n from users where tenant_id = $1 and email = $2", [t.id, email]);
    expect(users.rows[0].n).toBe(0);
    const audit = await owner().query("select count(*)::int as n from audit_logs where tenant_id = $1 and action = 'user.invite'", [t.id]);
    expect(audit.rows[0].n).toBe(0);
  });
});
