import { describe, expect, it } from "vitest";
import { best, compile, find, weight, words } from "./phrase";
import { stem } from "./stem";
import { tokens } from "./tokens";

const hit = (text: string, phrase: string) => find(words(text), compile(phrase))?.evidence ?? null;

describe("tokens", () => {
  it("expands WhatsApp abbreviations, squeezes stretched letters, reads emoji and drops laughter", () => {
    expect(tokens("vc tb pq")).toEqual(["voce", "tambem", "porque"]);
    expect(tokens("Simmmm 👍 kkkk")).toEqual(["sim", "sim"]);
    expect(tokens("NÃOOO")).toEqual(["nao"]);
    expect(tokens("4️⃣")).toEqual(["4"]);
  });
});

describe("stem", () => {
  it("joins inflections and keeps false friends apart", () => {
    expect(new Set(["vendas", "vender", "vendedor", "vendedores"].map(stem))).toEqual(new Set(["vend"]));
    expect(stem("qualificação".normalize("NFD").replace(/\p{M}/gu, ""))).toBe(stem("qualificar"));
    expect(stem("conversao")).toBe(stem("converter"));
    expect(stem("conversa")).not.toBe(stem("conversao"));
    expect(stem("vendo")).not.toBe(stem("vendas"));
  });
});

describe("phrase matching", () => {
  it("matches across inflection, small typos and gaps", () => {
    expect(hit("eu que bate o martelo", "bato o martelo")).toBe("bate o martelo");
    expect(hit("imediatamnte", "imediatamente")).toBe("imediatamnte");
    expect(hit("depende da aprovação do chefe", "depende ~ aprovacao")).toBe("depende da aprovacao");
  });

  it("does not fuzz short or pinned words", () => {
    expect(hit("conversar com clientes", "conversao")).toBeNull();
    expect(hit("sou", "sei")).toBeNull();
  });

  it("skips negated matches unless the rule itself is negative", () => {
    expect(hit("não sou o decisor", "sou o decisor")).toBeNull();
    expect(hit("não sou o decisor", "nao sou o decisor")).toBe("nao sou o decisor");
  });

  it("honours whole-answer rules", () => {
    expect(hit("isso", "=isso")).toBe("isso");
    expect(hit("já respondi isso", "=isso")).toBeNull();
  });
});

describe("compile", () => {
  it("reads the ! and = markers and keeps the text without them", () => {
    expect(compile("!junto com")).toMatchObject({ text: "junto com", strong: true, whole: false, size: 2 });
    expect(compile("=isso")).toMatchObject({ text: "isso", strong: false, whole: true });
    expect(compile("bato o martelo")).toMatchObject({ text: "bato o martelo", strong: false, whole: false, size: 3 });
    expect(weight(compile("!junto com"))).toBe(102);
    expect(weight(compile("bato o martelo"))).toBe(3);
  });

  it("turns ~ and * into gaps that do not count for size", () => {
    const gap = compile("preciso ~ aprovacao");
    expect(gap.parts[1]).toBe("~");
    expect(gap.size).toBe(2);
    const any = compile("eu * decido");
    expect(any.parts).toHaveLength(3);
    expect(any.parts[1]).toBe("*");
    expect(any.size).toBe(2);
  });

  it("marks rules that start with a negation", () => {
    expect(compile("nao sei").negative).toBe(true);
    expect(compile("nem pensar").negative).toBe(true);
    expect(compile("sei").negative).toBe(false);
    expect(compile("~ nao").negative).toBe(false);
    expect(compile("?").negative).toBe(false);
  });

  it("never matches a rule with no words (a synonym of punctuation only)", () => {
    expect(hit("banana", "?")).toBeNull();
    expect(hit("sim", "...")).toBeNull();
  });
});

describe("word comparison", () => {
  it("matches the same short word exactly", () => {
    expect(hit("sim", "sim")).toBe("sim");
  });

  it("allows one typo from five letters and two from eight, by the shorter word", () => {
    expect(hit("o prexo", "preco")).toBe("prexo");
    expect(hit("makretng digital", "marketing")).toBe("makretng");
    expect(hit("cara", "carta")).toBeNull();
    expect(hit("preco", "prexo")).toBe("preco");
  });

  it("never fuzzes a word into one with another first letter, also inside a phrase", () => {
    expect(hit("bato o nartelo", "bato o martelo")).toBeNull();
    expect(hit("bato o martelu", "bato o martelo")).toBe("bato o martelu");
  });

  it("does not fuzz rule words with digits", () => {
    expect(hit("uso windowsxp", "windows10")).toBeNull();
  });
});

describe("gaps", () => {
  it("lets ~ skip up to three words, and no more", () => {
    expect(hit("preciso da aprovação", "preciso ~ aprovacao")).toBe("preciso da aprovacao");
    expect(hit("preciso muito da sua aprovação", "preciso ~ aprovacao")).toBe("preciso muito da sua aprovacao");
    expect(hit("preciso muito mesmo da sua aprovação", "preciso ~ aprovacao")).toBeNull();
    expect(hit("preciso", "preciso ~")).toBe("preciso");
  });

  it("lets * stand for exactly one word, also at the start", () => {
    expect(hit("eu mesmo decido", "eu * decido")).toBe("eu mesmo decido");
    expect(hit("eu decido", "* decido")).toBe("eu decido");
    expect(hit("eu decido", "eu *")).toBe("eu decido");
    expect(hit("eu", "eu *")).toBeNull();
  });

  it("holds = rules to the whole answer", () => {
    expect(hit("isso mesmo", "=isso")).toBeNull();
  });
});

describe("negation", () => {
  it("skips a match right after não, nem, nunca or jamais", () => {
    expect(hit("não urgente", "urgente")).toBeNull();
    expect(hit("jamais aprovado", "aprovado")).toBeNull();
  });

  it("skips a match after não sou / é / eu / foi / está / me / tenho", () => {
    expect(hit("não sou o decisor", "o decisor")).toBeNull();
    expect(hit("não é urgente", "urgente")).toBeNull();
    expect(hit("nem eu sei", "sei")).toBeNull();
    expect(hit("não foi aprovado", "aprovado")).toBeNull();
    expect(hit("não está aprovado", "aprovado")).toBeNull();
    expect(hit("não me interessa", "interessa")).toBeNull();
    expect(hit("não tenho pressa", "pressa")).toBeNull();
  });

  it("keeps a match when the word between is not one of those", () => {
    expect(hit("não quero pressa", "pressa")).toBe("pressa");
    expect(hit("sim tenho pressa", "pressa")).toBe("pressa");
    expect(hit("não, aprovado", "aprovado")).toBeNull();
  });
});

describe("best", () => {
  const top = (text: string, phrases: string[]) => best(words(text), phrases.map(compile))?.phrase.text ?? null;

  it("prefers the heaviest phrase, in any order", () => {
    expect(top("sim, sou o decisor", ["sou o decisor", "sim"])).toBe("sou o decisor");
    expect(top("sim, sou o decisor", ["sim", "sou o decisor"])).toBe("sou o decisor");
    expect(top("sim, sou o decisor", ["sim", "!junto com", "sou o decisor"])).toBe("sou o decisor");
  });

  it("takes the earliest hit on equal weight, the first phrase at the same place", () => {
    expect(top("sim, decisor", ["decisor", "sim"])).toBe("sim");
    expect(top("sim, decisor", ["sim", "decisor"])).toBe("sim");
    expect(top("decisora", ["decisor", "decisora"])).toBe("decisor");
    expect(top("talvez", ["sim", "decisor"])).toBeNull();
  });
});
