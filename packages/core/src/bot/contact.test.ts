import { describe, expect, it } from "vitest";
import { isSkip, parseEmail, parseName } from "./contact";

describe("parseEmail", () => {
  it("finds and lowercases the e-mail", () => {
    expect(parseEmail("Ana@Empresa.com.br")).toBe("ana@empresa.com.br");
    expect(parseEmail("meu email é joao.silva+vf@x.io.")).toBe("joao.silva+vf@x.io");
  });

  it.each(["joao@", "joao@x", "joao x.com", "@x.com", "pular", "a@b.c"])("rejects %s", (text) => {
    expect(parseEmail(text)).toBeNull();
  });
});

describe("parseName", () => {
  it.each([
    ["Ana", "Ana"],
    ["  joão   da Silva ", "joão da Silva"],
    ["Meu nome é José", "José"],
    ["Oi, me chamo Maria Clara.", "Maria Clara"],
    ["sou a Bia", "Bia"],
  ])("%s → %s", (text, name) => {
    expect(parseName(text)).toBe(name);
  });

  it.each(["oi", "Olá!", "bom dia", "12345", "ana@x.com", "!!!", "um dois tres quatro cinco seis sete"])("rejects %s", (text) => {
    expect(parseName(text)).toBeNull();
  });
});

describe("isSkip", () => {
  it.each(["pular", "Pular!", "não tenho", "nao tenho", "prefiro não informar", "sem e-mail"])("skips on %s", (text) => {
    expect(isSkip(text)).toBe(true);
  });

  it("does not skip real answers", () => {
    expect(isSkip("ana@x.com")).toBe(false);
    expect(isSkip("não tenho orçamento definido")).toBe(false);
  });
});
