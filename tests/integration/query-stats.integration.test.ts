import { AsyncLocalStorage } from "node:async_hooks";
import { context, ROOT_CONTEXT, type Context, type ContextManager } from "@opentelemetry/api";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@vendaflow/db/create-db";
import { withQueryStats } from "@vendaflow/db/query-stats";
import { env } from "../support/fixtures";

// The statements on a span (packages/db/src/query-stats.ts): what the app's registered context
// manager (@vercel/otel's, AsyncLocalStorage) carries, stood in by the same few lines here.
class AlsContextManager implements ContextManager {
  private readonly als = new AsyncLocalStorage<Context>();
  active = () => this.als.getStore() ?? ROOT_CONTEXT;
  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(ctx: Context, fn: F, thisArg?: ThisParameterType<F>, ...args: A): ReturnType<F> {
    return this.als.run(ctx, () => fn.apply(thisArg, args));
  }
  bind = <T>(_ctx: Context, target: T) => target;
  enable = () => this;
  disable = () => this;
}

const { db, close } = createDb({ url: env().appUrl, max: 1 });
beforeAll(() => {
  context.setGlobalContextManager(new AlsContextManager());
});
afterAll(async () => {
  context.disable();
  await close();
});

describe("query stats", () => {
  it("a statement with a subquery counts once, a failed one not at all, and an enclosing request counts its procedure's", async () => {
    const outer = await withQueryStats(async (request) => {
      const inner = await withQueryStats(async (procedure) => {
        await db
          .selectFrom("tenants")
          .select("id")
          // A subquery built from the db, as the app's do: Kysely shows its builder to the plugins.
          .where("id", "in", db.selectFrom("tenants as t2").select("t2.id"))
          .execute();
        await sql`select 1`.execute(db);
        await expect(sql`select * from no_such_table`.execute(db)).rejects.toThrow();
        return { ...procedure };
      });
      return { inner, request: { ...request } };
    });
    expect(outer.inner.statements).toBe(2);
    expect(outer.inner.ms).toBeGreaterThan(0);
    expect(outer.request.statements).toBe(2);
  });
});
