import { describe, expect, it } from "vitest";
import { customFieldInput, customValuesSchema, type CustomFieldDef } from "./custom-fields";

const defs: CustomFieldDef[] = [
  { id: "seg", label: "Segmento", fieldType: "select", options: ["Varejo", "Indústria"], isRequired: true },
  { id: "func", label: "Funcionários", fieldType: "number", options: [], isRequired: false },
  { id: "ren", label: "Renovação", fieldType: "date", options: [], isRequired: false },
  { id: "can", label: "Canais", fieldType: "multiselect", options: ["Site", "WhatsApp"], isRequired: false },
  { id: "vip", label: "VIP", fieldType: "boolean", options: [], isRequired: false },
  { id: "mrr", label: "MRR", fieldType: "currency", options: [], isRequired: false },
  { id: "obs", label: "Observação", fieldType: "text", options: [], isRequired: false },
];
const schema = customValuesSchema(defs);
const firstIssue = (v: unknown) => {
  const r = schema.safeParse(v);
  return r.success ? null : { path: r.error.issues[0]!.path.join("."), message: r.error.issues[0]!.message };
};

describe("customValuesSchema", () => {
  it("accepts a value of the right type for every field type", () => {
    const v = { seg: "Varejo", func: 42.5, ren: "2026-03-01", can: ["Site"], vip: true, mrr: 150_000, obs: "  cliente antigo " };
    expect(schema.parse(v)).toEqual({ ...v, obs: "cliente antigo" });
  });
  it("names the field when a value has the wrong type", () => {
    expect(firstIssue({ seg: "Varejo", func: "muitos" })).toEqual({ path: "func", message: '"Funcionários" deve ser um número.' });
    expect(firstIssue({ seg: "Varejo", mrr: 10.5 })).toEqual({ path: "mrr", message: '"MRR" deve ser um valor inteiro em centavos.' });
    expect(firstIssue({ seg: "Varejo", ren: "01/03/2026" })?.path).toBe("ren");
    expect(firstIssue({ seg: "Varejo", vip: "sim" })?.path).toBe("vip");
    expect(firstIssue({ seg: "Serviços" })).toEqual({ path: "seg", message: '"Segmento": escolha uma das opções cadastradas.' });
    expect(firstIssue({ seg: "Varejo", can: ["Site", "Site"] })?.message).toMatch(/repetidas/);
    expect(firstIssue({ seg: "Varejo", obs: "a\u0000b" })?.message).toMatch(/inválidos/);
  });
  it("requires required fields and refuses unknown keys", () => {
    expect(firstIssue({})).toEqual({ path: "seg", message: '"Segmento" é obrigatório.' });
    expect(firstIssue({ seg: "" })?.path).toBe("seg");
    expect(firstIssue({ seg: "Varejo", outro: 1 })).toEqual({ path: "outro", message: "Campo personalizado desconhecido neste espaço." });
  });
  it("turns an empty optional value into null (a clear)", () => {
    expect(schema.parse({ seg: "Indústria", obs: "", can: [] })).toEqual({ seg: "Indústria", obs: null, can: null });
  });
});

describe("customFieldInput", () => {
  it("selects need options, other types refuse them", () => {
    expect(customFieldInput.safeParse({ entityType: "deal", label: "Origem", fieldType: "select" }).success).toBe(false);
    expect(customFieldInput.safeParse({ entityType: "deal", label: "Origem", fieldType: "text", options: ["a"] }).success).toBe(false);
    expect(customFieldInput.safeParse({ entityType: "deal", label: "Origem", fieldType: "select", options: ["A", "a"] }).success).toBe(false);
    expect(customFieldInput.parse({ entityType: "deal", label: " Origem ", fieldType: "select", options: ["Feira"] })).toMatchObject({ label: "Origem", isRequired: false });
  });
});
