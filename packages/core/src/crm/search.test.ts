import { describe, expect, it } from "vitest";
import { searchWords } from "./search";

describe("searchWords", () => {
  it("drops accents, case and punctuation, keeps letters and digits", () => {
    expect(searchWords("  João  D'Ávila-Ltda. 2024 ")).toEqual(["joao", "d", "avila", "ltda", "2024"]);
  });
  it("never lets tsquery operators through", () => {
    expect(searchWords("a & b | !c <-> d:*")).toEqual(["a", "b", "c", "d"]);
    expect(searchWords("&|!()")).toEqual([]);
  });
});
