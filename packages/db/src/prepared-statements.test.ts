import { describe, expect, it } from "vitest";
import { poisonsPreparedStatements, StatementNames } from "./prepared-statements";

describe("StatementNames", () => {
  it("names a text with parameters from its second run, the same name every time after", () => {
    const names = new StatementNames();
    const text = "select id from leads where id = $1";
    expect(names.nameFor(text, ["a"])).toBeNull();
    const name = names.nameFor(text, ["b"]);
    expect(name).toMatch(/^vf_[0-9a-f]{24}$/);
    expect(names.nameFor(text, ["c"])).toBe(name);
    expect(names.nameFor("select id from leads where id = $2", ["a"])).toBeNull();
  });

  it("never names a query without parameters (a simple query may hold several statements)", () => {
    const names = new StatementNames();
    for (let i = 0; i < 3; i++) expect(names.nameFor("begin; select set_config('app.tenant_id', 'x', true)", [])).toBeNull();
    for (let i = 0; i < 3; i++) expect(names.nameFor("commit", undefined)).toBeNull();
  });

  it("remembers at most maxTexts texts: later ones always go unnamed", () => {
    const names = new StatementNames(2);
    names.nameFor("select $1::int", [1]);
    names.nameFor("select $1::text", ["a"]);
    names.nameFor("select $1::uuid", ["x"]);
    expect(names.nameFor("select $1::uuid", ["x"])).toBeNull();
    expect(names.nameFor("select $1::int", [2])).toMatch(/^vf_/);
  });

  it("different texts get different names", () => {
    const names = new StatementNames();
    const texts = Array.from({ length: 200 }, (_, i) => `select $1::int + ${i}`);
    for (const t of texts) names.nameFor(t, [1]);
    expect(new Set(texts.map((t) => names.nameFor(t, [1]))).size).toBe(200);
  });
});

describe("poisonsPreparedStatements", () => {
  it("is true for a changed result type and a lost statement, false for anything else", () => {
    expect(poisonsPreparedStatements({ code: "0A000" })).toBe(true);
    expect(poisonsPreparedStatements({ code: "26000" })).toBe(true);
    expect(poisonsPreparedStatements({ code: "23505" })).toBe(false);
    expect(poisonsPreparedStatements(new Error("boom"))).toBe(false);
    expect(poisonsPreparedStatements(null)).toBe(false);
  });
});
