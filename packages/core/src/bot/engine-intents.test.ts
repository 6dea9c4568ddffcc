import { describe, expect, it } from "vitest";
import { defaultBantFlow } from "./default-flow";
import { runBot } from "./engine";
import { messages } from "./messages";
import { NOW, STEP_IDS, last, media, option, play, reach, text, timeout } from "./test-driver";

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

describe("restart forgets only what the bot collected", () => {
  it("keeps a name that came with the lead even after other answers", () => {
    const result = last(play(["pular", "3 mil", "recomeçar"], { contact: { name: "Ana" } }));
    expect(result.state.contact).toEqual({ name: "Ana" });
    expect(result.state.stepId).toBe("email");
  });

  it("keeps an e-mail that came with the lead, forgets the name the bot asked for", () => {
    const result = last(play(["Ana", "3 mil", "recomeçar"], { contact: { email: "ana@x.com" } }));
    expect(result.state.contact).toEqual({ email: "ana@x.com" });
    expect(result.state.stepId).toBe("name");
  });

  it("forgets a name and an e-mail the bot collected", () => {
    const result = last(play(["Ana", "ana@x.com", "recomeçar"]));
    expect(result.state.contact).toEqual({});
    expect(result.state.stepId).toBe("name");
  });
});

describe("help re-asks with the options numbered", () => {
  it("lists the options after the question so they can be answered by number", () => {
    const result = runBot(defaultBantFlow, reach("budget").state, text("ajuda"), NOW);
    expect(result.replies[1]!.text).toBe(
      "Qual é o orçamento previsto para esta solução?\n\n1. Menos de R$ 1.000/mês\n2. R$ 1.000 - R$ 5.000/mês\n3. R$ 5.000 - R$ 10.000/mês\n4. Acima de R$ 10.000/mês",
    );
  });
});
