import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql, type Transaction } from "kysely";
import { deferWrite, readCarryingHeld } from "@vendaflow/db/deferred-writes";
import type { DB } from "@vendaflow/db/types";
import { withTenant } from "@vendaflow/db/with-tenant";
import { recordingDb } from "../support/recording-db";
import { closeOwner, createTenant, env, owner, type FixtureTenant } from "../support/fixtures";

// Held writes (packages/db/src/deferred-writes.ts): a write nobody reads the answer of waits in the
// pool's connection for the transaction's next statement and goes just before it, several as one
// statement of data-modifying CTEs. The pool here records what reaches Postgres (text only), so the
// tests see the round trips; one connection, so every test reuses the one the test before left.

let a: FixtureTenant;
let b: FixtureTenant;
const { db, sent } = recordingDb(env().appUrl, 1);

beforeAll(async () => {
  a = await createTenant();
  b = await createTenant();
});
afterAll(async () => {
  await db.destroy();
  await closeOwner();
});

const leadNamed = async (name: string) => (await owner().query("select tenant_id, name, score from leads where name = $1", [name])).rows;
const companyNamed = async (name: string) => (await owner().query("select tenant_id from companies where name = $1", [name])).rows;
/** What reached Postgres during fn, BEGIN (with the binding) and COMMIT included. */
async function statementsOf(fn: () => Promise<unknown>): Promise<string[]> {
  sent.length = 0;
  await fn();
  return [...sent];
}

