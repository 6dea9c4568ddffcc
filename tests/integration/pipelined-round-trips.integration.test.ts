import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deferWrite } from "@vendaflow/db/deferred-writes";
import { withTenant } from "@vendaflow/db/with-tenant";
import { recordingDb } from "../support/recording-db";
import { closeOwner, createTenant, env, owner, type FixtureTenant } from "../support/fixtures";

// The pool's pipelined groups (packages/db/src/pipelined-client.ts, tenant-binding.ts): a tenant
// transaction's BEGIN goes with its first statement, and held writes with the statement that
// sends them (COMMIT included), each group written before any answer is read: one round trip.
// One connection per pool, so each test reuses the connection the test before left.

let a: FixtureTenant;
let b: FixtureTenant;
const piped = recordingDb(env().appUrl, 1, { pool: { options: "-c lock_timeout=300" } });
const plain = recordingDb(env().appUrl, 1, { withoutPipeline: true });

beforeAll(async () => {
  a = await createTenant();
  b = await createTenant();
});
afterAll(async () => {
  await piped.db.destroy();
  await plain.db.destroy();
  await closeOwner();
});

/** What reached Postgres during fn, in how many round trips and socket writes. */
async function tripsOf(rec: typeof piped, fn: () => Promise<unknown>): Promise<{ statements: string[]; trips: number; writes: number }> {
  rec.sent.length = 0;
  rec.trips.count = 0;
  rec.writes.count = 0;
  await fn();
  return { statements: [...rec.sent], trips: rec.trips.count, writes: rec.writes.count };
}
const leadsNamed = async (name: string) => (await owner().query("select tenant_id from leads where name = $1", [name])).rows;
const bound = (rec: typeof piped) => withTenant(rec.db, a.id, (tx) => tx.selectFrom("users").select("tenant_id").execute());

describe("pipelined groups", () => {
  it("BEGIN with the binding goes with the first statement: a read-only transaction is 2 round trips for 3 statements", async () => {
    let users: { tenant_id: string }[] = [];
    const r = await tripsOf(piped, async () => (users = await bound(piped)));
    expect(users.length).toBeGreaterThan(0);
    expect(new Set(users.map((u) => u.tenant_id))).toEqual(new Set([a.id]));
    expect(r.statements).toHaveLength(3);
    expect(r.statements[0]).toMatch(/^begin; select set_config/);
    expect(r.statements[2]).toBe("commit");
    expect(r.trips).toBe(2);
    expect(r.writes).toBe(2); // a group leaves in one write
  });

  it("held writes go with COMMIT: BEGIN, the writes and COMMIT are one round trip, and they are committed", async () => {
    const name = `Lead ${randomUUID()}`;
    const r = await tripsOf(piped, () => withTenant(piped.db, a.id, (tx) => deferWrite(tx, tx.insertInto("leads").values({ tenant_id: a.id, source: "web", name }))));
    expect(r.statements).toHaveLength(3);
    expect(r.statements[1]).toMatch(/^insert into "leads"/);
    expect(r.statements[2]).toBe("commit");
    expect(r.trips).toBe(1);
    expect(r.writes).toBe(1);
    expect(await leadsNamed(name)).toEqual([{ tenant_id: a.id }]);
  });

  it("a held write goes with the read after it, and that read sees it", async () => {
    const name = `Lead ${randomUUID()}`;
    let seen: unknown[] = [];
    const r = await tripsOf(piped, () =>
      withTenant(piped.db, a.id, async (tx) => {
        await tx.selectFrom("users").select("id").limit(1).execute();
        await deferWrite(tx, tx.insertInto("leads").values({ tenant_id: a.id, source: "web", name }));
        seen = await tx.selectFrom("leads").select("name").where("name", "=", name).execute();
      }),
    );
    expect(seen).toEqual([{ name }]);
    expect(r.statements).toHaveLength(5);
    expect(r.trips).toBe(3); // begin + read, write + read, commit
    expect(r.writes).toBe(3);
  });

  it("a held write that fails fails its COMMIT with its own error: nothing of the transaction is committed, the connection is clean", async () => {
    const first = `Lead ${randomUUID()}`;
    const second = `Lead ${randomUUID()}`;
    const failing = withTenant(piped.db, a.id, async (tx) => {
      await tx.insertInto("leads").values({ tenant_id: a.id, source: "web", name: first }).execute();
      // Another tenant's row: row-level security refuses it when the held write is sent.
      await deferWrite(tx, tx.insertInto("leads").values({ tenant_id: b.id, source: "web", name: second }));
    });
    await expect(failing).rejects.toThrow(/row-level security/);
    expect(piped.sent.at(-2)).toBe("commit");
    expect(piped.sent.at(-1)).toBe("rollback");
    expect(await leadsNamed(first)).toEqual([]);
    expect(await leadsNamed(second)).toEqual([]);
    expect(new Set((await bound(piped)).map((u) => u.tenant_id))).toEqual(new Set([a.id]));
  });

  it("a BEGIN whose lock times out fails the statement behind it and the COMMIT, even when the callback swallows the first error; nothing is written", async () => {
    const key = `test:${a.id}:${randomUUID()}`;
    const holder = new pg.Client({ connectionString: env().appUrl });
    await holder.connect();
    try {
      await holder.query("begin");
      await holder.query("select pg_advisory_xact_lock(hashtextextended($1, 0))", [key]);
      const name = `Lead ${randomUUID()}`;
      let firstError: unknown = null;
      piped.sent.length = 0;
      const attempt = withTenant(
        piped.db,
        a.id,
        async (tx) => {
          firstError = await tx.selectFrom("users").select("id").execute().then(() => null, (err: unknown) => err);
          await deferWrite(tx, tx.insertInto("leads").values({ tenant_id: a.id, source: "web", name }));
        },
        { advisoryLocks: [key], lockedFromFirstStatement: true },
      );
      await expect(attempt).rejects.toThrow(/lock timeout/);
      expect(String(firstError)).toMatch(/lock timeout/);
      expect(piped.sent.at(-1)).toBe("rollback");
      expect(piped.sent.filter((s) => /^insert into "leads"/.test(s))).toEqual([]);
      expect(await leadsNamed(name)).toEqual([]);
      await holder.query("commit");
      // The one pooled connection is clean: bound to nobody, and the lock is free to take.
      expect(await withTenant(piped.db, b.id, (tx) => tx.selectFrom("users").select("tenant_id").execute(), { advisoryLocks: [key] })).not.toContainEqual({ tenant_id: a.id });
      expect(new Set((await bound(piped)).map((u) => u.tenant_id))).toEqual(new Set([a.id]));
    } finally {
      await holder.end();
    }
  });

  it("a client without pipeline mode (Neon's) sends the same statements one round trip each", async () => {
    const name = `Lead ${randomUUID()}`;
    const read = await tripsOf(plain, () => bound(plain));
    expect(read.statements).toHaveLength(3);
    expect(read.trips).toBe(3);
    const write = await tripsOf(plain, () => withTenant(plain.db, a.id, (tx) => deferWrite(tx, tx.insertInto("leads").values({ tenant_id: a.id, source: "web", name }))));
    expect(write.statements).toHaveLength(3);
    expect(write.trips).toBe(3);
    expect(write.writes).toBe(3);
    expect(await leadsNamed(name)).toEqual([{ tenant_id: a.id }]);
  });
});
