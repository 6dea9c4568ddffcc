import { describe, expect, it } from "vitest";
import { advisoryLocksSql, bindingBeginSql, boundStatementSql, sqlLiteral } from "./tenant-binding";

const id = "0b4f3a9e-5c1d-4e2f-9a8b-7c6d5e4f3a2b";

describe("bindingBeginSql", () => {
  it("writes Kysely's BEGIN for the settings, then the binding", () => {
    expect(bindingBeginSql({}, id)).toBe(`begin; select set_config('app.tenant_id', '${id}', true)`);
    expect(bindingBeginSql({ accessMode: "read only" }, id)).toBe(`start transaction read only; select set_config('app.tenant_id', '${id}', true)`);
    expect(bindingBeginSql({ isolationLevel: "serializable", accessMode: "read write" }, id.toUpperCase())).toBe(
      `start transaction isolation level serializable read write; select set_config('app.tenant_id', '${id}', true)`,
    );
  });

  it("takes the advisory locks in the same query, after the binding, in the given order", () => {
    const locks = `select pg_advisory_xact_lock(hashtextextended(k, 0)) from unnest(array['inbound:a:wa:5511', 'inbound:a:bsuid:BR.1']::text[]) with ordinality as x(k, n) order by n`;
    expect(bindingBeginSql({}, id, ["inbound:a:wa:5511", "inbound:a:bsuid:BR.1"])).toBe(`begin; select set_config('app.tenant_id', '${id}', true); ${locks}`);
    expect(bindingBeginSql({}, id, [])).toBe(bindingBeginSql({}, id));
  });

  it("refuses anything that is not exactly a uuid", () => {
    for (const bad of ["", "x", `${id}'`, `${id}'); drop table leads; --`, `${id}\n`, ` ${id}`, id.replaceAll("-", ""), `${id.slice(0, -1)}g`]) {
      expect(() => bindingBeginSql({}, bad)).toThrow(/not a tenant id/);
    }
  });
});

describe("advisoryLocksSql", () => {
  it("escapes each key and cleans it as a bound parameter would be (NUL dropped, lone surrogates replaced)", () => {
    expect(advisoryLocksSql(["api:it's'); select 1; --", "api:a\\b", "api:x\0y\ud800"])).toBe(
      `select pg_advisory_xact_lock(hashtextextended(k, 0)) from unnest(array['api:it''s''); select 1; --', E'api:a\\\\b', 'api:xy\ufffd']::text[]) with ordinality as x(k, n) order by n`,
    );
  });
});

describe("boundStatementSql", () => {
  it("puts the binding before the statement, in one query without BEGIN", () => {
    expect(boundStatementSql(id.toUpperCase(), "update messages set x = 1")).toBe(`select set_config('app.tenant_id', '${id}', true); update messages set x = 1`);
  });

  it("refuses anything that is not exactly a uuid", () => {
    for (const bad of ["", `${id}'`, `${id}'); drop table leads; --`, ` ${id}`]) expect(() => boundStatementSql(bad, "select 1")).toThrow(/not a tenant id/);
  });
});

describe("sqlLiteral", () => {
  it("quotes, doubles quotes, and takes the E'' form when a backslash is in it", () => {
    expect(sqlLiteral("wamid.HBgM")).toBe("'wamid.HBgM'");
    expect(sqlLiteral("it's'); drop table leads; --")).toBe("'it''s''); drop table leads; --'");
    expect(sqlLiteral(`{"title":"a\\b 'c'"}`)).toBe(`E'{"title":"a\\\\b ''c''"}'`);
    expect(sqlLiteral(null)).toBe("null");
    expect(() => sqlLiteral("a\0b")).toThrow(/NUL/);
  });
});
