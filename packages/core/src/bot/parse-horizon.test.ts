import { describe, expect, it } from "vitest";
import { parseHorizon } from "./parse-horizon";

// Tuesday, 10 June 2025, in Brasília.
const NOW = new Date("2025-06-10T12:00:00Z");
const days = (text: string) => parseHorizon(text, NOW, -180)?.days;

describe("parseHorizon", () => {
  it.each([
    ["hoje", 0],
    ["amanhã", 1],
    ["sexta", 3],
    ["essa semana", 4],
    ["semana que vem", 10],
    ["daqui 15 dias", 15],
    ["em 2 semanas", 14],
    ["até o fim do mês", 20],
    ["mês que vem", 30],
    ["dois meses", 60],
    ["daqui uns 2 meses", 60],
    ["lá pra agosto", 52],
    ["até dia 30", 20],
    ["01/07", 21],
    ["meio ano", 183],
    ["lá pra março", 264],
    ["ano que vem", 205],
  ])("%s → %d days", (text, expected) => {
    expect(days(text)).toBe(expected);
  });

  it("marks open horizons and ignores text without time", () => {
    expect(parseHorizon("mais de 6 meses", NOW, -180)).toMatchObject({ days: 180, open: true });
    expect(parseHorizon("Próximos 3 meses", NOW, -180)).toMatchObject({ days: 90, open: false });
    expect(parseHorizon("depende", NOW, -180)).toBeNull();
  });
});
