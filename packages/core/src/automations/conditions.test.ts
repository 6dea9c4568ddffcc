import { describe, expect, it } from "vitest";
import { conditionsHold } from "./conditions";

const facts = { score: 45, previous_score: 20, source: "whatsapp", tags: ["Quente", "evento"], "custom.7a3c1b52-8c3e-4d7e-9d8a-111111111111": "Varejo", email: null };

describe("conditionsHold", () => {
  it("compares numbers, text ignoring case, lists by element, custom fields by path", () => {
    expect(conditionsHold([], facts)).toBe(true);
    expect(conditionsHold([{ field: "score", op: "gte", value: 40 }, { field: "previous_score", op: "lt", value: 40 }], facts)).toBe(true);
    expect(conditionsHold([{ field: "score", op: "gt", value: "45" }], facts)).toBe(false);
    expect(conditionsHold([{ field: "source", op: "eq", value: "WhatsApp" }], facts)).toBe(true);
    expect(conditionsHold([{ field: "tags", op: "contains", value: "quente" }], facts)).toBe(true);
    expect(conditionsHold([{ field: "tags", op: "neq", value: "evento" }], facts)).toBe(false);
    expect(conditionsHold([{ field: "custom.7a3c1b52-8c3e-4d7e-9d8a-111111111111", op: "eq", value: "varejo" }], facts)).toBe(true);
  });
  it("is_set / not_set; a missing field or a non-number never passes a comparison", () => {
    expect(conditionsHold([{ field: "email", op: "not_set", value: null }, { field: "tags", op: "is_set", value: null }], facts)).toBe(true);
    expect(conditionsHold([{ field: "nope", op: "lt", value: 10 }], facts)).toBe(false);
    expect(conditionsHold([{ field: "source", op: "gt", value: 1 }], facts)).toBe(false);
  });
});
