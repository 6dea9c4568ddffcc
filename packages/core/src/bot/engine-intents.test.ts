import { describe, expect, it } from "vitest";
import { defaultBantFlow } from "./default-flow";
import { runBot } from "./engine";
import { messages } from "./messages";
import { NOW, STEP_IDS, media, option, reach, text, timeout } from "./test-driver";

const steps = STEP_IDS.map((stepId) => ({ stepId }));

describe.each(steps)("intents at step $stepId", ({ stepId }) => {
  const at = reach(stepId);
  const run = (answer: string) => runBot(defaultBantFlow, at.state, text(answer), NOW);

  it.each(["falar com humano", "atendente", "pessoa", "humano", "vendedor"])("%s hands off to a person", (answer) => {
    const result = run(answer);
    expect(result.state).toEqual({ ...at.state, revision: at.state.revision + 1, status: "handed_off" });
    expect(result.effects).toEqual([{ kind: "handoff", reason: "lead_requested" }]);
    expect(result.replies).toEqual([{ kind: "text", text: messages.humanRequested }]);
  });

  it.each(["ajuda", "?"])("%s explains and re-asks the same question", (answer) => {
    const result = run(answer);
    expect(result.state).toEqual({ ...at.state, revision: at.state.revision + 1 });
    expect(result.replies[0]).toEqual({ kind: "text", text: messages.help });
    expect(result.replies[1]).toMatchObject({ kind: "question", stepId });
    expect(result.effects).toEqual([{ kind: "schedule_timeout", stepId, revision: at.state.revision + 1, delaySeconds: 600 }]);
  });

  it.each(["recomeçar", "reiniciar", "começar de novo"])("%s resets answers and asks the first step", (answer) => {
    const result = run(answer);
    expect(result.state).toEqual({
      ...at.state,
      revision: at.state.revision + 1,
      stepId: "name",
      answers: {},
      score: 0,
      path: ["name"],
      contact: {},
    });
    expect(result.replies).toEqual([
      { kind: "text", text: messages.restart },
      { kind: "question", stepId: "name", text: "Olá! Para começarmos, qual é o seu nome?" },
    ]);
  });

  it.each(["parar", "sair", "stop", "cancelar"])("%s opts out, confirms once and then stays silent", (answer) => {
    const result = run(answer);
    expect(result.state).toEqual({ ...at.state, revision: at.state.revision + 1, status: "opted_out" });
    expect(result.effects).toEqual([{ kind: "opt_out" }]);
    expect(result.replies).toEqual([{ kind: "text", text: messages.optOut }]);

    for (const input of [text("oi"), text("1"), text("ajuda"), text("recomeçar"), option("gt_10k"), media, timeout(result.state.revision)]) {
      expect(runBot(defaultBantFlow, result.state, input, NOW)).toEqual({ state: result.state, replies: [], effects: [] });
    }
  });
});

describe("restart", () => {
  it("keeps contact data the lead arrived with", () => {
    const at = reach("budget", { contact: { phone: "+55", name: "Ana" } });
    const result = runBot(defaultBantFlow, at.state, text("recomeçar"), NOW);
    expect(result.state.contact).toEqual({ phone: "+55", name: "Ana" });
    expect(result.state.stepId).toBe("email");
  });
});
