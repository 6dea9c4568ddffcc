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

describe("parseEmail repairs what phones and voice typing do", () => {
  it.each([
    ["ana arroba gmail ponto com", "ana@gmail.com"],
    ["joao @ gmail.com", "joao@gmail.com"],
    ["joao@ gmail.com", "joao@gmail.com"],
    ["joao @gmail.com", "joao@gmail.com"],
    ["maria@gmail,com", "maria@gmail.com"],
    ["maria@empresa.com,br", "maria@empresa.com.br"],
    ["Maria@Loja-Nova,COM", "maria@loja-nova.com"],
    ["o meu é <Ana@Ex.com.br>; obrigado", "ana@ex.com.br"],
    ["(bia@x.io)", "bia@x.io"],
    ["é pedro@x.com!", "pedro@x.com"],
    ["é pedro@x.com?!", "pedro@x.com"],
    ["pedro@x.com: esse", "pedro@x.com"],
    ["primeiro,ana@x.com", "ana@x.com"],
  ])("%s → %s", (text, email) => {
    expect(parseEmail(text)).toBe(email);
  });
  it("keeps 'arroba' and 'ponto' inside words", () => {
    expect(parseEmail("arrobatudo pontocom")).toBeNull();
    expect(parseEmail("anaarroba gmail.com")).toBeNull();
  });
  it("does not repair a comma before an unknown ending", () => {
    expect(parseEmail("maria@gmail,xyz")).toBeNull();
  });
});

describe("parseName: capitals, places and surrounding words", () => {
  it.each([
    ["joão pedro da silva", "João Pedro da Silva"],
    ["maria e souza", "Maria e Souza"],
    ["ana dos santos", "Ana dos Santos"],
    ["Renata da clínica", "Renata"],
    ["Renata da Silva", "Renata da Silva"],
    ["renata da clínica", "Renata da Clínica"],
    ["Rafael Souza, da Souza Móveis", "Rafael Souza"],
    ["Carlos aqui", "Carlos"],
    ["Carlos Lima falando", "Carlos Lima"],
    ["aqui é o Pedro", "Pedro"],
    ["Meu nome é Ana na escuta", "Ana"],
    ["bom dia, sou o Marcos", "Marcos"],
    ["Oi! Me chamo Júlia", "Júlia"],
  ])("%s → %s", (text, name) => {
    expect(parseName(text)).toBe(name);
  });
  it.each(["quanto custa?", "qual o preço do plano", "quero saber o valor", "oi, tudo bem?", "a".repeat(81), "Ana 2", "Ana?"])("is not a name: %s", (text) => {
    expect(parseName(text)).toBeNull();
  });
  it("takes a name after a greeting in its own sentence", () => {
    expect(parseName("Olá! Pedro Alves")).toBe("Pedro Alves");
    expect(parseName("oi, tudo bem? Sou a Carla")).toBe("Carla");
  });
});

describe("isSkip in other words", () => {
  it.each(["prefiro não passar", "depois eu passo", "pode ser só o whatsapp", "pode pular", "pula essa", "não uso e-mail", "pelo whatsapp mesmo"])("skips on %s", (text) => {
    expect(isSkip(text)).toBe(true);
  });
  it("a long message that mentions declining is an answer, not a skip", () => {
    expect(isSkip("eu prefiro não passar agora mas amanhã eu te mando tudo certinho por aqui")).toBe(false);
  });
  it("a phrase must be the whole message where marked", () => {
    expect(isSkip("depois eu passo na loja para ver")).toBe(false);
  });
});
