import { describe, expect, it } from "vitest";
import { editDistance, sameWord, stem } from "./stem";

// Inputs are already normalised (lower case, no accents), as tokens() hands them over.

describe("stem", () => {
  it("reduces inflections of one word to one stem", () => {
    expect(stem("vendas")).toBe("vend");
    expect(stem("vender")).toBe("vend");
    expect(stem("vendedor")).toBe("vend");
    expect(stem("qualificacao")).toBe("qualific");
    expect(stem("qualificar")).toBe("qualific");
  });

  it("leaves words of three letters or fewer and anything with a digit untouched", () => {
    expect(stem("vi")).toBe("vi");
    expect(stem("sim")).toBe("sim");
    expect(stem("10anos")).toBe("10anos");
    expect(stem("2mil")).toBe("2mil");
  });

  it("uses the pinned lemma before any suffix rule, also for the plural of a pinned form", () => {
    expect(stem("conversao")).toBe("convert");
    expect(stem("conversa")).toBe("conversa");
    expect(stem("conversados")).toBe("conversa");
    expect(stem("vistos")).toBe("ver");
    expect(stem("entendemos")).toBe("entendi");
    expect(stem("decidimos")).toBe("decidimos");
  });

  it("does not take a plural off four-letter words or words ending in -ss / -us", () => {
    expect(stem("mais")).toBe("mais");
    expect(stem("business")).toBe("business");
    expect(stem("bonus")).toBe("bonus");
    expect(stem("campus")).toBe("campus");
  });

  it("turns plural endings back into the singular before stemming", () => {
    expect(stem("gestoes")).toBe(stem("gestao"));
    expect(stem("canais")).toBe("canal");
    expect(stem("papeis")).toBe("papel");
  });

  it("removes a suffix only when at least three letters remain", () => {
    expect(stem("lado")).toBe("lad");
    expect(stem("cidade")).toBe("cidad");
    expect(stem("realidade")).toBe("real");
  });
});

describe("editDistance", () => {
  it("counts insertions, deletions and substitutions", () => {
    expect(editDistance("vendas", "vendas", 2)).toBe(0);
    expect(editDistance("abc", "abc", 2)).toBe(0);
    expect(editDistance("venda", "vendas", 1)).toBe(1);
    expect(editDistance("abc", "abcd", 1)).toBe(1);
    expect(editDistance("abc", "abd", 1)).toBe(1);
    expect(editDistance("gato", "gata", 1)).toBe(1);
    expect(editDistance("orcamento", "orcamnto", 2)).toBe(1);
  });

  it("counts a swap of two neighbouring letters as one edit", () => {
    expect(editDistance("vednas", "vendas", 1)).toBe(1);
    expect(editDistance("ab", "ba", 1)).toBe(1);
    expect(editDistance("cleitne", "cliente", 2)).toBe(2);
    expect(editDistance("makretng", "marketing", 2)).toBe(2);
  });

  it("does not treat letters that are merely near each other as a swap", () => {
    expect(editDistance("abcd", "acbd", 2)).toBe(1);
    expect(editDistance("abcd", "cabd", 2)).toBe(2);
    expect(editDistance("vendas", "vandes", 2)).toBe(2);
    expect(editDistance("abc", "cba", 3)).toBe(2);
    expect(editDistance("ax", "ya", 2)).toBe(2);
    expect(editDistance("xa", "ay", 2)).toBe(2);
    expect(editDistance("ab", "cd", 2)).toBe(2);
  });

  it("stops at max + 1 once the distance exceeds max", () => {
    expect(editDistance("a", "abcdef", 1)).toBe(2);
    expect(editDistance("abcdef", "uvwxyz", 1)).toBe(2);
    expect(editDistance("abcdef", "uvwxyz", 6)).toBe(6);
    expect(editDistance("vendas", "vandes", 1)).toBe(2);
  });
});

describe("sameWord", () => {
  it("accepts the same word and other inflections of it", () => {
    expect(sameWord("vendas", "vendas")).toBe(true);
    expect(sameWord("vendas", "vender")).toBe(true);
    expect(sameWord("sim", "sim")).toBe(true);
  });

  it("tolerates no typo under five letters, one up to seven and two from eight", () => {
    expect(sameWord("cara", "carta")).toBe(false);
    expect(sameWord("cusot", "custo")).toBe(true);
    expect(sameWord("cleinte", "cliente")).toBe(true);
    expect(sameWord("cleitne", "cliente")).toBe(false);
    expect(sameWord("makretng", "marketing")).toBe(true);
    expect(sameWord("qaulifcacao", "qualificacao")).toBe(true);
    expect(sameWord("qxylifcacao", "qualificacao")).toBe(false);
  });

  it("never fuzzes when the first letter differs", () => {
    expect(sameWord("bendas", "vendas")).toBe(false);
  });

  it("never fuzzes a pinned word or a word with digits", () => {
    expect(sameWord("vendo", "venda")).toBe(false);
    expect(sameWord("venda", "vendo")).toBe(false);
    expect(sameWord("plano2", "plano")).toBe(false);
    expect(sameWord("plano", "plano2")).toBe(false);
    expect(sameWord("100mil", "10mil")).toBe(false);
  });
});
