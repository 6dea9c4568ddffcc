import { describe, expect, it } from "vitest";
import type { BotState, Flow } from "@vendaflow/validators/flow";
import { defaultBantFlow } from "./default-flow";
import { runBot, startBot } from "./engine";
import { NOW, last, option, play, text } from "./test-driver";
import type { BotEffect, BotInput, BotResult } from "./types";

// A WhatsApp Flow form's answers (input kind "form") must leave the conversation exactly where the
// same answers typed or tapped in the chat leave it: state (answers, score, path, revision),
// qualification and every effect but the timeouts of questions the form answered.

const form = (answers: Record<string, string>): BotInput => ({ kind: "form", answers });
const sansTimeouts = (effects: BotEffect[]) => effects.filter((e) => e.kind !== "schedule_timeout");
const chatEffects = (results: BotResult[]) => results.slice(1).flatMap((r) => sansTimeouts(r.effects));

describe("runBot with a form (WhatsApp Flow reply)", () => {
  it("a full form qualifies exactly as the chat does: same state, score, answers and effects", () => {
    const start = startBot(defaultBantFlow, NOW, { phone: "+5511988887777" });
    const answers = { name: "Ana Souza", email: "ana@empresa.com.br", budget: "gt_10k", authority: "decision_maker", need: "Melhorar a conversão de vendas", timeline: "immediately" };
    const viaForm = runBot(defaultBantFlow, start.state, form(answers), NOW);
    const chat = play(["Ana Souza", "ana@empresa.com.br", option("gt_10k"), option("decision_maker"), "Melhorar a conversão de vendas", option("immediately")], { contact: { phone: "+5511988887777" } });
    expect(viaForm.state).toEqual(last(chat).state);
    expect(viaForm.state).toMatchObject({ status: "completed", score: 50 + 30 + 25 + 20 });
    expect(sansTimeouts(viaForm.effects)).toEqual(chatEffects(chat));
    expect(viaForm.effects.find((e) => e.kind === "qualify")).toMatchObject({ score: 125, stage: "qualified" });
    // No question of the form is asked again: the greeting and the outcome only.
    expect(viaForm.replies).toEqual([
      { kind: "text", text: "Prazer, Ana!" },
      { kind: "text", text: defaultBantFlow.outcomes.qualified.message },
    ]);
    expect(viaForm.effects.some((e) => e.kind === "schedule_timeout")).toBe(false);
  });

  it("a blank skippable field is skipped as the chat's \"pular\"; a typed budget is read by the same rules", () => {
    const start = startBot(defaultBantFlow, NOW, { name: "Ana" });
    const viaForm = runBot(defaultBantFlow, start.state, form({ name: "ignored: already known", email: "", budget: "uns 3 mil", authority: "researching", need: "nada", timeline: "researching" }), NOW);
    const chat = play(["pular", "uns 3 mil", option("researching"), "nada", option("researching")], { contact: { name: "Ana" } });
    expect(viaForm.state).toEqual(last(chat).state);
    expect(viaForm.state.answers.email).toMatchObject({ value: null, decision: { via: "skip" } });
    expect(viaForm.state.answers.budget).toMatchObject({ optionId: "1k_5k" });
    expect(viaForm.effects.find((e) => e.kind === "not_qualified")).toMatchObject({ stage: "nurture" });
  });

  it("stops where the form has no answer or the answer is not accepted, and asks that step in the chat", () => {
    const start = startBot(defaultBantFlow, NOW, { name: "Ana", email: "ana@x.com" });
    // No authority answer: budget is taken, the chat goes on at authority.
    const partial = runBot(defaultBantFlow, start.state, form({ budget: "5k_10k" }), NOW);
    expect(partial.state).toEqual(runBot(defaultBantFlow, start.state, option("5k_10k"), NOW).state);
    expect(partial.replies.map((r) => (r.kind === "question" ? r.stepId : r.kind))).toEqual(["authority"]);
    expect(partial.effects).toEqual([{ kind: "schedule_timeout", stepId: "authority", revision: partial.state.revision, delaySeconds: 600 }]);
    // A budget nobody can read: asked again as in the chat (invalid count 1), later answers unused.
    const bad = runBot(defaultBantFlow, start.state, form({ budget: "talvez", authority: "decision_maker" }), NOW);
    expect(bad.state).toEqual(runBot(defaultBantFlow, start.state, text("talvez"), NOW).state);
    expect(bad.state).toMatchObject({ stepId: "budget", invalidCount: 1 });
    expect(bad.replies.filter((r) => r.kind === "question")).toHaveLength(1);
  });

  it("a blank required field is asked in the chat; a form for a step already past, or a finished flow, changes nothing", () => {
    const start = startBot(defaultBantFlow, NOW, { name: "Ana", email: "ana@x.com" });
    const blank = runBot(defaultBantFlow, start.state, form({ budget: "", authority: "decision_maker" }), NOW);
    expect(blank).toEqual({ state: start.state, replies: [], effects: [] });
    const done = runBot(defaultBantFlow, { ...start.state, status: "completed" } as BotState, form({ budget: "gt_10k" }), NOW);
    expect(done.replies).toEqual([]);
  });

  it("branches follow the chosen option, as in the chat", () => {
    const flow: Flow = {
      ...defaultBantFlow,
      startStep: "budget",
      steps: [
        { ...defaultBantFlow.steps[2]!, nextByOption: { lt_1k: "timeline" }, next: "authority" },
        { ...defaultBantFlow.steps[3]!, next: "timeline" },
        { ...defaultBantFlow.steps[5]! },
      ],
    };
    const start = startBot(flow, NOW);
    const r = runBot(flow, start.state, form({ budget: "lt_1k", authority: "decision_maker", timeline: "immediately" }), NOW);
    expect(r.state.path).toEqual(["budget", "timeline"]);
    expect(r.state.answers.authority).toBeUndefined();
    expect(r.state).toEqual(last(play([option("lt_1k"), option("immediately")], { flow })).state);
  });
});
