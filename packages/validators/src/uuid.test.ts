import { describe, expect, it } from "vitest";
import { isUuid } from "./uuid";

describe("isUuid", () => {
  it("takes Postgres's canonical form in any case and version, nothing else", () => {
    const id = "3f2b8c1e-9d4a-4b7e-8f00-1a2b3c4d5e6f";
    expect(isUuid(id)).toBe(true);
    expect(isUuid(id.toUpperCase())).toBe(true);
    expect(isUuid("00000000-0000-0000-0000-000000000000")).toBe(true);
    for (const bad of ["", "1; drop", `${id}x`, id.slice(1), "00000000-0000-0000-0000-00000000000g", `{${id}}`, id.replace(/-/g, ""), null, 42]) expect(isUuid(bad)).toBe(false);
  });
});
