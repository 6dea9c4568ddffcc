import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "@vendaflow/api/root";
import type { AppDeps } from "@vendaflow/core/deps";
import { appLinks } from "@vendaflow/core/links";
import { smtpSender } from "@vendaflow/connectors/smtp/smtp-sender";
import { memoryStore } from "@vendaflow/connectors/upstash/memory-store";
import { createDb } from "@vendaflow/db/create-db";
import { closeOwner, createTenant, env, owner } from "../support/fixtures";
import { adminContext } from "../support/in-process";
import { startSmtpStandIn } from "../stand-ins/smtp";

const { db, close } = createDb({ url: env().appUrl, max: 2 });
/** A real SMTP server (the stand-in) that refuses every recipient with 550. */
let smtp: Awaited<ReturnType<typeof startSmtpStandIn>>;
beforeAll(async () => {
  smtp = await startSmtpStandIn({ refuseRecipients: true });
});
afterAll(async () => {
  await smtp?.close();
  await close();
  await closeOwner();
});

describe("a failing procedure rolls back its writes", () => {
  it("an invite whose email cannot be sent leaves no user, token or audit row behind", async () => {
    const t = await createTenant();
    const refusingEmail = smtpSender(`smtp://127.0.0.1:${smtp.port}`, "Vendaflow <nao-responda@vendaflow.test>");
    const deps = { db, now: () => new Date(), email: refusingEmail, links: appLinks(env().rootDomain, "http"), counters: memoryStore() } as unknown as AppDeps;
    const caller = createCaller(await adminContext(deps, t));
    const email = `rollback@${t.slug}.test`;
    // The caller gets the pt-BR sentence (api/caller-errors.ts); the cause, logged, keeps the SMTP refusal.
    const err = (await caller.users.invite({ email, role: "agent" }).then(() => null, (e: unknown) => e)) as { code: string; message: string; cause: Error } | null;
    expect([err?.code, err?.message]).toEqual(["INTERNAL_SERVER_ERROR", "Algo deu errado do nosso lado. Tente novamente."]);
    expect(err?.cause.message).toMatch(/550/);
    const users = await owner().query("select count(*)::int as n from users where tenant_id = $1 and email = $2", [t.id, email]);
    expect(users.rows[0].n).toBe(0);
    const audit = await owner().query("select count(*)::int as n from audit_logs where tenant_id = $1 and action = 'user.invite'", [t.id]);
    expect(audit.rows[0].n).toBe(0);
    const tokens = await owner().query("select count(*)::int as n from auth_tokens where tenant_id = $1 and kind = 'invite'", [t.id]);
    expect(tokens.rows[0].n).toBe(0);
    expect(smtp.received).toHaveLength(0);
  });
});
