import { describe, expect, it } from "vitest";
import { readNumber } from "./number-words";

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

  it("needs a number before 'k' or 'mi' but reads a bare 'mil'", () => {
    expect(read("k")).toBeNull();
    expect(read("mil")).toMatchObject({ value: 1000, multiplied: true });
    expect(read("banana")).toBeNull();
  });
});
