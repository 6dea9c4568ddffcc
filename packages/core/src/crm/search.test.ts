import { describe, expect, it } from "vitest";
import { phoneDigits, searchWords } from "./search";

describe("searchWords", () => {
  it("drops accents, case and punctuation, keeps letters and digits", () => {
    expect(searchWords("  João  D'Ávila-Ltda. 2024 ")).toEqual(["joao", "d", "avila", "ltda", "2024"]);
  });
  it("never lets tsquery operators through", () => {
    expect(searchWords("a & b | !c <-> d:*")).toEqual(["a", "b", "c", "d"]);
    expect(searchWords("&|!()")).toEqual([]);
  });
});

describe("phoneDigits", () => {
  it("reads a number however it was typed, without the trunk 0", () => {
    expect(phoneDigits("(11) 98888-7777")).toBe("11988887777");
    expect(phoneDigits("+55 11 98888 7777")).toBe("5511988887777");
    expect(phoneDigits("011 98888-7777")).toBe("11988887777");
    expect(phoneDigits("9888-7777")).toBe("98887777");
  });
  it("is no phone with letters in it or fewer than 8 digits", () => {
    expect(phoneDigits("Contrato 2024 11988887777")).toBeNull();
    expect(phoneDigits("2024")).toBeNull();
    expect(phoneDigits("98-77")).toBeNull();
  });
});
