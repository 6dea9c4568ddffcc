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

  it("remembers at most maxTexts texts: a new one replaces the oldest that ran once, named ones stay", () => {
    const names = new StatementNames(3);
    names.nameFor("select $1::int", [1]);
    expect(names.nameFor("select $1::int", [2])).toMatch(/^vf_/);
    names.nameFor("select $1::text", ["a"]);
    names.nameFor("select $1::uuid", ["x"]);
    // Full (one named, two once): the newcomer pushes out ::text, the oldest seen once.
    names.nameFor("select $1::date", ["2026-12-03"]);
    expect(names.nameFor("select $1::date", ["2026-12-04"])).toMatch(/^vf_/);
    // ::uuid was kept, so its second run is named; ::text was forgotten, so it counts as new again.
    expect(names.nameFor("select $1::uuid", ["y"])).toMatch(/^vf_/);
    expect(names.nameFor("select $1::text", ["b"])).toBeNull();
    expect(names.nameFor("select $1::int", [3])).toMatch(/^vf_/);
  });

  it("when every remembered text is named, a new text is not remembered", () => {
    const names = new StatementNames(2);
    for (const t of ["select $1::int", "select $1::text"]) {
      names.nameFor(t, [1]);
      expect(names.nameFor(t, [1])).toMatch(/^vf_/);
    }
    names.nameFor("select $1::uuid", ["x"]);
    expect(names.nameFor("select $1::uuid", ["x"])).toBeNull();
    expect(names.nameFor("select $1::int", [2])).toMatch(/^vf_/);
    expect(names.nameFor("select $1::text", [2])).toMatch(/^vf_/);
  });

  it("a long-lived process that met many one-off texts still names a repeated one", () => {
    const names = new StatementNames(100);
    for (let i = 0; i < 1_000; i++) names.nameFor(`select * from leads where id in (${Array.from({ length: i + 1 }, (_, j) => `$${j + 1}`).join(", ")})`, [1]);
    names.nameFor("select $1::int", [1]);
    expect(names.nameFor("select $1::int", [1])).toMatch(/^vf_/);
  });

  it("never remembers a text longer than maxTextLength", () => {
    const names = new StatementNames(2_000, 500, 40);
    const long = `select $1::int /* ${"x".repeat(40)} */`;
    expect(names.nameFor(long, [1])).toBeNull();
    expect(names.nameFor(long, [1])).toBeNull();
    expect(names.nameFor("select $1::int", [1])).toBeNull();
    expect(names.nameFor("select $1::int", [1])).toMatch(/^vf_/);
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
