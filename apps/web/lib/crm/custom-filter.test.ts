import { describe, expect, it } from "vitest";
import { customFilterValue } from "./custom-filter";

describe("customFilterValue", () => {
  it("types the typed value as the field stores it", () => {
    expect(customFilterValue("number", "12,5")).toBe(12.5);
    expect(customFilterValue("currency", "R$ 1.234,56")).toBe(123456);
    expect(customFilterValue("currency", "1500")).toBe(150000);
    expect(customFilterValue("boolean", "false")).toBe(false);
    expect(customFilterValue("select", " Varejo ")).toBe("Varejo");
    expect(customFilterValue("date", "2026-12-01")).toBe("2026-12-01");
  });
  it("an empty or unreadable value is no filter", () => {
    expect(customFilterValue("text", "  ")).toBeUndefined();
    expect(customFilterValue("number", "abc")).toBeUndefined();
    expect(customFilterValue("boolean", "talvez")).toBeUndefined();
  });
});
