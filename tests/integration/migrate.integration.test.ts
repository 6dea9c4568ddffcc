import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { migrate } from "@vendaflow/db/migrate";
import { env } from "../support/fixtures";

const admin = () => {
  const u = new URL(env().ownerUrl);
  u.pathname = "/postgres";
  return u.toString();
};
const dbUrl = (name: string) => {
  const u = new URL(env().ownerUrl);
  u.pathname = `/${name}`;
  return u.toString();
};

const suffix = `${process.pid}_${Date.now().toString(36)}`;
const dbs = [`vf_mig_a_${suffix}`, `vf_mig_b_${suffix}`];
const role = { name: `vf_race_${suffix}`, password: "race-pass" };

afterAll(async () => {
  const c = new pg.Client({ connectionString: admin() });
  await c.connect();
  for (const d of dbs) await c.query(`drop database if exists ${d} with (force)`);
  await c.query(`drop role if exists ${role.name}`);
  await c.end();
});

describe("migrations and the app role", () => {
  it("two runs on two fresh databases at once create the shared role once and both succeed; a rerun applies nothing", async () => {
    const c = new pg.Client({ connectionString: admin() });
    await c.connect();
    for (const d of dbs) await c.query(`create database ${d}`);
    await c.end();
    const results = await Promise.all(dbs.map((d) => migrate(dbUrl(d), role)));
    for (const r of results) expect(r.applied.length).toBeGreaterThanOrEqual(3);
    expect((await migrate(dbUrl(dbs[0]!), role)).applied).toEqual([]);

    const check = new pg.Client({ connectionString: dbUrl(dbs[0]!) });
    await check.connect();
    const r = await check.query("select rolsuper, rolbypassrls, rolcreaterole, rolcreatedb from pg_roles where rolname = $1", [role.name]);
    expect(r.rows[0]).toEqual({ rolsuper: false, rolbypassrls: false, rolcreaterole: false, rolcreatedb: false });
    const recorded = await check.query("select count(*)::int as n from schema_migrations");
    expect(recorded.rows[0].n).toBe(results[0]!.applied.length);
    await check.end();
  });
});
