import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { createDb } from "@vendaflow/db/create-db";
import { withTenant } from "@vendaflow/db/with-tenant";
import { closeOwner, createTenant, env, owner, type FixtureTenant } from "../support/fixtures";

// The pool in front of Postgres (packages/db/src/tenant-binding.ts): every parameter is cleaned of what
// Postgres refuses, and repeated queries go as named prepared statements (prepared-statements.ts):
// parsed once per connection, their plan cached. The tenant is bound per transaction and read by
// the policies when a plan runs, so one cached plan, generic included, serves every tenant and
// never another's rows; a connection whose statements went stale (a table's columns changed under
// a `select *`) is replaced after its one failed query.

let a: FixtureTenant;
let b: FixtureTenant;
// One connection, so the session that prepared is the one inspected.
const app = createDb({ url: env().appUrl, max: 1 });
const schema = `prep_probe_${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  a = await createTenant();
  b = await createTenant();
  const o = owner();
  await o.query("insert into leads (tenant_id, source, name) select $1, 'web', 'Lead A ' || g from generate_series(1, 3) g", [a.id]);
  await o.query("insert into leads (tenant_id, source, name) select $1, 'web', 'Lead B ' || g from generate_series(1, 5) g", [b.id]);
  await o.query(`create schema ${schema}; create table ${schema}.probe (id int primary key, label text); insert into ${schema}.probe values (1, 'um')`);
  await o.query(`grant usage on schema ${schema} to ${env().appRole}; grant select on ${schema}.probe to ${env().appRole}`);
});
afterAll(async () => {
  await app.close();
  await owner().query(`drop schema if exists ${schema} cascade`);
  await closeOwner();
});

const leadNames = (tenantId: string) =>
  withTenant(app.db, tenantId, (tx) =>
    tx
      .selectFrom("leads")
      .select("name")
      .where("source", "=", "web")
      .orderBy("name")
      .execute()
      .then((r) => r.map((x) => x.name)),
  );
const prepared = () => sql<{ name: string; statement: string; generic_plans: number }>`select name, statement, generic_plans::int from pg_prepared_statements where name like 'vf\\_%'`.execute(app.db).then((r) => r.rows);
const backendPid = () => sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(app.db).then((r) => r.rows[0]!.pid);

describe("parameters are cleaned before they are sent (the pool's one gate)", () => {
  it("NUL and lone surrogates in builder values, sql template values and jsonb never reach Postgres", async () => {
    const c = await createTenant();
    const id = await withTenant(app.db, c.id, (tx) =>
      tx
        .insertInto("leads")
        .values({ tenant_id: c.id, source: "web", name: "Ana\u0000 Souza\ud800", custom_fields: JSON.stringify({ nota: "a\u0000b" }) })
        .returning("id")
        .executeTakeFirstOrThrow()
        .then((r) => r.id),
    );
    await withTenant(app.db, c.id, (tx) => sql`update leads set tags = ${["x\u0000y"]} where id = ${id}`.execute(tx));
    const { rows } = await owner().query("select name, custom_fields, tags from leads where id = $1", [id]);
    expect(rows[0]).toEqual({ name: "Ana Souza\ufffd", custom_fields: { nota: "ab" }, tags: ["xy"] });
  });
});

describe("named prepared statements", () => {
  it("a query run twice is prepared once on its connection", async () => {
    await leadNames(a.id);
    await leadNames(a.id);
    const mine = (await prepared()).filter((p) => p.statement.includes('from "leads"'));
    expect(mine).toHaveLength(1);
  });

  it("one cached plan, generic included, serves each tenant its own rows and never another's", async () => {
    await sql`set plan_cache_mode = force_generic_plan`.execute(app.db);
    try {
      for (let i = 0; i < 4; i++) {
        expect(await leadNames(a.id)).toEqual(["Lead A 1", "Lead A 2", "Lead A 3"]);
        expect(await leadNames(b.id)).toEqual(["Lead B 1", "Lead B 2", "Lead B 3", "Lead B 4", "Lead B 5"]);
      }
      const plan = (await prepared()).find((p) => p.statement.includes('from "leads"'))!;
      expect(plan.generic_plans).toBeGreaterThanOrEqual(8);
      // A prepared insert bound to A cannot write B's row (the policy's check runs per execution).
      const insert = (tenantId: string, rowTenant: string) =>
        withTenant(app.db, tenantId, (tx) => tx.insertInto("leads").values({ tenant_id: rowTenant, source: "web", name: "Intruso" }).execute());
      await insert(a.id, a.id);
      await insert(a.id, a.id);
      await expect(insert(a.id, b.id)).rejects.toMatchObject({ code: "42501" });
      expect((await owner().query("select count(*)::int as n from leads where tenant_id = $1 and name = 'Intruso'", [b.id])).rows[0].n).toBe(0);
    } finally {
      await sql`reset plan_cache_mode`.execute(app.db);
    }
  });

  it("a table whose columns changed under a cached select * fails that query once, then the connection is replaced", async () => {
    const read = () => sql<Record<string, unknown>>`select * from ${sql.raw(schema)}.probe where id = ${1}`.execute(app.db).then((r) => r.rows[0]);
    expect(await read()).toEqual({ id: 1, label: "um" });
    expect(await read()).toEqual({ id: 1, label: "um" });
    const before = await backendPid();
    await owner().query(`alter table ${schema}.probe add column note text default 'nova'`);
    await expect(read()).rejects.toMatchObject({ code: "0A000" });
    expect(await read()).toEqual({ id: 1, label: "um", note: "nova" });
    expect(await backendPid()).not.toBe(before);
  });
});
