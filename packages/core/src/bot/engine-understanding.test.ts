import { describe, expect, it } from "vitest";
import { defaultBantFlow } from "./default-flow";
import { runBot } from "./engine";
import { messages } from "./messages";
import { NOW, play, last, reach } from "./test-driver";
import type { AiReading } from "./types";

const texts = (r: { replies: { text: string }[] }) => r.replies.map((x) => x.text);

describe("frustration", () => {
  it("offers a person once, still reads the answer, and never again in the conversation", () => {
    const results = play(["Ana", "pular", "JÁ FALEI, 3 MIL", "sou eu porra"]);
    const [budget, authority] = results.slice(-2);
    expect(texts(budget!)[0]).toBe(messages.offerHuman);
    expect(budget!.state).toMatchObject({ humanOffered: true, stepId: "authority" });
    expect(budget!.state.answers.budget).toMatchObject({ optionId: "1k_5k" });
    expect(budget!.reading).toMatchObject({ stepId: "budget", frustration: "MAIÚSCULAS" });
    expect(texts(authority!)).not.toContain(messages.offerHuman);
    expect(authority!.state.answers.authority).toMatchObject({ optionId: "decision_maker" });
  });

  it("does not read excitement as frustration", () => {
    const r = last(play(["Ana", "pular", "5 mil!"]));
    expect(texts(r)).not.toContain(messages.offerHuman);
  });
});

describe("opt-out at every step", () => {
  it.each(["name", "email", "budget", "authority", "need", "timeline"] as const)("an opt-out sentence at %s is honoured, never saved as an answer", (step) => {
    const r = runBot(defaultBantFlow, reach(step).state, { kind: "text", text: "para de me mandar mensagem" }, NOW);
    expect(r.state.status).toBe("opted_out");
    expect(r.effects).toEqual([{ kind: "opt_out" }]);
    expect(r.state.answers[step]).toBeUndefined();
    expect(r.reading?.intent).toMatchObject({ intent: "opt_out", via: "rule", evidence: "para de me mandar" });
  });
});

describe("AI readings", () => {
  const at = reach("authority").state;
  const ai = (choice: AiReading["choice"], confidence = 0.9): AiReading => ({ choice, confidence, evidence: "meu cunhado assina", model: "stand-in" });

  it("takes the AI's option only when the rules cannot read the answer", () => {
    const r = runBot(defaultBantFlow, at, { kind: "text", text: "meu cunhado assina comigo", ai: ai({ kind: "option", optionId: "influencer" }) }, NOW);
    expect(r.state.answers.authority).toEqual({
      value: "Participo da decisão",
      optionId: "influencer",
      score: 20,
      raw: "meu cunhado assina comigo",
      decision: { via: "ai", confidence: 0.9, evidence: "meu cunhado assina", model: "stand-in" },
    });
    const rules = runBot(defaultBantFlow, at, { kind: "text", text: "sou eu", ai: ai({ kind: "option", optionId: "researching" }) }, NOW);
    expect(rules.state.answers.authority).toMatchObject({ optionId: "decision_maker", decision: { via: "rule" } });
  });

  it("ignores an option the step does not have, and scores come from the flow, not the model", () => {
    const r = runBot(defaultBantFlow, at, { kind: "text", text: "hmm", ai: ai({ kind: "option", optionId: "gt_10k" }) }, NOW);
    expect(r.state).toMatchObject({ stepId: "authority", invalidCount: 1, score: at.score });
  });

  it("acts on an intent the AI found", () => {
    const r = runBot(defaultBantFlow, at, { kind: "text", text: "preciso resolver isso com outra criatura", ai: ai({ kind: "intent", intent: "human" }, 0.8) }, NOW);
    expect(r.effects).toContainEqual({ kind: "handoff", reason: "lead_requested" });
    expect(r.reading?.intent).toMatchObject({ intent: "human", via: "ai", confidence: 0.8 });
  });
});

describe("what the engine read", () => {
  it("reports an answer it could not read as invalid at that step", () => {
    const r = last(play(["oi"]));
    expect(r.reading).toEqual({ stepId: "name", invalid: true });
  });

  it("does not take a phone number typed at the budget question as a budget", () => {
    const r = last(play(["Ana", "pular", "11 98765-4321"]));
    expect(r.reading).toEqual({ stepId: "budget", invalid: true });
    expect(r.state.stepId).toBe("budget");
    expect(r.state.answers.budget).toBeUndefined();
  });

  it("reports the answer it read, and greets with a text reply", () => {
    const r = last(play(["Meu nome é João Silva"]));
    expect(r.reading).toMatchObject({ stepId: "name", answer: { value: "João Silva" } });
    expect(r.replies[0]).toEqual({ kind: "text", text: "Prazer, João!" });
  });

  it("offers a person as a text reply", () => {
    const r = last(play(["Ana", "pular", "JÁ FALEI, 3 MIL"]));
    expect(r.replies[0]).toEqual({ kind: "text", text: messages.offerHuman });
    expect(r.reading).toMatchObject({ stepId: "budget", frustration: "MAIÚSCULAS", answer: { optionId: "1k_5k" } });
  });

  it("keeps what the lead typed, trimmed, when the AI picked the option", () => {
    const at = reach("authority").state;
    const ai: AiReading = { choice: { kind: "option", optionId: "influencer" }, confidence: 0.9, evidence: "cunhado", model: "stand-in" };
    const r = runBot(defaultBantFlow, at, { kind: "text", text: "  meu cunhado assina comigo  ", ai }, NOW);
    expect(r.state.answers.authority).toMatchObject({ optionId: "influencer", raw: "meu cunhado assina comigo" });
  });
});
