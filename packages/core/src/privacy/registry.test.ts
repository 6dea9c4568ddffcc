import { describe, expect, it } from "vitest";
import { NOT_PERSONAL, PERSONAL_COLUMN, PERSONAL_DATA } from "./registry";

describe("personal-data registry", () => {
  it("declares each table once and never also as not personal", () => {
    const names = PERSONAL_DATA.map((e) => e.table);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(NOT_PERSONAL[n], n).toBeUndefined();
  });

  it("every entry names columns, a purpose and a basis; subject tables say how to find a subject", () => {
    for (const e of PERSONAL_DATA) {
      expect(e.columns.length, e.table).toBeGreaterThan(0);
      expect(e.purpose.length, e.table).toBeGreaterThan(5);
      if (e.holders.includes("lead")) expect(e.leadScope, `${e.table} holds leads' data but has no leadScope`).toBeDefined();
      if (e.holders.includes("contact")) expect(e.contactScope, e.table).toBeDefined();
    }
  });

  it("recognises the personal-looking column names of the brief", () => {
    for (const c of ["name", "lead_name", "email", "to_address", "phone", "wa_id", "wa_user_id", "text", "text_shown", "body_text", "ip", "user_agent"]) expect(PERSONAL_COLUMN.test(c), c).toBe(true);
    for (const c of ["tenant_id", "shipping", "description_id", "kind", "status", "filename_hash"]) expect(PERSONAL_COLUMN.test(c), c).toBe(false);
  });
});
