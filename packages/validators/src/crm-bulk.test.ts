import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { BULK_ALL_MAX, bulkInput, bulkMatchingInput } from "./crm-bulk";

const U1 = "00000000-0000-4000-8000-000000000001";
const U2 = "00000000-0000-4000-8000-000000000002";
const issues = (schema: z.ZodType, input: unknown) => schema.safeParse(input).error?.issues.map((i) => ({ path: i.path, message: i.message }));
const bulk = (entity: string, action: object, pick: object = { ids: [U1] }) => issues(bulkInput, { entity, action, ...pick });

describe("bulkInput: which actions each list takes", () => {
  it("deals and leads move only with their stage; companies and contacts have none", () => {
    expect(bulk("deal", { type: "move", stageId: U1 })).toBeUndefined();
    expect(bulk("deal", { type: "move" })).toEqual([{ path: ["action", "stageId"], message: "Escolha a etapa." }]);
    expect(bulk("deal", { type: "move", leadStage: "new" })).toEqual([{ path: ["action", "stageId"], message: "Escolha a etapa." }]);
    expect(bulk("lead", { type: "move", leadStage: "qualified" })).toBeUndefined();
    expect(bulk("lead", { type: "move" })).toEqual([{ path: ["action", "leadStage"], message: "Escolha a etapa." }]);
    expect(bulk("lead", { type: "move", stageId: U1 })).toEqual([{ path: ["action", "leadStage"], message: "Escolha a etapa." }]);
    expect(bulk("lead", { type: "move", leadStage: "converted" })).toEqual([{ path: ["action", "leadStage"], message: "Converta cada lead pela página dele: a conversão cria o contato, a empresa e o negócio." }]);
    for (const entity of ["company", "contact"]) {
      expect(bulk(entity, { type: "move", stageId: U1 })).toEqual([{ path: ["action", "type"], message: "Empresas e contatos não têm etapa." }]);
    }
  });

  it("leads take tags and stages in bulk, not assign or delete; the other lists take all four", () => {
    for (const action of [{ type: "assign", ownerId: U1 }, { type: "delete" }]) {
      expect(bulk("lead", action)).toEqual([{ path: ["action", "type"], message: "Leads aceitam etiqueta e etapa em massa." }]);
      for (const entity of ["company", "contact", "deal"]) expect(bulk(entity, action)).toBeUndefined();
    }
    for (const entity of ["company", "contact", "deal", "lead"]) expect(bulk(entity, { type: "tag", tag: " VIP " })).toBeUndefined();
    // A move needs nothing else for the lists without stages, and assigning nobody is allowed.
    expect(bulk("deal", { type: "assign", ownerId: null })).toBeUndefined();
  });

  it("selected ids or all matching the filter, exactly one of the two", () => {
    expect(bulk("deal", { type: "delete" }, {})).toEqual([{ path: ["ids"], message: "Selecione registros ou todos os do filtro." }]);
    expect(bulk("deal", { type: "delete" }, { ids: [U1], all: { filter: {}, count: 1 } })).toEqual([{ path: ["ids"], message: "Selecione registros ou todos os do filtro." }]);
    expect(bulkInput.parse({ entity: "deal", action: { type: "delete" }, ids: [U1, U2, U1] })).toEqual({ entity: "deal", action: { type: "delete" }, ids: [U1, U2], all: null });
    expect(bulkInput.parse({ entity: "deal", action: { type: "delete" }, all: { filter: { q: " sol " }, count: 3 } })).toMatchObject({ ids: null, all: { filter: { q: "sol" }, count: 3 } });
  });

  it("limits: 1 to 500 ids, a confirmed count of 1 to BULK_ALL_MAX, the filter checked as its list reads it", () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`);
    expect(bulk("deal", { type: "delete" }, { ids: ids(500) })).toBeUndefined();
    expect(bulk("deal", { type: "delete" }, { ids: ids(501) })).toEqual([{ path: ["ids"], message: "No máximo 500 registros por vez." }]);
    expect(bulk("deal", { type: "delete" }, { ids: [] })).toEqual([{ path: ["ids"], message: "Selecione pelo menos um registro." }]);
    expect(bulk("deal", { type: "delete" }, { all: { filter: {}, count: BULK_ALL_MAX } })).toBeUndefined();
    expect(bulk("deal", { type: "delete" }, { all: { filter: {}, count: BULK_ALL_MAX + 1 } })).toEqual([{ path: ["all", "count"], message: "No máximo 5.000 registros de uma vez." }]);
    expect(bulk("deal", { type: "delete" }, { all: { filter: {}, count: 0 } })).toEqual([{ path: ["all", "count"], message: "Nenhum registro corresponde ao filtro." }]);
    expect(bulk("lead", { type: "tag", tag: "x" }, { all: { filter: { minScore: 9, maxScore: 1 }, count: 2 } })).toEqual([{ path: ["all", "filter", "maxScore"], message: "A pontuação máxima deve ser maior que a mínima." }]);
    expect(bulk("deal", { type: "tag", tag: "" })).toEqual([{ path: ["action", "tag"], message: "Informe a etiqueta." }]);
  });
});

describe("bulkMatchingInput", () => {
  it("reads the filter with its entity's list schema, issues under filter", () => {
    expect(bulkMatchingInput.parse({ entity: "company", filter: { tag: " VIP " } })).toMatchObject({ entity: "company", filter: { tag: "vip" } });
    expect(issues(bulkMatchingInput, { entity: "deal", filter: { status: "x" } })?.map((i) => i.path)).toEqual([["filter", "status"]]);
    expect(issues(bulkMatchingInput, { entity: "x", filter: {} })).toEqual([{ path: ["entity"], message: "Tipo de registro desconhecido." }]);
  });
});

describe("bulk issues", () => {
  it("rule issues carry the custom code; a filter's issue keeps its list index as a number", () => {
    const codes = (input: unknown) => bulkInput.safeParse(input).error?.issues.map((i) => i.code);
    expect(codes({ entity: "deal", action: { type: "move" } })).toEqual(["custom", "custom"]);
    expect(codes({ entity: "lead", action: { type: "move" }, ids: [U1] })).toEqual(["custom"]);
    expect(codes({ entity: "lead", action: { type: "delete" }, ids: [U1] })).toEqual(["custom"]);
    expect(codes({ entity: "company", action: { type: "move" }, ids: [U1] })).toEqual(["custom"]);
    expect(bulkMatchingInput.safeParse({ entity: "deal", filter: { status: "x" } }).error?.issues.map((i) => i.code)).toEqual(["custom"]);
    expect(issues(bulkMatchingInput, { entity: "deal", filter: { custom: [{ fieldId: "x", value: 1 }] } })).toEqual([{ path: ["filter", "custom", 0, "fieldId"], message: "Identificador inválido." }]);
  });
});
