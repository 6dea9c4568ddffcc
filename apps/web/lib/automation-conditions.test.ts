import { describe, expect, it } from "vitest";
import { conditionFields, opsFor, optionIndex, parseValue, valueText } from "./automation-conditions";

const custom = [
  { id: "7a3c1b52-8c3e-4d7e-9d8a-111111111111", entity_type: "deal", label: "Mensalidade", field_type: "currency", options: [] },
  { id: "7a3c1b52-8c3e-4d7e-9d8a-222222222222", entity_type: "deal", label: "Recorrente", field_type: "boolean", options: [] },
  { id: "7a3c1b52-8c3e-4d7e-9d8a-333333333333", entity_type: "lead", label: "Segmento", field_type: "select", options: ["Varejo"] },
];

describe("automation conditions in pt-BR", () => {
  it("money is typed in reais and stored in cents; numbers as numbers; what does not parse stays text", () => {
    expect(parseValue("money", "5.000,00")).toBe(500_000);
    expect(parseValue("money", "R$ 50")).toBe(5_000);
    expect(parseValue("money", "5000")).toBe(500_000);
    expect(parseValue("money", "cinco")).toBe("cinco");
    expect(parseValue("money", " ")).toBeNull();
    expect(parseValue("number", "7,5")).toBe(7.5);
    expect(parseValue("number", "40")).toBe(40);
    expect(parseValue("number", "x")).toBe("x");
    expect(valueText("money", 500_000)).toBe("5.000,00");
    expect(valueText("number", 7.5)).toBe("7,5");
    expect(valueText("money", null)).toBe("");
    // What the editor shows parses back to the stored value.
    for (const cents of [0, 1, 99, 123_456, 500_000]) expect(parseValue("money", valueText("money", cents))).toBe(cents);
  });

  it("a trigger offers its record's fields with pt-BR labels, codes picked by their labels, and its custom fields", () => {
    const deal = conditionFields("deal_lost", custom, { stages: ["Proposta", "Proposta", "Ganho"], lostReasons: ["Preço"] });
    const byField = Object.fromEntries(deal.map((f) => [f.field, f]));
    expect(byField.value_cents).toMatchObject({ label: "Valor do negócio", kind: "money" });
    expect(byField.status!.options).toEqual([{ value: "open", label: "Em andamento" }, { value: "won", label: "Ganho" }, { value: "lost", label: "Perdido" }]);
    expect(byField.to_stage!.options!.map((o) => o.value)).toEqual(["Proposta", "Ganho"]);
    expect(byField.lost_reason!.options).toEqual([{ value: "Preço", label: "Preço" }]);
    expect(byField[`custom.${custom[0]!.id}`]).toMatchObject({ label: "Mensalidade", kind: "money" });
    expect(byField[`custom.${custom[1]!.id}`]!.options).toEqual([{ value: true, label: "Sim" }, { value: false, label: "Não" }]);
    expect(byField[`custom.${custom[2]!.id}`]).toBeUndefined();
    expect(byField.source).toBeUndefined();

    const lead = conditionFields("lead_created", custom);
    const source = lead.find((f) => f.field === "source")!;
    expect(source.label).toBe("Origem do lead");
    expect(source.options!.find((o) => o.value === "whatsapp_ad")!.label).toBe("Anúncio no WhatsApp");
    expect(lead.find((f) => f.field === "stage")!.options!.find((o) => o.value === "qualified")!.label).toBe("Qualificado");
    expect(lead.some((f) => f.field === "previous_score" || f.field === "value_cents")).toBe(false);
    expect(conditionFields("score_changed", []).some((f) => f.field === "previous_score")).toBe(true);
    expect(conditionFields("meeting_outcome", []).find((f) => f.field === "outcome")!.options!.map((o) => o.label)).toContain("Proposta enviada");
  });

  it("saved codes find their option ignoring case; operators fit the kind of value", () => {
    const opts = conditionFields("lead_created", []).find((f) => f.field === "source")!.options!;
    expect(opts[optionIndex(opts, "WhatsApp")]!.value).toBe("whatsapp");
    expect(optionIndex(opts, "outra")).toBe(-1);
    expect(optionIndex([{ value: true, label: "Sim" }, { value: false, label: "Não" }], false)).toBe(1);
    expect(opsFor("money")).toContain("gte");
    expect(opsFor("money")).not.toContain("contains");
    expect(opsFor("choice")).toEqual(["eq", "neq", "is_set", "not_set"]);
    expect(opsFor("list")[0]).toBe("contains");
  });
});
