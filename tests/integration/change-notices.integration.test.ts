import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHANGE_CHANNEL } from "@vendaflow/db/change-listener";
import { batchedPublisher } from "@vendaflow/db/change-notices";
import { createDb } from "@vendaflow/db/create-db";
import { withTenant } from "@vendaflow/db/with-tenant";
import { closeOwner, createTenant, env, owner, type FixtureTenant } from "../support/fixtures";

// Change notices after the commit (migrations 0144 and 0145, packages/db/src/change-notices.ts): a
// tenant transaction of a db given a sink hands its change keys to the sink once it committed, and
// sends no NOTIFY itself (a NOTIFY serialises commits cluster-wide); rolled-back changes reach
// nobody; every other writer still notifies at commit.

let a: FixtureTenant;
let b: FixtureTenant;
let lead: { id: string; visitor: string };
let inboxId: string;
let flowId: string;
const received: string[][] = [];
const collecting = createDb({ url: env().appUrl, max: 1, changes: (keys) => received.push(keys) });
const plain = createDb({ url: env().appUrl, max: 1 });
const listener = new pg.Client({ connectionString: env().appUrl });
const notices: string[] = [];

beforeAll(async () => {
  a = await createTenant();
  b = await createTenant();
  const q = (sql: string, params: unknown[]) => owner().query(sql, params).then((r) => r.rows[0] as Record<string, string>);
  inboxId = (await q("insert into inboxes (tenant_id, name, channel) values ($1, 'Site', 'web') returning id", [a.id])).id!;
  flowId = (await q("insert into qualification_flows (tenant_id, name, version, definition) values ($1, 'BANT', 1, '{}') returning id", [a.id])).id!;
  const l = await q("insert into leads (tenant_id, name, source, visitor_id) values ($1, 'Lead', 'web', gen_random_uuid()::text) returning id, visitor_id", [a.id]);
  lead = { id: l.id!, visitor: l.visitor_id! };
  await listener.connect();
  listener.on("notification", (n) => n.channel === CHANGE_CHANNEL && n.payload && n.payload.startsWith(a.id) && notices.push(n.payload));
  await listener.query(`listen ${CHANGE_CHANNEL}`);
});
afterAll(async () => {
  await listener.end();
  await collecting.close();
  await plain.close();
  await closeOwner();
});

const settle = () => new Promise((r) => setTimeout(r, 150));
const reset = () => {
  received.length = 0;
  notices.length = 0;
};
const newConversation = (db: typeof collecting.db) =>
  withTenant(db, a.id, async (tx) => {
    const c = await tx.insertInto("conversations").values({ tenant_id: a.id, inbox_id: inboxId, lead_id: lead.id, flow_id: flowId }).returning("id").executeTakeFirstOrThrow();
    await tx.insertInto("messages").values({ tenant_id: a.id, conversation_id: c.id, sender: "lead", text: "oi" }).execute();
    await tx.insertInto("messages").values({ tenant_id: a.id, conversation_id: c.id, sender: "bot", text: "olá" }).execute();
    return c.id;
  });

