import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { activityInput, companyInput, contactInput, importMappingSchema, leadDetailsInput, leadListInput, normalizeDomain, normalizePhone, phone, phoneVariants, pipelineInput } from "./crm";

const U1 = "00000000-0000-4000-8000-000000000001";
const U2 = "00000000-0000-4000-8000-000000000002";
const issues = (schema: z.ZodType, input: unknown) => schema.safeParse(input).error?.issues.map((i) => ({ path: i.path, message: i.message }));
const PHONE_MSG = "Telefone inválido: use DDD e número, como (11) 98765-4321.";

describe("normalizePhone at its edges", () => {
  it("international numbers: '+' after spaces, 8 to 15 digits, +55 read as Brazilian", () => {
    expect(normalizePhone("  +1 415 555 0100 ")).toBe("+14155550100");
    expect(normalizePhone("+1234567")).toBeNull();
    expect(normalizePhone("+12345678")).toBe("+12345678");
    expect(normalizePhone("+123456789012345")).toBe("+123456789012345");
    expect(normalizePhone("+1234567890123456")).toBeNull();
    // +55 goes through the Brazilian rules: 11 digits need the mobile 9.
    expect(normalizePhone("+55 11 88765-4321")).toBeNull();
    expect(normalizePhone("+1 415 555 0155")).toBe("+14155550155");
    expect(normalizePhone("+55 11 98765-4321 1")).toBeNull();
    expect(normalizePhone("+55 011 98765-4321")).toBeNull();
  });

  it("a leading trunk 0 is dropped only before 10 or 11 digits; 12 or 13 digits must start with 55", () => {
    expect(normalizePhone("10 1987654321")).toBeNull();
    expect(normalizePhone("0 55 11 98765-4321")).toBeNull();
    expect(normalizePhone("0 11 3456-7890")).toBe("+551134567890");
    expect(normalizePhone("44 12 3456-7890")).toBeNull();
    expect(normalizePhone("55 11 3456-7890")).toBe("+551134567890");
  });
});

describe("phoneVariants at its edges", () => {
  it("only a Brazilian E.164 with 8 or 9 digits after the DDD has another spelling", () => {
    expect(phoneVariants("+14155550100")).toEqual(["+14155550100"]);
    expect(phoneVariants("+55119876543210")).toEqual(["+55119876543210"]);
    expect(phoneVariants("+1+5511987654321")).toEqual(["+1+5511987654321"]);
    // Nine digits not starting with 9, or a landline (8 digits from 2 to 5): no other spelling.
    expect(phoneVariants("+5511387654321")).toEqual(["+5511387654321"]);
    expect(phoneVariants("+551134567890")).toEqual(["+551134567890"]);
    expect(phoneVariants("+551165432109")).toEqual(["+551165432109", "+5511965432109"]);
  });
});

describe("phone and optional contact fields", () => {
  it("phone: E.164 or the phone message", () => {
    expect(phone.parse("(11) 98765-4321")).toBe("+5511987654321");
    expect(issues(phone, "123")).toEqual([{ path: [], message: PHONE_MSG }]);
  });

  it("contact e-mail: trimmed and lower-cased; empty means none; invalid says so", () => {
    expect(contactInput.parse({ name: "Ana", email: "  Ana@X.com " }).email).toBe("ana@x.com");
    for (const none of ["", "   ", null, undefined]) expect(contactInput.parse({ name: "Ana", email: none }).email).toBeNull();
    expect(issues(contactInput, { name: "Ana", email: "nope" })).toEqual([{ path: ["email"], message: "E-mail inválido." }]);
  });

  it("contact phone: empty means none; invalid says so", () => {
    expect(contactInput.parse({ name: "Ana", phone: " (11) 98765-4321 " }).phone).toBe("+5511987654321");
    for (const none of ["", "   ", null, undefined]) expect(contactInput.parse({ name: "Ana", phone: none }).phone).toBeNull();
    expect(issues(contactInput, { name: "Ana", phone: "abc" })).toEqual([{ path: ["phone"], message: PHONE_MSG }]);
  });

  it("a name of spaces is missing; tags are trimmed, lower-cased and deduplicated", () => {
    expect(issues(companyInput, { name: "   " })).toEqual([{ path: ["name"], message: "Informe o nome da empresa." }]);
    expect(companyInput.parse({ name: "X", tags: ["VIP", " vip ", "b"] }).tags).toEqual(["vip", "b"]);
    expect(companyInput.parse({ name: "X", size: "1-10" }).size).toBe("1-10");
  });
});

