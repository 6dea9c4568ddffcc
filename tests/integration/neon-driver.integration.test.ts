import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Database } from "@vendaflow/db/create-db";
import { withTenant } from "@vendaflow/db/with-tenant";
import { closeOwner, createTenant, env } from "../support/fixtures";
import { startNeonWsProxy } from "../stand-ins/neon-ws-proxy";

let proxy: Awaited<ReturnType<typeof startNeonWsProxy>>;
let neon: { db: Database; close: () => Promise<void> };

beforeAll(async () => {
  proxy = await startNeonWsProxy();
  neon = createDb({ url: env().appUrl, driver: "neon", neonWsProxy: proxy.host, max: 4 });
});
afterAll(async () => {
  await neon.close();
  await proxy.close();
  await closeOwner();
});

describe("Neon serverless driver (WebSocket Pool) smoke", () => {
  it("runs withTenant transactions under RLS as the app role", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const seenByA = await withTenant(neon.db, a.id, (tx) => tx.selectFrom("users").select(["email", "tenant_id"]).execute());
    expect(seenByA.map((u) => u.tenant_id)).toEqual([a.id, a.id, a.id]);
    const leak = await withTenant(neon.db, a.id, (tx) => tx.selectFrom("users").select("id").where("tenant_id", "=", b.id).execute());
    expect(leak).toEqual([]);
    // The queries really went through the WebSocket path.
    expect(proxy.stats.connections).toBeGreaterThan(0);
  });

  it("rolls back an interactive transaction that fails halfway", async () => {
    const a = await createTenant();
    await expect(
      withTenant(neon.db, a.id, async (tx) => {
        await tx.updateTable("users").set({ name: "mudou" }).where("id", "=", a.users.agent.id).execute();
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    const row = await withTenant(neon.db, a.id, (tx) => tx.selectFrom("users").select("name").where("id", "=", a.users.agent.id).executeTakeFirstOrThrow());
    expect(row.name).not.toBe("mudou");
  });

  it("hands a committed transaction's change keys to the sink, as the app's Neon configuration does", async () => {
    const a = await createTenant();
    const received: string[][] = [];
    const collecting = createDb({ url: env().appUrl, driver: "neon", neonWsProxy: proxy.host, max: 1, changes: (keys) => received.push(keys) });
    try {
      await withTenant(collecting.db, a.id, (tx) => tx.insertInto("notifications").values({ tenant_id: a.id, user_id: a.users.admin.id, kind: "test" }).execute());
      expect(received).toEqual([[a.id]]);
      const count = await withTenant(collecting.db, a.id, (tx) => tx.selectFrom("notifications").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow());
      expect(Number(count.n)).toBe(1);
    } finally {
      await collecting.close();
    }
  });
});
