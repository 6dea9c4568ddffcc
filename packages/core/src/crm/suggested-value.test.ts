import { describe, expect, it } from "vitest";
import { defaultBantFlow } from "../bot/default-flow";
import { companyDomainOf, nameFromDomain } from "./free-mail";
import { suggestedValueCents } from "./suggested-value";

const bands = defaultBantFlow.steps.find((s) => s.id === "budget")!.bands;

describe("suggestedValueCents", () => {
  it("takes the amount the lead typed", () => {
    expect(suggestedValueCents({ value: 3200, optionId: "1k_5k" }, bands)).toBe(320_000);
  });
  it("takes the middle of a chosen band, half of an open bottom band, the floor of an open top band", () => {
    expect(suggestedValueCents({ value: "R$ 1.000 - R$ 5.000/mês", optionId: "1k_5k" }, bands)).toBe(300_000);
    expect(suggestedValueCents({ value: "Menos de R$ 1.000/mês", optionId: "lt_1k" }, bands)).toBe(50_000);
    expect(suggestedValueCents({ value: "Acima de R$ 10.000/mês", optionId: "gt_10k" }, bands)).toBe(1_000_000);
  });
  it("is null when nothing says how much", () => {
    expect(suggestedValueCents(undefined, bands)).toBeNull();
    expect(suggestedValueCents({ value: null }, bands)).toBeNull();
    expect(suggestedValueCents({ value: "x", optionId: "desconhecida" }, bands)).toBeNull();
  });
});

describe("companyDomainOf", () => {
  it("gives the company domain, never a free-mail provider", () => {
    expect(companyDomainOf("Ana@PadariaSol.com.br")).toBe("padariasol.com.br");
    expect(companyDomainOf("ana@gmail.com")).toBeNull();
    expect(companyDomainOf("ana@bol.com.br")).toBeNull();
    expect(companyDomainOf("ana@hotmail.com.br")).toBeNull();
    expect(companyDomainOf("sem-arroba")).toBeNull();
    expect(companyDomainOf(null)).toBeNull();
  });
  it("names a company from its domain", () => {
    expect(nameFromDomain("padaria-sol.com.br")).toBe("Padaria Sol");
  });
});
