import { describe, expect, it } from "vitest";
import { isTransientDbError } from "./errors";

describe("isTransientDbError", () => {
  it("retries connection, rollback, resource and shutdown conditions", () => {
    for (const code of ["08006", "40001", "40P01", "53300", "57P01", "57014", "58030"]) expect(isTransientDbError({ code })).toBe(true);
    expect(isTransientDbError({ code: "ECONNREFUSED" })).toBe(true);
    expect(isTransientDbError(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isTransientDbError(new Error("timeout exceeded when trying to connect"))).toBe(true);
  });

  it("does not retry what the data itself causes, nor bugs", () => {
    for (const code of ["22001", "22P05", "23505", "23503", "42703"]) expect(isTransientDbError({ code })).toBe(false);
    expect(isTransientDbError(new TypeError("x is undefined"))).toBe(false);
    expect(isTransientDbError(null)).toBe(false);
  });
});
