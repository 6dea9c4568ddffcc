import { describe, expect, it } from "vitest";
import { API_KEY_PATTERN, apiKeyCreateInput, apiKeyScopes } from "./api-keys";

const messages = (r: { error?: { issues: { message: string }[] } }) => r.error?.issues.map((i) => i.message) ?? [];

describe("API key creation input", () => {
  it("has a read and a write scope per domain", () => {
    expect(apiKeyScopes).toEqual(["leads:read", "leads:write", "deals:read", "deals:write", "conversations:read", "conversations:write", "webhooks:read", "webhooks:write", "analytics:read", "analytics:write"]);
  });
  it("trims the name and keeps each scope once, sorted", () => {
    expect(apiKeyCreateInput.parse({ name: "  Zapier  ", scopes: ["leads:write", "deals:read", "leads:write"] })).toEqual({ name: "Zapier", scopes: ["deals:read", "leads:write"] });
  });
  it("names what is wrong in pt-BR", () => {
    expect(messages(apiKeyCreateInput.safeParse({ name: "   ", scopes: ["leads:read"] }))).toEqual(["Informe um nome para a chave."]);
    expect(messages(apiKeyCreateInput.safeParse({ name: "n".repeat(81), scopes: ["leads:read"] }))).toEqual(["O nome deve ter no máximo 80 caracteres."]);
    expect(apiKeyCreateInput.safeParse({ name: "n".repeat(80), scopes: ["leads:read"] }).success).toBe(true);
    expect(messages(apiKeyCreateInput.safeParse({ name: "a\u0000b", scopes: ["leads:read"] }))).toEqual(["O nome contém caracteres inválidos."]);
    expect(messages(apiKeyCreateInput.safeParse({ name: "n", scopes: [] }))).toEqual(["Escolha pelo menos uma permissão."]);
    expect(messages(apiKeyCreateInput.safeParse({ name: "n", scopes: ["billing:read"] }))).toEqual(["Permissão desconhecida."]);
  });
  it("bounds the scope list by the scopes there are", () => {
    expect(apiKeyCreateInput.safeParse({ name: "n", scopes: [...apiKeyScopes] }).success).toBe(true);
    expect(apiKeyCreateInput.safeParse({ name: "n", scopes: [...apiKeyScopes, "leads:read"] }).success).toBe(false);
  });
});

describe("API key format", () => {
  const key = `vfk_${"A1b2C3d4E5f6"}_${"x".repeat(42)}-`;
  it("is vfk_, 12 characters of prefix, _, 43 characters of secret", () => {
    expect(API_KEY_PATTERN.test(key)).toBe(true);
    expect(API_KEY_PATTERN.test(key.slice(0, -1))).toBe(false);
    expect(API_KEY_PATTERN.test(`${key}x`)).toBe(false);
    expect(API_KEY_PATTERN.test(`x${key}`)).toBe(false);
    expect(API_KEY_PATTERN.test(key.replace("vfk_A1b2C3d4E5f6", "vfk_A1b2C3d4E5f-"))).toBe(false);
  });
});
