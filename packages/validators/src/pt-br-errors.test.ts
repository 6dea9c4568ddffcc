import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ptBrIssue } from "./pt-br-errors";

const message = (schema: z.ZodType, value: unknown) => schema.safeParse(value, { error: ptBrIssue }).error?.issues[0]?.message;

describe("pt-BR words for zod's default issues", () => {
  it("says what to do, in pt-BR, for lengths, numbers, lists, types, formats and options", () => {
    expect(message(z.string().min(1).max(50), "")).toBe("Preencha este campo.");
    expect(message(z.string().min(2), "a")).toBe("Use ao menos 2 caracteres.");
    expect(message(z.string().max(40), "a".repeat(41))).toBe("Use no máximo 40 caracteres.");
    expect(message(z.number().int().max(2160), 3000)).toBe("O máximo é 2.160.");
    expect(message(z.number().min(1), 0)).toBe("O mínimo é 1.");
    expect(message(z.array(z.string()).min(1), [])).toBe("Escolha ao menos um item.");
    expect(message(z.array(z.string()).max(3), ["a", "b", "c", "d"])).toBe("Escolha no máximo 3 itens.");
    expect(message(z.object({ name: z.string() }), {})).toBe("Preencha este campo.");
    expect(message(z.number(), "x")).toBe("Valor inválido.");
    expect(message(z.email(), "ana@")).toBe("Informe um e-mail válido.");
    expect(message(z.uuid(), "nope")).toBe("Identificador inválido.");
    expect(message(z.enum(["won", "lost"]), "ganho")).toBe("Escolha uma das opções.");
    expect(message(z.strictObject({}), { extra: 1 })).toBe("Campo não reconhecido: extra.");
  });

  it("a schema's own message still wins", () => {
    expect(message(z.string().min(1, "Informe o nome."), "")).toBe("Informe o nome.");
  });
});