describe("held writes", () => {
  it("go with the transaction's next statement, two tables' writes as one statement, and that statement sees them", async () => {
    const lead = `Lead ${randomUUID()}`;
    const company = `Empresa ${randomUUID()}`;
    let seen: unknown[] = [];
    const statements = await statementsOf(() =>
      withTenant(db, a.id, async (tx) => {
        await deferWrite(tx, tx.insertInto("leads").values({ tenant_id: a.id, source: "web", name: lead }));
        await deferWrite(tx, tx.insertInto("companies").values({ tenant_id: a.id, name: company }));
        seen = await tx.selectFrom("leads").select("name").where("name", "=", lead).execute();
      }),
    );
    expect(seen).toEqual([{ name: lead }]);
    expect(statements).toHaveLength(4);
    expect(statements[0]).toMatch(/^begin; select set_config/);
    expect(statements[1]).toMatch(/^with w0 as \(insert into "leads" .*\), w1 as \(insert into "companies" .*\) select 1$/);
    expect(statements[2]).toMatch(/^select "name" from "leads"/);
    expect(statements[3]).toBe("commit");
    expect(await companyNamed(company)).toEqual([{ tenant_id: a.id }]);
  });

  it("go before COMMIT when nothing follows them, parameters renumbered across the writes", async () => {
    const lead = `Lead ${randomUUID()}`;
    const company = `Empresa ${randomUUID()}`;
    const statements = await statementsOf(() =>
      withTenant(db, a.id, async (tx) => {
        await deferWrite(tx, tx.insertInto("companies").values({ tenant_id: a.id, name: company, industry: "Varejo" }));
        await deferWrite(tx, tx.insertInto("leads").values({ tenant_id: a.id, source: "web", name: lead, score: 7 }));
      }),
    );
    expect(statements).toHaveLength(3);
    expect(statements[1]).toContain("$7");
    expect(await leadNamed(lead)).toEqual([{ tenant_id: a.id, name: lead, score: 7 }]);
    expect((await owner().query("select industry from companies where name = $1", [company])).rows).toEqual([{ industry: "Varejo" }]);
  });

  it("of one table never share a statement: the first goes before the second is held, and both land in order", async () => {
    const lead = `Lead ${randomUUID()}`;
    const id = randomUUID();
    const statements = await statementsOf(() =>
      withTenant(db, a.id, async (tx) => {
        await deferWrite(tx, tx.insertInto("leads").values({ id, tenant_id: a.id, source: "web", name: lead }));
        await deferWrite(tx, tx.updateTable("leads").set({ score: 42 }).where("id", "=", id));
      }),
    );
    expect(statements.map((s) => s.split(" ")[0])).toEqual(["begin;", "insert", "update", "commit"]);
    expect(await leadNamed(lead)).toEqual([{ tenant_id: a.id, name: lead, score: 42 }]);
  });

  it("are dropped by a rollback, and the connection serves the next transaction clean", async () => {
    const lead = `Lead ${randomUUID()}`;
    const statements = await statementsOf(async () => {
      await expect(
        withTenant(db, a.id, async (tx) => {
          await deferWrite(tx, tx.insertInto("leads").values({ tenant_id: a.id, source: "web", name: lead }));
          throw new Error("desistiu");
        }),
      ).rejects.toThrow("desistiu");
      await withTenant(db, a.id, (tx) => tx.selectFrom("leads").select("id").where("name", "=", lead).execute());
    });
    // Never sent: not before the ROLLBACK, not into the next transaction on the connection.
    expect(statements.some((s) => s.includes("insert"))).toBe(false);
    expect(statements.map((s) => s.split(" ")[0])).toEqual(["begin;", "rollback", "begin;", "select", "commit"]);
    expect(await leadNamed(lead)).toEqual([]);
  });

  it("fail at the statement that sends them, the transaction rolls back whole, and the connection is reusable", async () => {
    const lead = `Lead ${randomUUID()}`;
    await expect(
      withTenant(db, a.id, async (tx) => {
        await deferWrite(tx, tx.insertInto("leads").values({ tenant_id: a.id, source: "web", name: lead }));
        // A company of size "enorme" breaks its check constraint.
        await deferWrite(tx, tx.insertInto("companies").values({ tenant_id: a.id, name: `Empresa ${randomUUID()}`, size: "enorme" }));
        await tx.selectFrom("leads").select("id").execute();
      }),
    ).rejects.toThrow(/companies_size_check|check constraint/);
    expect(await leadNamed(lead)).toEqual([]);
    expect(await withTenant(db, a.id, async (tx) => (await sql<{ one: number }>`select 1 as one`.execute(tx)).rows)).toEqual([{ one: 1 }]);
  });

  it("stay inside the tenant: another tenant's row is neither written nor updated through a batch", async () => {
    const theirs = randomUUID();
    await owner().query("insert into leads (id, tenant_id, source, name, score) values ($1, $2, 'web', 'Lead de B', 3)", [theirs, b.id]);
    // An update of B's lead under A's binding matches no row (RLS), in a batch with A's own write.
    const mine = `Lead ${randomUUID()}`;
    await withTenant(db, a.id, async (tx) => {
      await deferWrite(tx, tx.updateTable("leads").set({ score: 99 }).where("id", "=", theirs));
      await deferWrite(tx, tx.insertInto("companies").values({ tenant_id: a.id, name: `Empresa ${randomUUID()}` }));
      await deferWrite(tx, tx.insertInto("inboxes").values({ tenant_id: a.id, name: mine, channel: "web" }));
    });
    expect((await owner().query("select score from leads where id = $1", [theirs])).rows).toEqual([{ score: 3 }]);
    expect((await owner().query("select tenant_id from inboxes where name = $1", [mine])).rows).toEqual([{ tenant_id: a.id }]);
    // A row for B written under A's binding is refused by the policy's check, at the batch.
    const stray = `Lead ${randomUUID()}`;
    await expect(
      withTenant(db, a.id, async (tx) => {
        await deferWrite(tx, tx.insertInto("companies").values({ tenant_id: a.id, name: `Empresa ${randomUUID()}` }));
        await deferWrite(tx, tx.insertInto("leads").values({ tenant_id: b.id, source: "web", name: stray }));
      }),
    ).rejects.toThrow(/row-level security/);
    expect(await leadNamed(stray)).toEqual([]);
  });

  it("are cleaned of what Postgres refuses, like any bound value", async () => {
    const lead = `Lead ${randomUUID()}`;
    await withTenant(db, a.id, async (tx) => {
      await deferWrite(tx, tx.insertInto("leads").values({ tenant_id: a.id, source: "web", name: `${lead}\u0000` }));
      await deferWrite(tx, tx.insertInto("companies").values({ tenant_id: a.id, name: `Empresa\u0000 ${randomUUID()}` }));
    });
    expect(await leadNamed(lead)).toHaveLength(1);
  });

  it("ride a read that may carry them as its CTEs, one statement whose rows are the read's, parameters renumbered", async () => {
    const lead = `Lead ${randomUUID()}`;
    const company = `Empresa ${randomUUID()}`;
    const inbox = `Caixa ${randomUUID()}`;
    await owner().query("insert into inboxes (tenant_id, name, channel) values ($1, $2, 'web')", [a.id, inbox]);
    let read: unknown[] = [];
    const statements = await statementsOf(() =>
      withTenant(db, a.id, async (tx) => {
        await deferWrite(tx, tx.insertInto("leads").values({ tenant_id: a.id, source: "web", name: lead, score: 5 }));
        await deferWrite(tx, tx.insertInto("companies").values({ tenant_id: a.id, name: company }));
        read = await readCarryingHeld(tx, tx.selectFrom("inboxes").select("name").where("name", "=", inbox).where("channel", "=", "web"));
        // The next statement sees what rode the read.
        expect(await tx.selectFrom("leads").select("score").where("name", "=", lead).execute()).toEqual([{ score: 5 }]);
      }),
    );
    expect(read).toEqual([{ name: inbox }]);
    expect(statements).toHaveLength(4);
    expect(statements[1]).toMatch(/^with w0 as \(insert into "leads" .*\), w1 as \(insert into "companies" .*\) select "name" from "inboxes" where "name" = \$7 and "channel" = \$8$/);
    expect(await companyNamed(company)).toEqual([{ tenant_id: a.id }]);
  });

  it("go before a carried read that names a table they change (it would not see them), and alone when none are held", async () => {
    const lead = `Lead ${randomUUID()}`;
    let seen: unknown[] = [];
    const statements = await statementsOf(() =>
      withTenant(db, a.id, async (tx) => {
        await deferWrite(tx, tx.insertInto("leads").values({ tenant_id: a.id, source: "web", name: lead }));
        seen = await readCarryingHeld(tx, tx.selectFrom("leads").select("name").where("name", "=", lead));
        await readCarryingHeld(tx, tx.selectFrom("inboxes").select("id").where("name", "=", lead));
      }),
    );
    expect(seen).toEqual([{ name: lead }]);
    expect(statements.map((s) => s.split(" ").slice(0, 2).join(" "))).toEqual(["begin; select", 'insert into', 'select "name"', 'select "id"', "commit"]);
    await withTenant(db, a.id, (tx) => expect(readCarryingHeld(tx, tx.updateTable("leads").set({ score: 1 }).where("name", "=", lead))).rejects.toThrow(/only a SELECT/));
  });

  it("are refused outside a transaction, with RETURNING, and for anything but an INSERT or UPDATE", async () => {
    await expect(deferWrite(db as unknown as Transaction<DB>, db.insertInto("leads").values({ tenant_id: a.id, source: "web", name: "x" }))).rejects.toThrow(/only inside a transaction/);
    await withTenant(db, a.id, async (tx) => {
      await expect(deferWrite(tx, tx.insertInto("leads").values({ tenant_id: a.id, source: "web", name: "x" }).returning("id"))).rejects.toThrow(/not a plain write/);
      await expect(deferWrite(tx, tx.selectFrom("leads").select("id"))).rejects.toThrow(/only an INSERT or UPDATE/);
      await expect(deferWrite(tx, tx.deleteFrom("leads").where("name", "=", "x"))).rejects.toThrow(/only an INSERT or UPDATE/);
    });
  });
});
