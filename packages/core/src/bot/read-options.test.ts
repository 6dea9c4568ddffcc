import type { FlowStep } from "@vendaflow/validators/flow";
import { describe, expect, it } from "vitest";
import { defaultBantFlow } from "./default-flow";
import { readOption } from "./read-options";

const NOW = new Date("2025-06-10T12:00:00Z");
const stepOf = (id: string) => defaultBantFlow.steps.find((s) => s.id === id)!;
const read = (step: FlowStep, text: string) => readOption(step, text, NOW, -180);

describe("readOption on the seed flow", () => {
  it("says how each answer was decided", () => {
    expect(read(stepOf("authority"), "2")?.decision).toEqual({ via: "number", evidence: "2" });
    expect(read(stepOf("authority"), "participo da decisão")?.decision).toEqual({ via: "exact" });
    expect(read(stepOf("authority"), "eu que bato o martelo")).toMatchObject({ option: { id: "decision_maker" }, decision: { via: "rule", rule: "decision_maker", evidence: "bato o martelo" } });
    expect(read(stepOf("budget"), "menos de 5 mil")).toMatchObject({ option: { id: "1k_5k" }, value: 5000, decision: { via: "band", rule: "upper", evidence: "menos de 5 mil" } });
    expect(read(stepOf("budget"), "30 mil por ano")).toMatchObject({ option: { id: "1k_5k" }, value: 2500, decision: { rule: "exact/year" } });
    expect(read(stepOf("timeline"), "semana que vem")).toMatchObject({ option: { id: "30_days" }, decision: { via: "rule", rule: "horizon", evidence: "semana que vem" } });
  });

  it("breaks a tie between meanings of equal weight by lexicon order, not as ambiguity", () => {
    expect(read(stepOf("authority"), "apenas pesquisando, sou eu")).toMatchObject({ option: { id: "decision_maker" }, decision: { rule: "decision_maker", evidence: "sou eu" } });
  });

  it("lets a shared decision win over a leading yes", () => {
    expect(read(stepOf("authority"), "sim, mas preciso ver com meu sócio")?.option.id).toBe("influencer");
    expect(read(stepOf("authority"), "sim")?.option.id).toBe("decision_maker");
  });

  it("re-asks rather than guess", () => {
    expect(read(stepOf("authority"), "não")).toBeNull();
    expect(read(stepOf("timeline"), "sim")).toBeNull();
    expect(read(stepOf("budget"), "50")).toBeNull();
    expect(read(stepOf("budget"), "7")).toBeNull();
  });
});

describe("tenant flows", () => {
  const own: FlowStep = {
    id: "who",
    kind: "options",
    question: "Quem assina o contrato?",
    options: [
      { id: "me", label: "Eu assino", text: "Eu mesmo assino", score: 30 },
      { id: "partner", label: "Junto com sócio", text: "Decido junto com sócio", score: 20, synonyms: ["minha esposa e eu", "conselho"] },
      { id: "other", label: "Outra pessoa", text: "Outra pessoa assina", score: 5 },
    ],
  };

  it("reads built-in meanings in the tenant's own option texts", () => {
    expect(read(own, "sou eu mesma")?.option.id).toBe("me");
    expect(read(own, "preciso ver com meu sócio")?.option.id).toBe("partner");
  });

  it("uses the tenant's synonyms, whole or inside the answer, across accents and case", () => {
    expect(read(own, "Minha esposa e eu")).toMatchObject({ option: { id: "partner" }, decision: { via: "synonym", rule: "minha esposa e eu" } });
    expect(read(own, "passa pelo CONSELHO")).toMatchObject({ option: { id: "partner" }, decision: { via: "synonym", rule: "conselho", evidence: "conselho" } });
  });

  it("reads timeline options by the horizon they name", () => {
    const when: FlowStep = {
      id: "when",
      kind: "options",
      question: "Quando?",
      options: [
        { id: "week", label: "Esta semana", text: "Esta semana", score: 3 },
        { id: "q", label: "Em até 6 meses", text: "Em até 6 meses", score: 2 },
        { id: "later", label: "Mais de 6 meses", text: "Mais de 6 meses", score: 1 },
      ],
    };
    expect(read(when, "amanhã")?.option.id).toBe("week");
    expect(read(when, "daqui 2 meses")?.option.id).toBe("q");
    expect(read(when, "ano que vem")?.option.id).toBe("later");
  });
});

