import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { CUSTOM_TEXT_MAX, customFieldInput, customValuesInput, customValuesSchema, MAX_CENTS, type CustomFieldDef, type CustomFieldType } from "./custom-fields";

const issues = (schema: z.ZodType, input: unknown) => schema.safeParse(input).error?.issues.map((i) => ({ path: i.path, message: i.message }));
const def = (fieldType: CustomFieldType, extra: Partial<CustomFieldDef> = {}): CustomFieldDef => ({ id: "f", label: "Campo", fieldType, options: [], isRequired: false, ...extra });
const one = (d: CustomFieldDef, value: unknown) => issues(customValuesSchema([d]), { f: value });

describe("custom field values: each type's message, naming the field", () => {
  it("text", () => {
    expect(one(def("text"), 5)).toEqual([{ path: ["f"], message: '"Campo" deve ser um texto.' }]);
    expect(one(def("text"), "a".repeat(CUSTOM_TEXT_MAX))).toBeUndefined();
    expect(one(def("text"), "a".repeat(CUSTOM_TEXT_MAX + 1))).toEqual([{ path: ["f"], message: `"Campo" deve ter no máximo ${CUSTOM_TEXT_MAX} caracteres.` }]);
    expect(one(def("text"), "a\u0000")).toEqual([{ path: ["f"], message: '"Campo" contém caracteres inválidos.' }]);
  });
  it("number", () => {
    expect(one(def("number"), "1")).toEqual([{ path: ["f"], message: '"Campo" deve ser um número.' }]);
    expect(one(def("number"), 1e15)).toBeUndefined();
    expect(one(def("number"), 1e15 + 2)).toEqual([{ path: ["f"], message: '"Campo" está fora do intervalo aceito.' }]);
  });
  it("currency", () => {
    expect(one(def("currency"), "1")).toEqual([{ path: ["f"], message: '"Campo" deve ser um valor em centavos.' }]);
    expect(one(def("currency"), 0)).toBeUndefined();
    expect(one(def("currency"), -1)).toEqual([{ path: ["f"], message: '"Campo" não pode ser negativo.' }]);
    expect(one(def("currency"), MAX_CENTS)).toBeUndefined();
    expect(one(def("currency"), MAX_CENTS + 1)).toEqual([{ path: ["f"], message: '"Campo" está acima do máximo aceito.' }]);
  });
  it("date and boolean", () => {
    expect(one(def("date"), "01/03/2026")).toEqual([{ path: ["f"], message: '"Campo" deve ser uma data no formato AAAA-MM-DD.' }]);
    expect(one(def("boolean"), "sim")).toEqual([{ path: ["f"], message: '"Campo" deve ser sim ou não.' }]);
    expect(customValuesSchema([def("boolean")]).parse({ f: false })).toEqual({ f: false });
  });
  it("select", () => {
    expect(one(def("select", { options: ["A"] }), 1)).toEqual([{ path: ["f"], message: '"Campo" deve ser uma das opções.' }]);
  });
  it("multiselect: a list, of registered options, each once, no more than there are", () => {
    const d = def("multiselect", { options: ["A", "B"] });
    expect(customValuesSchema([d]).parse({ f: ["A", "B"] })).toEqual({ f: ["A", "B"] });
    expect(one(d, "A")).toEqual([{ path: ["f"], message: '"Campo" deve ser uma lista de opções.' }]);
    expect(one(d, ["A", "B", "A"])).toEqual([{ path: ["f"], message: '"Campo" tem opções demais.' }]);
    expect(one(d, ["A", "C"])).toEqual([{ path: ["f"], message: '"Campo": escolha apenas opções cadastradas.' }]);
    expect(one(d, ["A", "A"])).toEqual([{ path: ["f"], message: '"Campo" tem opções repetidas.' }]);
  });
  it("empty values: an empty string or list clears an optional field and is missing in a required one", () => {
    for (const empty of ["", null, []]) {
      expect(customValuesSchema([def("text")]).parse({ f: empty })).toEqual({ f: null });
      expect(one(def("text", { isRequired: true }), empty)).toEqual([{ path: ["f"], message: '"Campo" é obrigatório.' }]);
    }
    // A field not sent is left out, not cleared.
    expect(customValuesSchema([def("text")]).parse({})).toEqual({});
  });
  it("a value that is not an object of values", () => {
    expect(issues(customValuesSchema([]), "x")).toEqual([{ path: [], message: "Campos personalizados inválidos." }]);
  });
});

describe("customValuesInput and customFieldInput", () => {
  const keys = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]));
  it("at most 200 values", () => {
    expect(customValuesInput.safeParse(keys(200)).success).toBe(true);
    expect(issues(customValuesInput, keys(201))).toEqual([{ path: [], message: "Campos personalizados demais." }]);
  });
  it("options: needed by choice fields only, none repeated regardless of case", () => {
    const field = (fieldType: string, options?: string[]) => issues(customFieldInput, { entityType: "lead", label: "Origem", fieldType, options });
    expect(field("select", ["A", "B"])).toBeUndefined();
    expect(field("multiselect", ["A", "B"])).toBeUndefined();
    expect(field("select")).toEqual([{ path: ["options"], message: "Informe pelo menos uma opção." }]);
    expect(field("multiselect", [])).toEqual([{ path: ["options"], message: "Informe pelo menos uma opção." }]);
    expect(field("number", ["A"])).toEqual([{ path: ["options"], message: "Só campos de seleção têm opções." }]);
    expect(field("number", [])).toBeUndefined();
    expect(field("select", ["Feira", "FEIRA"])).toEqual([{ path: ["options"], message: "Há opções repetidas." }]);
  });
});

describe("rule issues carry the custom code", () => {
  it("unknown keys, required fields, wrong values, option rules", () => {
    const codes = (schema: z.ZodType, input: unknown) => schema.safeParse(input).error?.issues.map((i) => i.code);
    expect(codes(customValuesSchema([def("number", { isRequired: true }), def("text", { id: "g" })]), { x: 1, g: 5 })).toEqual(["custom", "custom", "custom"]);
    expect(codes(customFieldInput, { entityType: "lead", label: "O", fieldType: "select" })).toEqual(["custom"]);
    expect(codes(customFieldInput, { entityType: "lead", label: "O", fieldType: "text", options: ["a"] })).toEqual(["custom"]);
  });
});
