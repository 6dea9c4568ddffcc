import { describe, expect, it } from "vitest";
import { compiled, conceptHits } from "./concepts";
import { words } from "./phrase";

const ids = (text: string) => conceptHits(words(text)).map((h) => h.id);

describe("conceptHits", () => {
  it("finds nothing in an unrelated answer", () => {
    expect(conceptHits(words("banana"))).toEqual([]);
  });

  it("lists the heaviest meaning first, whatever the lexicon order", () => {
    expect(ids("decisor, em breve")).toEqual(["near", "decision_maker"]);
    expect(ids("sim, sou eu que decido")).toEqual(["decision_maker", "yes"]);
  });

  it("breaks ties by lexicon order", () => {
    expect(ids("em breve, sou eu")).toEqual(["decision_maker", "near"]);
    expect(ids("sou eu, em breve")).toEqual(["decision_maker", "near"]);
  });
});

describe("compiled", () => {
  it("compiles a list once and reuses it", () => {
    const list = ["eu que assino", "conselho"];
    const first = compiled(list);
    expect(first.map((p) => p.text)).toEqual(list);
    expect(compiled(list)).toBe(first);
  });
});
