import { describe, expect, it } from "vitest";
import { INTENT_MAX_CHARS, normaliseIntentText, privacyIntentOf } from "./message-intent";

describe("privacyIntentOf", () => {
  it.each([
    ["quero meus dados", "access"],
    ["Quero meus dados", "access"],
    ["QUERO MEUS DADOS!!", "access"],
    ["quero uma cópia dos meus dados", "access"],
    ["gostaria de acessar meus dados pessoais", "access"],
    ["meus dados pessoais", "access"],
    ["Meus dados", "access"],
    ["me manda meus dados por favor", "access"],
    ["acesso aos meus dados", "access"],
    ["apague meus dados", "deletion"],
    ["Apaguem meus dados, por favor", "deletion"],
    ["excluir meus dados", "deletion"],
    ["Quero excluir todos os meus dados", "deletion"],
    ["delete meus dados pessoais", "deletion"],
    ["remova meu cadastro", "deletion"],
    ["exclusão dos meus dados", "deletion"],
    ["pode apagar as minhas informações?", "deletion"],
    ["anonimize meus dados", "anonymisation"],
    ["revogar consentimento", "revocation"],
    ["Revogo meu consentimento", "revocation"],
    ["quero retirar o meu consentimento", "revocation"],
    ["revogação do consentimento", "revocation"],
    ["corrigir meus dados", "correction"],
    ["quero atualizar meu cadastro", "correction"],
    ["portabilidade dos meus dados", "portability"],
    ["quais os critérios da minha pontuação?", "automated_review"],
    ["vocês têm meus dados?", "confirmation"],
    ["com quem vocês compartilham meus dados?", "sharing_info"],
  ])("%s → %s", (text, kind) => {
    expect(privacyIntentOf(text)).toBe(kind);
  });

  it.each([
    "oi, quero saber dos planos",
    "meu orçamento é 5 mil",
    "não apague meus dados",
    "nunca excluam meu cadastro",
    "seus dados estão errados no site",
    "dados",
    "quero comprar",
    "sim",
    "",
    "   ",
  ])("not a request: %s", (text) => {
    expect(privacyIntentOf(text)).toBeNull();
  });

  it("a long message that mentions it in passing goes to the bot", () => {
    expect(privacyIntentOf(`quero meus dados ${"x".repeat(INTENT_MAX_CHARS)}`)).toBeNull();
    expect(privacyIntentOf(null)).toBeNull();
  });

  it("normalises accents, case and punctuation", () => {
    expect(normaliseIntentText("  Exclusão, JÁ! ")).toBe("exclusao ja");
  });
});