describe("change notices after the commit", () => {
  it("a committed tenant transaction hands its keys to the sink, each once, and sends no NOTIFY", async () => {
    reset();
    await newConversation(collecting.db);
    await settle();
    expect(received).toEqual([[a.id, `${a.id}:${lead.visitor}`]]);
    expect(notices).toEqual([]);
  });

  it("the same change through a db without a sink notifies at commit, as before", async () => {
    reset();
    await newConversation(plain.db);
    await settle();
    expect(received).toEqual([]);
    expect(new Set(notices)).toEqual(new Set([a.id, `${a.id}:${lead.visitor}`]));
  });

  it("a rolled-back transaction's keys reach nobody, and the next commit hands only its own", async () => {
    reset();
    await expect(
      withTenant(collecting.db, a.id, async (tx) => {
        await tx.insertInto("notifications").values({ tenant_id: a.id, user_id: a.users.admin.id, kind: "test" }).execute();
        throw new Error("desfeito");
      }),
    ).rejects.toThrow("desfeito");
    await settle();
    expect(received).toEqual([]);
    // Another tenant's commit on the same connection: only its key.
    await withTenant(collecting.db, b.id, (tx) => tx.insertInto("notifications").values({ tenant_id: b.id, user_id: b.users.admin.id, kind: "test" }).execute());
    expect(received).toEqual([[b.id]]);
    expect(notices).toEqual([]);
  });

  it("a savepoint rolled back takes its keys with it", async () => {
    reset();
    await withTenant(collecting.db, a.id, async (tx) => {
      await tx.updateTable("leads").set({ name: "Lead" }).where("id", "=", lead.id).execute();
      await sql`savepoint sp`.execute(tx);
      await tx.insertInto("notifications").values({ tenant_id: a.id, user_id: a.users.admin.id, kind: "test" }).execute();
      await sql`rollback to savepoint sp`.execute(tx);
      await tx.insertInto("notifications").values({ tenant_id: a.id, user_id: a.users.admin.id, kind: "kept" }).execute();
    });
    expect(received).toEqual([[a.id]]);
    // Without the write after the rollback, nothing.
    reset();
    await withTenant(collecting.db, a.id, async (tx) => {
      await sql`savepoint sp`.execute(tx);
      await tx.insertInto("notifications").values({ tenant_id: a.id, user_id: a.users.admin.id, kind: "test" }).execute();
      await sql`rollback to savepoint sp`.execute(tx);
    });
    expect(received).toEqual([]);
  });

  it("a transaction an error its code caught had aborted hands nothing and does not fail, as a plain COMMIT; the connection serves the next one", async () => {
    reset();
    const before = await owner().query("select count(*)::int as n from notifications where tenant_id = $1", [a.id]);
    const result = await withTenant(collecting.db, a.id, async (tx) => {
      await tx.insertInto("notifications").values({ tenant_id: a.id, user_id: a.users.admin.id, kind: "test" }).execute();
      await sql`select 1 / 0`.execute(tx).catch(() => undefined);
      return "fim";
    });
    expect(result).toBe("fim");
    const after = await owner().query("select count(*)::int as n from notifications where tenant_id = $1", [a.id]);
    expect(after.rows[0].n).toBe(before.rows[0].n);
    await settle();
    expect(received).toEqual([]);
    expect(notices).toEqual([]);
    await newConversation(collecting.db);
    expect(received).toEqual([[a.id, `${a.id}:${lead.visitor}`]]);
  });

  it("a visitor's key is looked up once, at commit: it names the lead the conversation has then", async () => {
    const other = await owner()
      .query("insert into leads (tenant_id, name, source, visitor_id) values ($1, 'Outro', 'web', gen_random_uuid()::text) returning id, visitor_id", [a.id])
      .then((r) => r.rows[0] as { id: string; visitor_id: string });
    reset();
    await withTenant(collecting.db, a.id, async (tx) => {
      const c = await tx.insertInto("conversations").values({ tenant_id: a.id, inbox_id: inboxId, lead_id: lead.id, flow_id: flowId }).returning("id").executeTakeFirstOrThrow();
      await tx.insertInto("messages").values({ tenant_id: a.id, conversation_id: c.id, sender: "lead", text: "oi" }).execute();
      await tx.updateTable("conversations").set({ lead_id: other.id }).where("id", "=", c.id).execute();
    });
    expect(received).toEqual([[a.id, `${a.id}:${other.visitor_id}`]]);
  });

  it("a write outside a tenant transaction (one statement, no binding) still notifies", async () => {
    reset();
    await owner().query("insert into notifications (tenant_id, user_id, kind) values ($1, $2, 'test')", [a.id, a.users.admin.id]);
    await settle();
    expect(notices).toEqual([a.id]);
    expect(received).toEqual([]);
  });

  it("the publisher sends one batch at a time and what arrives meanwhile goes together, each key once", async () => {
    const batches: string[][] = [];
    let release: () => void = () => undefined;
    const publish = batchedPublisher(
      (keys) => {
        batches.push(keys);
        return new Promise<void>((r) => (release = r));
      },
      () => undefined,
    );
    publish(["t1"]);
    publish(["t2", "t1:v"]);
    publish(["t2"]);
    expect(batches).toEqual([["t1"]]);
    release();
    await settle();
    expect(batches).toEqual([["t1"], ["t2", "t1:v"]]);
  });
});
