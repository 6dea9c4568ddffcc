import { describe, expect, it } from "vitest";
import { containsPhrase, matchKey, normalize } from "./normalize";

describe("normalize", () => {
  it("strips accents, lowercases and collapses spaces", () => {
    expect(normalize("  Próximos   30\tDIAS ")).toBe("proximos 30 dias");
    expect(normalize("Qualificação, Conversão e Automação")).toBe("qualificacao, conversao e automacao");
    expect(normalize("ÇÃÕÊÍÚ")).toBe("caoeiu");
  });
});

describe("matchKey", () => {
  it("drops punctuation but keeps budget symbols", () => {
    expect(matchKey("Sim, sou o decisor!")).toBe("sim sou o decisor");
    expect(matchKey("< R$ 1 mil")).toBe("< r 1 mil");
    expect(matchKey("R$ 1.000 - R$ 5.000/mês")).toBe("r 1 000 r 5 000 mes");
  });
});

describe("containsPhrase", () => {
  it("matches whole words only", () => {
    expect(containsPhrase("mais vendas agora", "vendas")).toBe(true);
    expect(containsPhrase("revendas", "vendas")).toBe(false);
    expect(containsPhrase("sim sou o decisor", "sou o decisor")).toBe(true);
    expect(containsPhrase("anything", "")).toBe(false);
  });
});
