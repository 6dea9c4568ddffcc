import { describe, expect, it } from "vitest";
import { last, option, play } from "@vendaflow/core/bot/test-driver";
import { flows } from "./flows";

describe("the simulator's timeout effect", () => {
  it("names the question and says the wait as an admin sets it, not in raw seconds", () => {
    expect(flows.effect.scheduleTimeout("Qual é o seu orçamento?", 600)).toBe("Aguarda resposta a “Qual é o seu orçamento?” por 10 min");
    expect(flows.effect.scheduleTimeout("x", 5400)).toMatch(/por 1 h 30 min$/);
    expect(flows.effect.scheduleTimeout("x", 86_400)).toMatch(/por 24 h$/);
    expect(flows.effect.scheduleTimeout("x", 45)).toMatch(/por 45 s$/);
    expect(flows.effect.scheduleTimeout("x", 90)).toMatch(/por 1 min 30 s$/);
  });
});

describe("the not-qualified outcome's hint", () => {
  it("names the tag the engine gives a lead it does not qualify", () => {
    const done = last(play(["Beto", "pular", "uns 500 reais", option("researching"), "nada", "4"]));
    const tags = done.effects.flatMap((e) => (e.kind === "tag" ? [e.tag] : []));
    expect(done.effects.map((e) => e.kind)).toContain("not_qualified");
    expect(tags).toHaveLength(1);
    expect(flows.notQualifiedTagHint).toContain(`“${tags[0]}”`);
  });
});
