import { describe, expect, it } from "vitest";
import { dedupeKeys, readRow } from "./rows";

const mapping = { name: 0, email: 1, phone: 2, company: 3, tags: 4 };

describe("readRow", () => {
  it("reads a good row: trimmed, e-mail lower-cased, phone as E.164 digits, tags split", () => {
    expect(readRow([" Ana Souza ", "ANA@Padaria.com.br", "(11) 98765-4321", "Padaria", "Quente, evento|quente"], mapping, 2)).toEqual({
      lead: { row: 2, name: "Ana Souza", email: "ana@padaria.com.br", phone: "5511987654321", company: "Padaria", tags: ["quente", "evento"], sourceDetail: null },
    });
  });
  it("names the row and the field of each problem", () => {
    expect(readRow(["Ana", "ana@", "123", "", ""], mapping, 7)).toEqual({
      errors: [
        { row: 7, field: "email", message: "E-mail inválido: ana@" },
        { row: 7, field: "phone", message: "Telefone inválido: 123" },
      ],
    });
    expect(readRow(["", "", "", "Empresa", ""], mapping, 9)).toEqual({ errors: [{ row: 9, field: "name", message: "Linha sem nome, e-mail ou telefone." }] });
    expect(readRow(["x".repeat(256)], { name: 0 }, 3)).toEqual({ errors: [{ row: 3, field: "name", message: "Nome com mais de 255 caracteres." }] });
  });
  it("dedupes a mobile with and without the ninth digit", () => {
    expect(dedupeKeys({ email: "a@b.com.br", phone: "5511987654321" })).toEqual(["e:a@b.com.br", "p:5511987654321", "p:551187654321"]);
  });
});
