import { describe, expect, it } from "vitest";
import { brl, centsToInput, parseBrl } from "./money";

describe("BRL money", () => {
  it("formats cents as reais", () => {
    expect(brl(123_456).replace(/\u00a0/g, " ")).toBe("R$ 1.234,56");
    expect(brl(0).replace(/\u00a0/g, " ")).toBe("R$ 0,00");
  });
  it("reads what people type", () => {
    expect(parseBrl("1.234,56")).toBe(123_456);
    expect(parseBrl("R$ 1234,5")).toBe(123_450);
    expect(parseBrl("1.500")).toBe(150_000);
    expect(parseBrl("42")).toBe(4_200);
    expect(parseBrl("")).toBeNull();
    expect(parseBrl("12,345")).toBeNull();
    expect(parseBrl("abc")).toBeNull();
    expect(parseBrl("1.23,00")).toBeNull();
  });
  it("round-trips through the input text", () => {
    expect(parseBrl(centsToInput(987_654_321))).toBe(987_654_321);
  });
});