describe("company site and domain", () => {
  const site = (website: unknown) => companyInput.safeParse({ name: "X", website });
  it("accepts an http(s) address or a bare host with an optional path", () => {
    for (const ok of ["https://x.com/a", "http://a", "https://ab", "x.com", "ab.com", "x.com/ab", "loja-sol.com.br/"]) expect(site(ok).success, ok).toBe(true);
    expect(site("").data?.website).toBeNull();
    expect(site(null).data?.website).toBeNull();
  });
  it("refuses anything else with the field's message", () => {
    for (const bad of ["ftp://x.com", "xhttps://a", "https://a b", "a b.com", "x.com b", "x.c", "x.c0m", "x"]) {
      expect(issues(companyInput, { name: "X", website: bad }), bad).toEqual([{ path: ["website"], message: "O site: endereço inválido." }]);
    }
  });

  it("normalizeDomain: only a leading scheme and www. are removed; the host must end in letters; at most 255", () => {
    expect(normalizeDomain("  Loja.com.br ")).toBe("loja.com.br");
    expect(normalizeDomain("loja.comhttp://x")).toBe("loja.comhttp");
    expect(normalizeDomain("blog.www.com.br")).toBe("blog.www.com.br");
    expect(normalizeDomain("_x.com")).toBeNull();
    expect(normalizeDomain("x.co1")).toBeNull();
    const host255 = `${"a".repeat(251)}.com`;
    expect(normalizeDomain(host255)).toBe(host255);
    expect(normalizeDomain(`a${host255}`)).toBeNull();
  });

  it("company domain: empty means none; invalid says so", () => {
    for (const none of ["", "   ", null, undefined]) expect(companyInput.parse({ name: "X", domain: none }).domain).toBeNull();
    expect(issues(companyInput, { name: "X", domain: "nada" })).toEqual([{ path: ["domain"], message: "Domínio inválido (por exemplo empresa.com.br)." }]);
  });
});

describe("pipeline rules, each with its message", () => {
  const open = { name: "Novo", probability: 10 };
  const won = { name: "Ganho", probability: 100, kind: "won" };
  const lost = { name: "Perdido", probability: 0, kind: "lost" };
  const pipe = (...stages: object[]) => issues(pipelineInput, { name: "Vendas", stages });

  it("a valid pipeline has no issue", () => expect(pipe(open, won, lost)).toBeUndefined());
  it("names repeat regardless of case", () =>
    expect(pipe(open, won, lost, { name: "NOVO", probability: 5 })).toEqual([{ path: ["stages", 3, "name"], message: "Há duas etapas com este nome." }]));
  it("a stage id twice", () =>
    expect(pipe({ ...open, id: U1 }, { ...won, id: U1 }, { ...lost, id: U2 })).toEqual([{ path: ["stages"], message: "Uma etapa aparece mais de uma vez." }]));
  it("no open stage", () =>
    expect(pipe(won, lost)).toEqual([{ path: ["stages"], message: "O funil precisa de pelo menos uma etapa aberta." }]));
  it("no won or lost stage", () =>
    expect(pipe(open, { name: "B", probability: 1 })).toEqual([
      { path: ["stages"], message: "O funil precisa de exatamente uma etapa de ganho." },
      { path: ["stages"], message: "O funil precisa de exatamente uma etapa de perda." },
    ]));
  it("two won or two lost stages", () => {
    expect(pipe(open, won, { ...won, name: "G2" }, lost)).toEqual([{ path: ["stages"], message: "O funil precisa de exatamente uma etapa de ganho." }]);
    expect(pipe(open, won, lost, { ...lost, name: "P2" })).toEqual([{ path: ["stages"], message: "O funil precisa de exatamente uma etapa de perda." }]);
  });
});

