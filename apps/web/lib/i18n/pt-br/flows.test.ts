import { describe, expect, it } from "vitest";
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
