import { afterAll, describe, expect, it } from "vitest";
import { TRANSIENT_MESSAGE } from "@vendaflow/api/caller-errors";
import { openApiDocument, restCall } from "@vendaflow/api/openapi";
import { createCaller } from "@vendaflow/api/root";
import type { AppDeps } from "@vendaflow/core/deps";
import { appLinks } from "@vendaflow/core/links";
import { memoryStore } from "@vendaflow/connectors/upstash/memory-store";
import { createDb } from "@vendaflow/db/create-db";
import { closeOwner, createTenant, env, owner } from "../support/fixtures";
import { adminContext } from "../support/in-process";
import { cancelTheWaiter } from "../support/lock-waits";

const { db, close } = createDb({ url: env().appUrl, max: 2 });
afterAll(async () => {
  await close();
  await closeOwner();
});

async function setup() {
  const t = await createTenant();
  const deps = { db, now: () => new Date(), links: appLinks(env().rootDomain, "http"), counters: memoryStore() } as unknown as AppDeps;
  const ctx = await adminContext(deps, t);
  const company = (await owner().query<{ id: string }>("insert into companies (tenant_id, name) values ($1, 'Antes') returning id", [t.id])).rows[0]!.id;
  return { t, ctx, company };
}

/**
 * Runs `call` while another transaction holds the company's row, and cancels the statement that
 * waits for it (57014, query_canceled: a failure that passes, like a deadlock's loser).
 */
async function canceledWhileWaiting<T>(company: string, call: () => Promise<T>): Promise<T> {
  const blocker = await owner().connect();
  try {
    await blocker.query("begin");
    const pid = (await blocker.query<{ pid: number }>("select pg_backend_pid() as pid")).rows[0]!.pid;
    await blocker.query("select 1 from companies where id = $1 for update", [company]);
    const pending = call();
    await cancelTheWaiter(pid);
    return await pending;
  } finally {
    await blocker.query("rollback");
    blocker.release();
  }
}

describe("a database failure that passes reaches the caller as a pt-BR 503, never Postgres's words", () => {
  it("tRPC: SERVICE_UNAVAILABLE with the retry sentence; the cause keeps the SQLSTATE; nothing written", async () => {
    const { t, ctx, company } = await setup();
    const caller = createCaller(ctx);
    const err = (await canceledWhileWaiting(company, () => caller.crm.companies.save({ id: company, name: "Depois" }).then(() => null, (e: unknown) => e))) as { code: string; message: string; cause: { code?: string } } | null;
    expect([err?.code, err?.message, err?.cause.code]).toEqual(["SERVICE_UNAVAILABLE", TRANSIENT_MESSAGE, "57014"]);
    expect((await owner().query("select name from companies where id = $1", [company])).rows).toEqual([{ name: "Antes" }]);
    expect((await owner().query("select count(*)::int as n from audit_logs where tenant_id = $1 and action = 'company.update'", [t.id])).rows[0].n).toBe(0);
  });

  it("REST (/api/v1): 503, service_unavailable, the same sentence, Retry-After 1", async () => {
    const { ctx, company } = await setup();
    const res = await canceledWhileWaiting(company, () => restCall(ctx, "crm.companies.save", "POST", { id: company, name: "Depois" }));
    expect(res).toEqual({ status: 503, body: { error: "service_unavailable", message: TRANSIENT_MESSAGE }, headers: { "retry-after": "1" } });
    expect((await owner().query("select name from companies where id = $1", [company])).rows).toEqual([{ name: "Antes" }]);
    // The published document says so for every operation.
    const ops = Object.values(openApiDocument("http://api.test").paths as Record<string, Record<string, { responses: Record<string, unknown> }>>).flatMap((p) => Object.values(p));
    expect(ops.length).toBeGreaterThan(10);
    expect(ops.filter((o) => !o.responses["503"] || !o.responses["500"])).toEqual([]);
  });
});
