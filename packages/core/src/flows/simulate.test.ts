import type { Flow } from "@vendaflow/validators/flow";
import { describe, expect, it } from "vitest";
import { defaultBantFlow } from "../bot/default-flow";
import { runBot, startBot } from "../bot/engine";
import { NOT_QUALIFIED_TAG } from "../bot/not-qualified-tag";
import { deepFreeze, NOW, option, text, timeout } from "../bot/test-driver";
import type { BotInput, BotResult } from "../bot/types";
import { checkDraft } from "./check";
import { simulate } from "./simulate";

/** The engine driven by hand, the way a conversation runs it. */
function manual(flow: Flow, inputs: BotInput[], contact = {}) {
  const results: BotResult[] = [startBot(flow, NOW, contact)];
  for (const input of inputs) results.push(runBot(flow, results[results.length - 1]!.state, input, NOW));
  return results;
}

function expectSameAsEngine(flow: Flow, inputs: BotInput[], contact = {}) {
  const sim = simulate(flow, inputs, NOW, { contact });
  const runs = manual(flow, inputs, contact);
  expect(sim.transcript).toHaveLength(runs.length);
  sim.transcript.forEach((entry, i) => {
    const run = runs[i]!;
    expect(entry).toEqual({
      input: i === 0 ? null : inputs[i - 1],
      replies: run.replies,
      effects: run.effects,
      stepId: run.state.stepId,
      score: run.state.score,
      revision: run.state.revision,
      status: run.state.status,
      ...(run.reading ? { reading: run.reading } : {}),
    });
  });
  expect(sim.state).toEqual(runs[runs.length - 1]!.state);
  return sim;
}

const kinds = (sim: ReturnType<typeof simulate>) => sim.transcript.flatMap((e) => e.effects.map((x) => x.kind));

describe("simulate: the editor's simulator runs the engine", () => {
  it("equals a manual startBot/runBot run of the default flow for a qualified lead", () => {
    const inputs = [text("Ana Souza"), text("ana@example.com"), option("gt_10k"), text("1"), text("Quero melhorar a qualificação de vendas"), option("immediately")];
    const sim = expectSameAsEngine(deepFreeze(structuredClone(defaultBantFlow)), inputs);
    expect(sim.state.status).toBe("completed");
    expect(sim.state.score).toBeGreaterThanOrEqual(defaultBantFlow.minScore);
    expect(sim.state.path).toEqual(["name", "email", "budget", "authority", "need", "timeline"]);
    expect(kinds(sim)).toContain("qualify");
    expect(kinds(sim)).not.toContain("not_qualified");
  });

  it("equals a manual run of the default flow for a lead who does not qualify", () => {
    const inputs = [text("Beto"), text("pular"), text("uns 500 reais"), option("researching"), text("nada"), text("4")];
    const sim = expectSameAsEngine(defaultBantFlow, inputs);
    expect(sim.state.score).toBeLessThan(defaultBantFlow.minScore);
    expect(kinds(sim)).toContain("not_qualified");
    expect(sim.transcript.at(-1)!.effects).toContainEqual({ kind: "tag", tag: NOT_QUALIFIED_TAG });
    expect(sim.transcript.at(-1)!.effects).toContainEqual({ kind: "close", reason: "completed" });
  });

  it("equals the engine on invalid answers, intents, timeouts and a known contact", () => {
    const sim = expectSameAsEngine(defaultBantFlow, [text("pular"), option("nope"), text("banana"), text("ajuda"), timeout(5), timeout(999), { kind: "media" }], { name: "Carla" });
    expect(sim.transcript[0]!.stepId).toBe("email");
    // The stale timeout is ignored: same revision as before it.
    expect(sim.transcript[6]!.revision).toBe(sim.transcript[5]!.revision);
  });

  it("runs a modified draft: branch by option, new minimum score, scheduling and tags", () => {
    const draft: Flow = structuredClone(defaultBantFlow);
    draft.minScore = 40;
    draft.schedulingUrl = "https://agenda.example.com/{name}?lead={leadId}";
    draft.outcomes.qualified = { message: "Vamos agendar!", action: "close", tags: ["quente"] };
    draft.steps = draft.steps.map((s) =>
      s.id === "authority" ? { ...s, nextByOption: { researching: "timeline" } } : s.id === "budget" ? { ...s, options: s.options!.map((o) => (o.id === "lt_1k" ? { ...o, score: 35 } : o)) } : s,
    );
    expect(checkDraft(draft).issues).toEqual([]);

    const inputs = [text("Duda"), text("pular"), option("lt_1k"), option("researching"), option("immediately")];
    const sim = expectSameAsEngine(draft, inputs);
    expect(sim.state.path).toEqual(["name", "email", "budget", "authority", "timeline"]);
    expect(sim.state.score).toBe(35 + 5 + 20);
    const last = sim.transcript.at(-1)!;
    expect(last.effects.map((e) => e.kind)).toEqual(["qualify", "tag", "offer_scheduling", "close"]);
    expect(last.effects).toContainEqual({ kind: "tag", tag: "quente" });
    expect(last.replies).toEqual([{ kind: "text", text: "Vamos agendar!" }]);

    // The same answers on the published default flow take the longer path and do not qualify.
    const before = simulate(defaultBantFlow, inputs, NOW);
    expect(before.state.path).toEqual(["name", "email", "budget", "authority", "need"]);
    expect(before.state.status).toBe("active");
  });

  it("is deterministic and never mutates the flow", () => {
    const flow = deepFreeze(structuredClone(defaultBantFlow));
    const inputs = [text("Eva"), text("eva@example.com"), option("1k_5k")];
    expect(simulate(flow, inputs, NOW)).toEqual(simulate(flow, inputs, NOW));
    expect(flow).toEqual(defaultBantFlow);
  });
});

describe("simulate: which path decided each answer", () => {
  it("records the option and the rule, synonym or number behind it", () => {
    const flow: Flow = {
      ...defaultBantFlow,
      steps: defaultBantFlow.steps.map((s) => (s.id === "authority" ? { ...s, options: s.options!.map((o) => (o.id === "influencer" ? { ...o, synonyms: ["meu cunhado"] } : o)) } : s)),
    };
    const sim = simulate(flow, [text("Ana"), text("pular"), text("uns 3k"), text("meu cunhado que vê isso"), text("vender mais"), text("3")], NOW);
    const readings = sim.transcript.slice(3).map((e) => e.reading);
    expect(readings.map((r) => [r?.stepId, r?.answer?.optionId, r?.answer?.decision?.via, r?.answer?.decision?.rule ?? r?.answer?.decision?.evidence])).toEqual([
      ["budget", "1k_5k", "band", "approx"],
      ["authority", "influencer", "synonym", "meu cunhado"],
      ["need", undefined, "keyword", undefined],
      ["timeline", "3_months", "number", "3"],
    ]);
    expect(simulate(flow, [text("Ana"), text("me tira dessa lista")], NOW).transcript[2]!.reading).toEqual({ stepId: "email", intent: { intent: "opt_out", evidence: "me tira dessa lista", via: "rule" } });
  });
});
