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

// Fixed clocks, all read in Brasília (UTC-3).
const at = (iso: string) => (text: string) => parseHorizon(text, new Date(iso), -180);
const JUNE_10 = at("2025-06-10T12:00:00Z"); // Tuesday
const JULY_1 = at("2025-07-01T12:00:00Z");
const JULY_15 = at("2025-07-15T12:00:00Z");
const FEB_10 = at("2025-02-10T12:00:00Z");
const NOV_10 = at("2025-11-10T12:00:00Z");
const DEC_31 = at("2025-12-31T12:00:00Z");
const SATURDAY = at("2025-06-14T12:00:00Z");

describe("parseHorizon calendar words", () => {
  it("reads today in the lead's time zone, not in UTC", () => {
    // 01:00 UTC on the 11th is still 22:00 on the 10th in Brasília.
    expect(parseHorizon("até dia 30", new Date("2025-06-11T01:00:00Z"), -180)?.days).toBe(20);
    expect(parseHorizon("até dia 30", new Date("2025-06-11T01:00:00Z"), 0)?.days).toBe(19);
  });

  it("counts to the last day of the year, never less than one day", () => {
    expect(JUNE_10("até o fim do ano")?.days).toBe(204);
    expect(JUNE_10("Final deste ano")?.days).toBe(204);
    expect(DEC_31("ainda esse ano")?.days).toBe(1);
  });

  it("next semester starts in July, or in January from July on", () => {
    expect(JUNE_10("próximo semestre")?.days).toBe(21);
    expect(JULY_1("segundo semestre")?.days).toBe(184);
    expect(JULY_15("proximo semestre")?.days).toBe(170);
    expect(JUNE_10("no semestre que vem")?.days).toBe(21);
    expect(JULY_15("semestre seguinte")?.days).toBe(170);
  });

  it("next quarter starts on the first month of the following quarter", () => {
    expect(JUNE_10("no próximo trimestre")?.days).toBe(21);
    expect(FEB_10("proximo trimestre")?.days).toBe(50);
    expect(NOV_10("próximo trimestre")?.days).toBe(52);
    expect(JUNE_10("trimestre que vem")?.days).toBe(21);
  });

  it("reads the part of a named month", () => {
    expect(JUNE_10("início de agosto")?.days).toBe(52);
    expect(JUNE_10("meados de agosto")?.days).toBe(66);
    expect(JUNE_10("fim de agosto")?.days).toBe(82);
    expect(JUNE_10("final do mês de agosto")?.days).toBe(82);
    expect(JUNE_10("meados do mes de agosto")?.days).toBe(66);
    expect(JUNE_10("até o fim do mês")?.days).toBe(20);
    expect(JUNE_10("lá pra agosto")).toMatchObject({ days: 52, open: false, evidence: "agosto" });
  });

  it("the current month means what is left of it, except a part already named", () => {
    expect(JUNE_10("junho")?.days).toBe(20);
    expect(JUNE_10("inicio de junho")?.days).toBe(20);
    expect(JUNE_10("começo de junho")?.days).toBe(20);
    expect(JUNE_10("fim de junho")?.days).toBe(20);
    expect(JUNE_10("meados de junho")?.days).toBe(5);
  });

  it("a month already past this year is next year's", () => {
    expect(JUNE_10("maio")?.days).toBe(325);
    expect(JUNE_10("lá pra março")?.days).toBe(264);
  });

  it.each([
    ["15/12", 188],
    ["30/06", 20],
    ["20/06", 10],
    ["10/06", 0],
    ["05/06", 360],
    ["01/01", 205],
    ["01/05", 325],
    ["1 de 7", 21],
    ["15-08", 66],
  ])("the date %s is %d days away", (text, expected) => {
    expect(JUNE_10(text)?.days).toBe(expected);
  });

  it.each(["31/06", "29/02", "00/07", "10/13", "10/00"])("%s is no date", (text) => {
    expect(JUNE_10(text)).toBeNull();
  });

  it("'dia N' is this month's day N, or next month's once it has passed", () => {
    expect(JUNE_10("dia 10")?.days).toBe(0);
    expect(JUNE_10("dia 31")?.days).toBe(21);
    expect(JUNE_10("dia 5")?.days).toBe(25);
    expect(JUNE_10("dia 1")?.days).toBe(21);
    expect(JUNE_10("dia 0")).toBeNull();
    expect(JUNE_10("dia 32")).toBeNull();
  });

  it("weekdays: the next one, a week later with 'próxima'", () => {
    expect(JUNE_10("na sexta")?.days).toBe(3);
    expect(JUNE_10("sexta feira")?.days).toBe(3);
    expect(JUNE_10("próxima sexta")).toMatchObject({ days: 10, evidence: "proxima sexta" });
    expect(JUNE_10("terça")?.days).toBe(7);
  });

  it("the weekend is the coming Saturday, a week away on a Saturday", () => {
    expect(JUNE_10("no fim de semana")?.days).toBe(4);
    expect(SATURDAY("fim de semana")?.days).toBe(7);
  });
});

describe("parseHorizon counted spans", () => {
  it("keeps the words that said it as evidence", () => {
    expect(JUNE_10("daqui uns 2 meses")).toEqual({ days: 60, open: false, evidence: "2 meses" });
    expect(JUNE_10("mais de 6 meses")).toEqual({ days: 180, open: true, evidence: "mais de 6 meses" });
    expect(JUNE_10("vai ser depois de 6 meses")).toEqual({ days: 180, open: true, evidence: "depois de 6 meses" });
    expect(JUNE_10("acho que só após 1 ano")).toEqual({ days: 365, open: true, evidence: "apos 1 ano" });
  });

  it("reads half units, 'meio' and 'meia'", () => {
    expect(JUNE_10("meio mês")?.days).toBe(15);
    expect(JUNE_10("meia semana")?.days).toBe(4);
    expect(JUNE_10("uns 3 trimestres")?.days).toBe(273);
    expect(JUNE_10("1 bimestre")?.days).toBe(60);
  });

  it("a thousand-count is not a time span", () => {
    expect(JUNE_10("mil dias")).toBeNull();
    expect(JUNE_10("R$ 5 mil até dia 30")?.days).toBe(20);
  });
});
