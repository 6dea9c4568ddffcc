import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { groupedTenantStatement } from "@vendaflow/db/grouped-statements";
import { sqlLiteral } from "@vendaflow/db/tenant-binding";
import { recordingDb } from "../support/recording-db";
import { closeOwner, createTenant, env, owner, type FixtureTenant } from "../support/fixtures";

// Group commit for lone bound writes (packages/db/src/grouped-statements.ts): writes made while
// an earlier one is on its way go together, each after its own tenant's binding, as one query.
// The pool records what reaches Postgres.

let a: FixtureTenant;
let b: FixtureTenant;
const { db, sent } = recordingDb(env().appUrl, 2);

beforeAll(async () => {
  a = await createTenant();
  b = await createTenant();
});
afterAll(async () => {
  await db.destroy();
  await closeOwner();
});

async function leads(tenantId: string, n: number): Promise<string[]> {
  const r = await owner().query<{ id: string }>("insert into leads (tenant_id, source, name) select $1, 'web', 'Lead ' || g from generate_series(1, $2) g returning id", [tenantId, n]);
  return r.rows.map((x) => x.id);
}
const scores = async (ids: string[]) => (await owner().query<{ id: string; score: number }>("select id, score from leads where id = any($1)", [ids])).rows;
const setScore = (id: string, score: number) => `update leads set score = ${score} where id = ${sqlLiteral(id)}`;

describe("grouped tenant statements", () => {
  it("a write made while none is on its way goes at once; those made meanwhile go together as one query", async () => {
    const ids = await leads(a.id, 30);
    sent.length = 0;
    await Promise.all(ids.map((id, i) => groupedTenantStatement(db, a.id, setScore(id, i + 1))));
    expect(sent).toHaveLength(2);
    expect(sent[0]!.match(/set_config/g)).toHaveLength(1);
    expect(sent[1]!.match(/set_config/g)).toHaveLength(29);
    const byId = new Map((await scores(ids)).map((r) => [r.id, r.score]));
    expect(ids.map((id) => byId.get(id))).toEqual(ids.map((_, i) => i + 1));
  });

  it("a failing write fails only its own caller: the group is retried one by one", async () => {
    const ids = await leads(a.id, 4);
    const company = (await owner().query<{ id: string }>("insert into companies (tenant_id, name) values ($1, $2) returning id", [a.id, `Empresa ${randomUUID()}`])).rows[0]!.id;
    const first = groupedTenantStatement(db, a.id, setScore(ids[0]!, 1));
    const rest = ids.slice(1).map((id) => groupedTenantStatement(db, a.id, setScore(id, 7)));
    // A company of size "enorme" breaks its check constraint.
    const bad = groupedTenantStatement(db, a.id, `update companies set size = 'enorme' where id = ${sqlLiteral(company)}`);
    await expect(bad).rejects.toThrow(/companies_size_check|check constraint/);
    await Promise.all([first, ...rest]);
    const byId = new Map((await scores(ids)).map((r) => [r.id, r.score]));
    expect(ids.map((id) => byId.get(id))).toEqual([1, 7, 7, 7]);
  });

  it("each write runs under its own tenant's binding: another tenant's row is not touched from a group", async () => {
    const [mine] = await leads(a.id, 1);
    const [theirs] = await leads(b.id, 1);
    const calls = [groupedTenantStatement(db, a.id, setScore(mine!, 5)), groupedTenantStatement(db, a.id, setScore(theirs!, 99)), groupedTenantStatement(db, b.id, setScore(theirs!, 8)), groupedTenantStatement(db, a.id, setScore(theirs!, 98))];
    await Promise.all(calls);
    const byId = new Map((await scores([mine!, theirs!])).map((r) => [r.id, r.score]));
    expect(byId.get(mine!)).toBe(5);
    expect(byId.get(theirs!)).toBe(8);
  });

  it("refuses a tenant id that is not one at once, and the lane goes on", async () => {
    const [id] = await leads(a.id, 1);
    await expect(groupedTenantStatement(db, "'; drop table leads; --", setScore(id!, 1))).rejects.toThrow(/not a tenant id/);
    await groupedTenantStatement(db, a.id, setScore(id!, 3));
    expect((await scores([id!]))[0]!.score).toBe(3);
  });
});