describe("activity link, lead score range and import mapping", () => {
  it("an activity is linked to at least one of deal, lead, contact or company", () => {
    for (const key of ["dealId", "leadId", "contactId", "companyId"]) expect(activityInput.safeParse({ type: "call", subject: "Ligar", [key]: U1 }).success, key).toBe(true);
    expect(issues(activityInput, { type: "call", subject: "Ligar" })).toEqual([{ path: ["dealId"], message: "Vincule a atividade a um negócio, lead, contato ou empresa." }]);
  });

  it("lead list: a score range may be open on either side and equal, never inverted", () => {
    for (const ok of [{}, { minScore: 50 }, { maxScore: 50 }, { minScore: 50, maxScore: 50 }, { minScore: 49, maxScore: 50 }]) expect(leadListInput.safeParse(ok).success).toBe(true);
    expect(issues(leadListInput, { minScore: 51, maxScore: 50 })).toEqual([{ path: ["maxScore"], message: "A pontuação máxima deve ser maior que a mínima." }]);
    for (const stage of ["new", "qualified", "nurture", "converted"]) expect(leadListInput.parse({ stage }).stage).toBe(stage);
    expect(issues(leadListInput, { stage: "quente" })).toEqual([{ path: ["stage"], message: "Etapa de lead desconhecida." }]);
  });

  it("import mapping: name, e-mail or phone is enough; one column for two fields is refused", () => {
    for (const ok of [{ name: 0 }, { email: 0 }, { phone: 0 }, { name: 0, company: 1 }]) expect(importMappingSchema.safeParse(ok).success).toBe(true);
    expect(issues(importMappingSchema, { company: 0, tags: 1 })).toEqual([{ path: [], message: "Mapeie pelo menos a coluna de nome, e-mail ou telefone." }]);
    expect(issues(importMappingSchema, { name: 0, email: 0 })).toEqual([{ path: [], message: "Uma coluna foi usada para dois campos." }]);
  });
});

describe("rule issues are custom issues, and the rest of the edges", () => {
  const codes = (schema: z.ZodType, input: unknown) => schema.safeParse(input).error?.issues.map((i) => i.code);
  it("every issue raised by a transform or superRefine has the custom code", () => {
    expect(codes(phone, "123")).toEqual(["custom"]);
    expect(codes(contactInput, { name: "A", email: "nope", phone: "abc" })).toEqual(["custom", "custom"]);
    expect(codes(companyInput, { name: "A", domain: "nada" })).toEqual(["custom"]);
    const open = { name: "Novo", probability: 10, id: U1 };
    expect(codes(pipelineInput, { name: "V", stages: [open, { ...open, name: "novo" }] })).toEqual(["custom", "custom", "custom", "custom"]);
    expect(codes(pipelineInput, { name: "V", stages: [{ ...open, kind: "won" }, { name: "P", probability: 0, kind: "lost" }] })).toEqual(["custom"]);
  });

  it("a mobile's other spelling: a 9-digit number needs the leading 9; 8 digits from 6 to 9 get it", () => {
    expect(phoneVariants("+551198765432")).toEqual(["+551198765432", "+5511998765432"]);
    expect(phoneVariants("+5511787654321")).toEqual(["+5511787654321"]);
  });

  it("lead details: at least one field given; the others may be left out or undefined", () => {
    expect(leadDetailsInput.safeParse({ name: "Ana", email: undefined }).success).toBe(true);
    expect(leadDetailsInput.parse({ email: "" })).toEqual({ email: null });
    expect(issues(leadDetailsInput, {})).toEqual([{ path: [], message: "Informe ao menos um dado a corrigir." }]);
    expect(issues(leadDetailsInput, { name: undefined })).toEqual([{ path: [], message: "Informe ao menos um dado a corrigir." }]);
  });
});