describe("positions", () => {
  const authority = stepOf("authority");
  const months = ["Janeiro", "Fevereiro", "Março", "Abril", "Maio", "Junho", "Julho", "Agosto", "Setembro", "Outubro", "Novembro", "Dezembro"];
  const month: FlowStep = { id: "month", kind: "options", question: "Em que mês?", options: months.map((m, i) => ({ id: `m${i + 1}`, label: m, text: m, score: 0 })) };
  const position = (step: FlowStep, text: string) => {
    const r = read(step, text);
    return r && r.decision.via === "number" ? r.option.id : null;
  };

  it("reads a position in the ways leads write it", () => {
    expect(position(authority, "a segunda")).toBe("influencer");
    expect(position(authority, "o segundo")).toBe("influencer");
    expect(position(authority, "a segunda opção")).toBe("influencer");
    expect(position(authority, "alternativa 2")).toBe("influencer");
    expect(position(authority, "o número 3")).toBe("researching");
    expect(position(authority, "essa 2")).toBe("influencer");
    expect(position(authority, "esta 1")).toBe("decision_maker");
    expect(position(authority, "fico com a terceira")).toBe("researching");
    expect(position(authority, "Quero a primeira")).toBe("decision_maker");
    expect(position(authority, "resposta 2")).toBe("influencer");
    expect(position(authority, "nº 2")).toBe("influencer");
    expect(position(authority, "#3")).toBe("researching");
    expect(position(month, "quero a 11")).toBe("m11");
    expect(position(month, "a 12")).toBe("m12");
  });

  it("reads the last option whatever the count", () => {
    expect(position(authority, "a última")).toBe("researching");
    expect(position(authority, "o ultimo")).toBe("researching");
    expect(position(month, "a última")).toBe("m12");
  });

  it("re-asks a position that does not exist or two positions", () => {
    expect(read(authority, "a 4")).toBeNull();
    expect(read(authority, "a quinta")).toBeNull();
    expect(read(authority, "a segunda e a terceira")).toBeNull();
    expect(read({ id: "empty", kind: "options", question: "?" }, "1")).toBeNull();
  });
});

describe("readOption edges", () => {
  it("reads an emoji-only answer and ignores bare punctuation", () => {
    expect(read(stepOf("authority"), "👍")).toMatchObject({ option: { id: "decision_maker" }, decision: { via: "rule", rule: "yes" } });
    expect(read(stepOf("authority"), "!!!")).toBeNull();
  });

  it("keeps a value only for budget amounts", () => {
    expect(read(stepOf("authority"), "participo da decisão")).not.toHaveProperty("value");
    expect(read(stepOf("authority"), "2")).not.toHaveProperty("value");
    expect(read(stepOf("budget"), "uns 3 mil")).toHaveProperty("value", 3000);
  });

  it("re-asks a budget the bands do not hold, and never guesses a budget by partial text", () => {
    const budget = stepOf("budget");
    const upTo5k: FlowStep = { ...budget, bands: { boundary: "lower_inclusive", ranges: [{ optionId: "lt_1k", max: 1000 }, { optionId: "1k_5k", min: 1000, max: 5000 }] } };
    expect(read(upTo5k, "uns 50 mil")).toBeNull();
    expect(read(budget, "acima")).toBeNull();
  });

  it("falls back to a unique partial text match on other steps", () => {
    expect(read(stepOf("authority"), "apenas")).toEqual({ option: stepOf("authority").options![2], decision: { via: "text" } });
  });
});

describe("tenant synonyms", () => {
  const who: FlowStep = {
    id: "who",
    kind: "options",
    question: "Quem assina o contrato?",
    options: [
      { id: "me", label: "Eu assino", text: "Eu mesmo assino", score: 30, synonyms: ["eu e minha esposa"] },
      { id: "partner", label: "Junto com sócio", text: "Decido junto com sócio", score: 20, synonyms: ["conselho"] },
      { id: "other", label: "Outra pessoa", text: "Outra pessoa assina", score: 5, synonyms: ["meu chefe", "diretoria"] },
    ],
  };

  it("takes a synonym that is the whole answer before any built-in meaning", () => {
    // "eu e ~ minha" is a shared decision in the lexicon; this tenant says otherwise.
    expect(read(who, "Eu e minha esposa")).toEqual({
      option: who.options![0],
      decision: { via: "synonym", rule: "eu e minha esposa", evidence: "eu e minha esposa" },
    });
  });

  it("finds a synonym inside a longer answer, with the synonym as evidence", () => {
    expect(read(who, "conselho decide")).toMatchObject({ option: { id: "partner" }, decision: { via: "synonym", rule: "conselho", evidence: "conselho" } });
  });

  it("lets a synonym beat a built-in meaning of the same length", () => {
    // "meu chefe" is also a built-in influencer phrase, carried here by "Decido junto com sócio".
    expect(read(who, "meu chefe decide")).toMatchObject({ option: { id: "other" }, decision: { via: "synonym", rule: "meu chefe" } });
  });

  it("lets a heavier built-in meaning beat a synonym found earlier in the answer", () => {
    expect(read(who, "conselho, sou eu que decido")).toMatchObject({ option: { id: "me" }, decision: { via: "rule", rule: "decision_maker" } });
  });

  it("does not read an unrelated one-word answer as a one-word synonym", () => {
    expect(read(who, "sim")).toBeNull();
  });

  it("ignores a synonym with no words instead of matching every answer", () => {
    const odd: FlowStep = { ...who, options: [{ ...who.options![2]!, synonyms: ["?"] }, ...who.options!.slice(0, 2)] };
    expect(read(odd, "banana")).toBeNull();
  });

  it("takes the heavier of two synonyms of different options", () => {
    const colour: FlowStep = {
      id: "colour",
      kind: "options",
      question: "Qual cor?",
      options: [
        { id: "red", label: "Vermelho", text: "Vermelho", score: 1, synonyms: ["vinho escuro"] },
        { id: "blue", label: "Azul", text: "Azul", score: 1, synonyms: ["marinho"] },
      ],
    };
    expect(read(colour, "um vinho escuro ou marinho")).toMatchObject({ option: { id: "red" }, decision: { via: "synonym", rule: "vinho escuro" } });
  });

  it("re-asks when synonyms of two options weigh the same", () => {
    expect(read(who, "diretoria e conselho")).toBeNull();
  });
});

