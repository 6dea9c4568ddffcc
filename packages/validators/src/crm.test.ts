import { describe, expect, it } from "vitest";
import { companyInput, dealBoardPageInput, dealInput, normalizeDomain, normalizePhone, phoneVariants, pipelineInput } from "./crm";

describe("normalizePhone", () => {
  it("reads Brazilian numbers as people type them into E.164", () => {
    expect(normalizePhone("(11) 98765-4321")).toBe("+5511987654321");
    expect(normalizePhone("11 3456-7890")).toBe("+551134567890");
    expect(normalizePhone("+55 21 99876 5432")).toBe("+5521998765432");
    expect(normalizePhone("011987654321")).toBe("+5511987654321");
    expect(normalizePhone("5511987654321")).toBe("+5511987654321");
    expect(normalizePhone("+1 415 555 0100")).toBe("+14155550100");
  });
  it("refuses what cannot be a number", () => {
    expect(normalizePhone("12345")).toBeNull();
    expect(normalizePhone("(11) 88765-4321")).toBeNull(); // 11 digits without the mobile 9
    expect(normalizePhone("(10) 98765-4321")).toBeNull(); // no DDD ends in 0
  });
  it("gives both spellings of a mobile (with and without the ninth digit)", () => {
    expect(phoneVariants("+5511987654321")).toEqual(["+5511987654321", "+551187654321"]);
    expect(phoneVariants("+551187654321")).toEqual(["+551187654321", "+5511987654321"]);
    expect(phoneVariants("+551134567890")).toEqual(["+551134567890"]);
  });
});

describe("CRM inputs", () => {
  it("normalises a company's domain and refuses a bad one", () => {
    expect(normalizeDomain("https://www.Padaria-Sol.com.br/contato")).toBe("padaria-sol.com.br");
    expect(companyInput.parse({ name: "Padaria Sol", domain: "WWW.padariasol.com.br" }).domain).toBe("padariasol.com.br");
    expect(companyInput.safeParse({ name: "Padaria Sol", domain: "não é domínio" }).success).toBe(false);
  });
  it("money is integer cents, never a float or negative", () => {
    expect(dealInput.safeParse({ title: "X", valueCents: 10.5 }).success).toBe(false);
    expect(dealInput.safeParse({ title: "X", valueCents: -1 }).success).toBe(false);
    expect(dealInput.parse({ title: "X", valueCents: 1_500_000 }).valueCents).toBe(1_500_000);
  });
  it("a pipeline has open stages, exactly one won and one lost, unique names", () => {
    const stages = [
      { name: "Novo", probability: 10 },
      { name: "Ganho", probability: 100, kind: "won" },
      { name: "Perdido", probability: 0, kind: "lost" },
    ];
    expect(pipelineInput.safeParse({ name: "Vendas", stages }).success).toBe(true);
    expect(pipelineInput.safeParse({ name: "Vendas", stages: stages.slice(0, 2) }).success).toBe(false);
    expect(pipelineInput.safeParse({ name: "Vendas", stages: [...stages, { name: "novo", probability: 5 }] }).success).toBe(false);
    expect(pipelineInput.safeParse({ name: "Vendas", stages: [{ name: "A", probability: 101 }, ...stages.slice(1)] }).success).toBe(false);
  });
});

describe("deal board page input", () => {
  const base = { pipelineId: "0b6f3c1e-2a4d-4e8f-9c10-1234567890ab", stageId: "1b6f3c1e-2a4d-4e8f-9c10-1234567890ab" };
  it("takes a keyset cursor '<iso>|<uuid>' and refuses anything else", () => {
    expect(dealBoardPageInput.safeParse({ ...base, cursor: `2026-11-01T12:00:00.000Z|${base.stageId}` }).success).toBe(true);
    for (const cursor of ["2026-11-01T12:00:00.000Z|x", `ontem|${base.stageId}`, `2026-11-01T12:00:00.000Z|${base.stageId}|1`, "z"]) {
      expect(dealBoardPageInput.safeParse({ ...base, cursor }).success).toBe(false);
    }
  });
});
