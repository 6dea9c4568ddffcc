import { describe, expect, it } from "vitest";
import { BULK_ALL_MAX, bulkInput, bulkMatchingInput } from "./crm-bulk";
import { timelineInput } from "./crm-timeline";
import { viewInput } from "./crm-views";

const id = "0b7e7c1e-8d5a-4b1e-9c62-1f0a3d2b4c5d";
const firstIssue = (r: { success: boolean; error?: { issues: { message: string; path: PropertyKey[] }[] } }) => r.error?.issues[0];

describe("bulkInput", () => {
  it("dedupes ids and lower-cases the tag", () => {
    const v = bulkInput.parse({ entity: "contact", ids: [id, id], action: { type: "tag", tag: "  VIP " } });
    expect(v.ids).toEqual([id]);
    expect(v.action).toEqual({ type: "tag", tag: "vip" });
  });
  it("refuses an empty or oversized selection, an empty tag, and actions the record kind lacks", () => {
    expect(firstIssue(bulkInput.safeParse({ entity: "deal", ids: [], action: { type: "delete" } }))?.message).toBe("Selecione pelo menos um registro.");
    expect(firstIssue(bulkInput.safeParse({ entity: "deal", ids: Array(501).fill(id), action: { type: "delete" } }))?.message).toBe("No máximo 500 registros por vez.");
    expect(firstIssue(bulkInput.safeParse({ entity: "deal", ids: [id], action: { type: "tag", tag: " " } }))?.message).toBe("Informe a etiqueta.");
    expect(firstIssue(bulkInput.safeParse({ entity: "company", ids: [id], action: { type: "move", stageId: id } }))?.message).toBe("Empresas e contatos não têm etapa.");
    expect(firstIssue(bulkInput.safeParse({ entity: "deal", ids: [id], action: { type: "move" } }))?.path).toEqual(["action", "stageId"]);
    expect(firstIssue(bulkInput.safeParse({ entity: "lead", ids: [id], action: { type: "assign", ownerId: null } }))?.message).toBe("Leads aceitam etiqueta e etapa em massa.");
    expect(firstIssue(bulkInput.safeParse({ entity: "lead", ids: [id], action: { type: "move", leadStage: "won" } }))?.message).toBe("Etapa de lead desconhecida.");
  });
});

describe("bulkInput: every record matching the filter", () => {
  it("reads the filter with the entity's list schema and keeps the confirmed count", () => {
    const v = bulkInput.parse({ entity: "lead", all: { filter: { tag: " VIP ", minScore: 10 }, count: 42 }, action: { type: "tag", tag: "lote" } });
    expect(v.ids).toBeNull();
    expect(v.all).toMatchObject({ count: 42, filter: { tag: "vip", minScore: 10, sort: "created" } });
    expect(bulkMatchingInput.parse({ entity: "deal", filter: { status: "open" } }).filter).toMatchObject({ status: "open" });
  });
  it("refuses both or neither of ids and all, a bad filter (named under all.filter), a count over the limit", () => {
    expect(firstIssue(bulkInput.safeParse({ entity: "lead", action: { type: "tag", tag: "x" } }))?.message).toBe("Selecione registros ou todos os do filtro.");
    expect(firstIssue(bulkInput.safeParse({ entity: "lead", ids: [id], all: { filter: {}, count: 1 }, action: { type: "tag", tag: "x" } }))?.message).toBe("Selecione registros ou todos os do filtro.");
    expect(firstIssue(bulkInput.safeParse({ entity: "lead", all: { filter: { minScore: -1 }, count: 1 }, action: { type: "tag", tag: "x" } }))?.path).toEqual(["all", "filter", "minScore"]);
    expect(firstIssue(bulkInput.safeParse({ entity: "deal", all: { filter: { status: "zzz" }, count: 1 }, action: { type: "delete" } }))?.path).toEqual(["all", "filter", "status"]);
    expect(firstIssue(bulkInput.safeParse({ entity: "deal", all: { filter: {}, count: BULK_ALL_MAX + 1 }, action: { type: "delete" } }))?.message).toBe("No máximo 5.000 registros de uma vez.");
    expect(firstIssue(bulkMatchingInput.safeParse({ entity: "company", filter: { ownerId: "x" } }))?.path).toEqual(["filter", "ownerId"]);
  });
});

describe("viewInput", () => {
  it("keeps columns once, in order, and fills defaults", () => {
    const v = viewInput.parse({ entity: "lead", name: " Quentes ", config: { columns: ["name", "score", "name"] } });
    expect(v).toEqual({ id: null, entity: "lead", name: "Quentes", config: { columns: ["name", "score"], filters: {} }, isDefault: false });
  });
  it("limits match the table: name 60, 30 columns, 20 filters, known lists only", () => {
    expect(firstIssue(viewInput.safeParse({ entity: "lead", name: "x".repeat(61), config: {} }))?.message).toBe("O nome deve ter no máximo 60 caracteres.");
    expect(firstIssue(viewInput.safeParse({ entity: "lead", name: "x", config: { columns: Array.from({ length: 31 }, (_, i) => `c${i}`) } }))?.message).toBe("No máximo 30 colunas.");
    const filters = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`f${i}`, "x"]));
    expect(firstIssue(viewInput.safeParse({ entity: "lead", name: "x", config: { filters } }))?.message).toBe("No máximo 20 filtros.");
    expect(firstIssue(viewInput.safeParse({ entity: "invoice", name: "x", config: {} }))?.message).toBe("Lista desconhecida.");
    expect(viewInput.safeParse({ entity: "lead", name: "x", config: { columns: ["1bad"] } }).success).toBe(false);
  });
});

describe("timelineInput", () => {
  it("takes exactly one record", () => {
    expect(timelineInput.parse({ dealId: id })).toEqual({ dealId: id, limit: 20 });
    expect(firstIssue(timelineInput.safeParse({}))?.message).toBe("Informe um registro: lead, contato, empresa ou negócio.");
    expect(timelineInput.safeParse({ dealId: id, leadId: id }).success).toBe(false);
  });
});
