import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, type KyselyPlugin } from "kysely";
import { describe, expect, it } from "vitest";
import { precompiled } from "./precompiled";
import type { DB } from "./types";

let transformed = 0;
const counting: KyselyPlugin = { transformQuery: (a) => (transformed++, a.node), transformResult: (a) => Promise.resolve(a.result) };
const db = new Kysely<DB>({
  dialect: { createAdapter: () => new PostgresAdapter(), createDriver: () => new DummyDriver(), createIntrospector: (k) => new PostgresIntrospector(k), createQueryCompiler: () => new PostgresQueryCompiler() },
  plugins: [counting],
});

type Lead = { tenantId: string; name: string | null | undefined; email?: string };
const slotted = (v: Record<string, unknown>) => Object.values(v).some((x) => x !== null && typeof x === "object");

function leadInsert(check: boolean) {
  let builds = 0;
  const stmt = precompiled("test", (k, v: Lead) => {
    if (slotted(v)) builds++;
    return k.insertInto("leads").values({ tenant_id: v.tenantId, source: "web", name: v.name, ...(v.email ? { email: v.email } : {}) }).returning("id");
  }, { check });
  return { stmt, builds: () => builds };
}

describe("precompiled", () => {
  it("builds a shape once and fills each call's values in", () => {
    const { stmt, builds } = leadInsert(false);
    const a = stmt(db, { tenantId: "t-a", name: "Ana" }).compile();
    const b = stmt(db, { tenantId: "t-b", name: "Bia" }).compile();
    expect(builds()).toBe(1);
    expect(b.sql).toBe(a.sql);
    expect(a.sql).toBe('insert into "leads" ("tenant_id", "source", "name") values ($1, $2, $3) returning "id"');
    expect(a.parameters).toEqual(["t-a", "web", "Ana"]);
    expect(b.parameters).toEqual(["t-b", "web", "Bia"]);
  });

  it("compiles another shape for each pattern of unset values: undefined, null and set are three", () => {
    const { stmt, builds } = leadInsert(false);
    const set = stmt(db, { tenantId: "t", name: "Ana", email: "a@x.com.br" }).compile();
    const none = stmt(db, { tenantId: "t", name: undefined, email: undefined }).compile();
    const nul = stmt(db, { tenantId: "t", name: null, email: undefined }).compile();
    expect(builds()).toBe(3);
    expect(set.sql).toContain('"email"');
    expect(set.parameters).toEqual(["t", "web", "Ana", "a@x.com.br"]);
    expect(none.sql).toBe('insert into "leads" ("tenant_id", "source") values ($1, $2) returning "id"');
    expect(nul.sql).toBe('insert into "leads" ("tenant_id", "source", "name") values ($1, $2, $3) returning "id"');
    expect(nul.parameters).toEqual(["t", "web", null]);
    expect(stmt(db, { tenantId: "u", name: "Bia", email: "b@x.com.br" }).compile().parameters).toEqual(["u", "web", "Bia", "b@x.com.br"]);
    expect(builds()).toBe(3);
  });

  it("refuses a value turned into text or JSON instead of passed through, naming it", () => {
    const text = precompiled("test", (k, v: { id: string }) => k.selectFrom("leads").select("id").where("phone", "=", `+${v.id}`), { check: false });
    expect(() => text(db, { id: "5511" }).compile()).toThrow(/"id" was converted/);
    const json = precompiled("test", (k, v: { tags: string[] }) => k.selectFrom("leads").select("id").where("name", "=", JSON.stringify(v.tags)), { check: false });
    expect(() => json(db, { tags: ["a"] }).compile()).toThrow(/"tags" was serialized/);
  });

  it("with the check on, a branch on what a value is (not whether it is set) fails the call instead of sending another's statement; `fixed` makes it part of the shape", () => {
    const byKind = (check: boolean) =>
      precompiled("byKind", (k, v: { kind: string }) => k.selectFrom("leads").select("id").where(v.kind === "phone" ? "phone" : "email", "=", v.kind), { check });
    // Built with a slot, `kind === "phone"` is false: unchecked, a phone lookup gets the email column.
    expect(byKind(false)(db, { kind: "phone" }).compile().sql).toContain('"email"');
    const checked = byKind(true);
    expect(() => checked(db, { kind: "phone" }).compile()).toThrow(/precompiled byKind: the shape t missed a difference/);
    expect(checked(db, { kind: "email" }).compile().parameters).toEqual(["email"]);
    const fixed = precompiled("fixed", (k, v: { value: string }, f: { kind: string }) => k.selectFrom("leads").select("id").where(f.kind === "phone" ? "phone" : "email", "=", v.value), { check: true });
    expect(fixed(db, { value: "+5511" }, { kind: "phone" }).compile().sql).toContain('"phone"');
    expect(fixed(db, { value: "a@x.com.br" }, { kind: "email" }).compile().sql).toContain('"email"');
  });

  it("passes every call through the plugins, as a built statement is, and runs it on the executor", async () => {
    const { stmt } = leadInsert(false);
    const before = transformed;
    const first = stmt(db, { tenantId: "t", name: "Ana" });
    first.compile();
    await first.execute();
    await stmt(db, { tenantId: "t", name: "Ana" }).executeTakeFirst();
    await expect(stmt(db, { tenantId: "t", name: "Ana" }).executeTakeFirstOrThrow()).rejects.toThrow(/no result/i);
    expect(transformed - before).toBe(1 + 4); // the shape's build, then each call
  });
});
