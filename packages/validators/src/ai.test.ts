import { describe, expect, it } from "vitest";
import { aiClassificationSchema, aiOperatorBlockSchema, aiSettingsInputSchema } from "./ai";

const messages = (r: { error?: { issues: { message: string }[] } }) => r.error?.issues.map((i) => i.message) ?? [];

describe("AI layer inputs", () => {
  it("reads a model's classification within its bounds", () => {
    expect(aiClassificationSchema.parse({ choice: "none", confidence: 0, evidence: [] }).choice).toBe("none");
    expect(aiClassificationSchema.safeParse({ choice: "b1", confidence: 1.01, evidence: [] }).success).toBe(false);
    expect(aiClassificationSchema.safeParse({ choice: "b1", confidence: 0.9, evidence: Array(6).fill("x") }).success).toBe(false);
  });
  it("caps a tenant's monthly tokens in whole numbers up to 100 million", () => {
    expect(messages(aiSettingsInputSchema.safeParse({ enabled: true, monthlyTokenCap: -1 }))).toEqual(["O limite não pode ser negativo."]);
    expect(messages(aiSettingsInputSchema.safeParse({ enabled: true, monthlyTokenCap: 1.5 }))).toEqual(["Use um número inteiro."]);
    expect(messages(aiSettingsInputSchema.safeParse({ enabled: true, monthlyTokenCap: 100_000_001 }))).toEqual(["Limite máximo: 100 milhões de tokens por mês."]);
    expect(aiSettingsInputSchema.parse({ enabled: false, monthlyTokenCap: 0 }).monthlyTokenCap).toBe(0);
  });
  it("an operator's block note is trimmed, bounded and free of NUL", () => {
    const tenantId = "0f0e3a3c-1b7e-4a51-9d8f-2a3b4c5d6e7f";
    expect(aiOperatorBlockSchema.parse({ tenantId, blocked: true, note: " abuso " }).note).toBe("abuso");
    expect(messages(aiOperatorBlockSchema.safeParse({ tenantId, blocked: true, note: "a\u0000" }))).toEqual(["Texto inválido."]);
    expect(messages(aiOperatorBlockSchema.safeParse({ tenantId, blocked: true, note: "a".repeat(201) }))).toEqual(["Use no máximo 200 caracteres."]);
    expect(messages(aiOperatorBlockSchema.safeParse({ tenantId: "x", blocked: true }))).toEqual(["Espaço de trabalho inválido."]);
  });
});
