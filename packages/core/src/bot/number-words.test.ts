import { describe, expect, it } from "vitest";
import { parseBrazilianNumber, readNumber } from "./number-words";

const read = (text: string) => readNumber(text.split(" "), 0);

describe("readNumber", () => {
  it.each([
    ["quinhentos", 500],
    ["dois mil e quinhentos", 2500],
    ["mil e duzentos", 1200],
    ["vinte e cinco mil", 25_000],
    ["cento e vinte mil", 120_000],
    ["2 mil e 500", 2500],
    ["mil e meio", 1500],
    ["meio milhao", 500_000],
    ["um milhao e meio", 1_500_000],
    ["3 k", 3000],
    ["1 kk", 1_000_000],
    ["7.500,00", 7500],
    ["seiscentos e cinquenta", 650],
  ])("%s → %d", (text, value) => {
    expect(read(text)?.value).toBe(value);
  });

  it("stops where Portuguese does not join: '2 e 4 mil' is a range, not 4002", () => {
    expect(read("2 e 4 mil")).toMatchObject({ value: 2, end: 1, multiplied: false });
    expect(read("dois e quatro")).toMatchObject({ value: 2, end: 1 });
  });

  it("ends the first amount at an 'e' that separates two multiplied amounts", () => {
    expect(read("2 mil e 4 mil")).toEqual({ value: 2000, end: 2, multiplied: true });
    expect(read("500 mil e 1 milhao")).toEqual({ value: 500_000, end: 2, multiplied: true });
    expect(read("mil e 2 mil")).toEqual({ value: 1000, end: 1, multiplied: true });
    expect(read("1 milhao e 200 mil")).toMatchObject({ value: 1_200_000, end: 5 });
    expect(read("1 milhao e 200 mil e 3 mil")).toMatchObject({ value: 1_200_000, end: 5 });
    expect(read("dois mil e quinhentos")).toMatchObject({ value: 2500, end: 4 });
  });

  it("needs a number before 'k' or 'mi' but reads a bare 'mil'", () => {
    expect(read("k")).toBeNull();
    expect(read("mil")).toMatchObject({ value: 1000, multiplied: true });
    expect(read("banana")).toBeNull();
  });
});

describe("parseBrazilianNumber", () => {
  it.each([
    ["7.500,00", 7500],
    ["1.500", 1500],
    ["1.234.567,89", 1_234_567.89],
    ["2,5", 2.5],
    ["1234,567", 1234.567],
    ["1,000", 1000],
    ["10,000", 10_000],
    ["1,000,000", 1_000_000],
    ["1,000.50", 1000.5],
    ["7.5", 7.5],
    ["12345.678", 12_345.678],
    ["500", 500],
  ])("%s → %d", (digits, value) => {
    expect(parseBrazilianNumber(digits)).toBe(value);
  });

  it.each(["1.500.5", "1,000,00", "2,5,1", "-2,5", "1.2.3", "abc", ""])("%s is not a number", (digits) => {
    expect(parseBrazilianNumber(digits)).toBeNull();
  });
});

describe("readNumber edges", () => {
  it.each([
    ["mil duzentos", 1200, 2],
    ["2 mil 500", 2500, 3],
    ["2 mil 1000", 2000, 2],
    ["2 mil 5000", 2000, 2],
    ["2 mil mil", 2000, 2],
    ["milhao", 1_000_000, 1],
    ["mil e meia", 1500, 3],
    ["mil e meio reais", 1500, 3],
    ["dois mil e quinhentos e meio", 2500, 4],
    ["cem e meio", 100, 1],
    ["dois mil e", 2000, 2],
    ["vinte trinta", 20, 1],
    ["dois 3", 2, 1],
    ["2 3", 2, 1],
    ["0 5", 0, 1],
    ["0 e 5", 0, 1],
    ["0 meio", 0, 1],
    ["2 cinco", 2, 1],
  ])("%s → %d, ending at token %d", (text, value, end) => {
    expect(read(text)).toMatchObject({ value, end });
  });

  it("leaves 'meio' to the caller when no multiplier follows", () => {
    expect(read("meio ano")).toBeNull();
    expect(read("meia hora")).toBeNull();
    expect(read("1.2.3")).toBeNull();
    expect(read("meio milhao")).toMatchObject({ value: 500_000, end: 2, multiplied: true });
  });

  it("starts at the index it is given", () => {
    expect(readNumber("orcamento de 3 mil".split(" "), 2)).toEqual({ value: 3000, end: 4, multiplied: true });
    expect(readNumber("orcamento de 3 mil".split(" "), 0)).toBeNull();
  });
});