describe("meanings carried by the options' own texts", () => {
  const opts = (...texts: string[]): FlowStep => ({
    id: "who",
    kind: "options",
    question: "Quem decide?",
    options: texts.map((t, i) => ({ id: `o${i + 1}`, label: t, text: t, score: i })),
  });

  it("gives a meaning to the option that names it most strongly, in either order", () => {
    expect(read(opts("Decisor", "Sou o decisor", "Ninguém"), "eu decido")?.option.id).toBe("o2");
    expect(read(opts("Sou o decisor", "Decisor", "Ninguém"), "eu decido")?.option.id).toBe("o1");
  });

  it("re-asks when two options name a meaning equally", () => {
    expect(read(opts("Decisor", "Decisora", "Ninguém"), "eu decido")).toBeNull();
  });
});

describe("horizons", () => {
  const timeline = stepOf("timeline");
  const when = (...texts: string[]): FlowStep => ({
    id: "when",
    kind: "options",
    question: "Quando?",
    options: texts.map((t, i) => ({ id: `o${i + 1}`, label: t, text: t, score: i })),
  });

  it("counts 'Imediatamente' as this week", () => {
    expect(read(timeline, "daqui 7 dias")?.option.id).toBe("immediately");
    expect(read(timeline, "daqui 8 dias")?.option.id).toBe("30_days");
    expect(read(timeline, "daqui 30 dias")?.option.id).toBe("30_days");
    expect(read(timeline, "daqui 90 dias")?.option.id).toBe("3_months");
  });

  it("sends what no option's horizon holds to the no-plan option", () => {
    expect(read(timeline, "daqui 91 dias")).toMatchObject({ option: { id: "researching" }, decision: { via: "rule", rule: "horizon", evidence: "91 dias" } });
    expect(read(timeline, "ano que vem")?.option.id).toBe("researching");
  });

  it("reads an open span as beyond its bound", () => {
    expect(read(timeline, "mais de 30 dias")).toMatchObject({ option: { id: "3_months" }, decision: { rule: "horizon", evidence: "mais de 30 dias" } });
  });

  it("compares horizons whatever order the options come in", () => {
    const reversed = when("Mais de 6 meses", "Em até 6 meses", "Esta semana");
    expect(read(reversed, "amanhã")?.option.id).toBe("o3");
    expect(read(reversed, "daqui 2 meses")?.option.id).toBe("o2");
  });

  it("maps horizon words and spans with two timed options", () => {
    const two = when("Próximos 30 dias", "Próximos 3 meses", "Falar com vendedor");
    expect(read(two, "em breve")).toMatchObject({ option: { id: "o1" }, decision: { via: "rule", rule: "near" } });
    expect(read(two, "daqui 2 meses")).toMatchObject({ option: { id: "o2" }, decision: { rule: "horizon" } });
    expect(read(two, "daqui 1 ano")).toBeNull();
  });

  it("reads horizons from the meanings of the tenant's own option texts", () => {
    const own = when("Urgente", "Em breve", "Sem pressa, só pesquisando");
    expect(read(own, "daqui 5 dias")?.option.id).toBe("o1");
    expect(read(own, "daqui 7 dias")?.option.id).toBe("o1");
    expect(read(own, "daqui 20 dias")?.option.id).toBe("o2");
    expect(read(own, "daqui 6 meses")).toMatchObject({ option: { id: "o3" }, decision: { rule: "horizon" } });
  });

  it("does not treat a single timed option as a timeline", () => {
    const one = when("Próximos 30 dias", "Falar com vendedor");
    expect(read(one, "em breve")).toBeNull();
    expect(read(one, "daqui 10 dias")).toBeNull();
  });
});
