import { describe, expect, it } from "vitest";
import { bindingBeginSql } from "./tenant-binding";

const id = "0b4f3a9e-5c1d-4e2f-9a8b-7c6d5e4f3a2b";

describe("bindingBeginSql", () => {
  it("writes Kysely's BEGIN for the settings, then the binding", () => {
    expect(bindingBeginSql({}, id)).toBe(`begin; select set_config('app.tenant_id', '${id}', true)`);
    expect(bindingBeginSql({ accessMode: "read only" }, id)).toBe(`start transaction read only; select set_config('app.tenant_id', '${id}', true)`);
    expect(bindingBeginSql({ isolationLevel: "serializable", accessMode: "read write" }, id.toUpperCase())).toBe(
      `start transaction isolation level serializable read write; select set_config('app.tenant_id', '${id}', true)`,
    );
  });

  it("refuses anything that is not exactly a uuid", () => {
    for (const bad of ["", "x", `${id}'`, `${id}'); drop table leads; --`, `${id}\n`, ` ${id}`, id.replaceAll("-", ""), `${id.slice(0, -1)}g`]) {
      expect(() => bindingBeginSql({}, bad)).toThrow(/not a tenant id/);
    }
  });
});
