import { describe, expect, it } from "vitest";
import { compile, find, words } from "./phrase";
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
