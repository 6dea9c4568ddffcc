import { describe, expect, it } from "vitest";
import { RECORD_DATA_LABEL } from "./record-data-labels";
import { recordsOfProcessing, subProcessors } from "./records";
import { PERSONAL_DATA } from "./registry";

describe("records of processing and sub-processors", () => {
  it("lists every tenant-side table of the registry with purpose, basis, subjects and data", () => {
    const records = recordsOfProcessing();
    const tenantSide = PERSONAL_DATA.filter((e) => e.holders.some((h) => h !== "platform")).map((e) => e.table);
    expect(records.map((r) => r.table)).toEqual(tenantSide);
    const leads = records.find((r) => r.table === "leads")!;
    expect(leads).toMatchObject({ legalBasis: "execucao_de_contrato", subjects: ["Leads (titulares que iniciaram contato)"], onRequest: "anonimizado a pedido do titular" });
    expect(leads.data).toContain("e-mail");
    expect(leads.data).toContain("número do WhatsApp");
    expect(records.find((r) => r.table === "platform_operators")).toBeUndefined();
  });

  it("names every registry column's data in pt-BR, never by the column's name", () => {
    for (const e of PERSONAL_DATA) for (const c of e.columns) expect(RECORD_DATA_LABEL[c], `${e.table}.${c}`).toBeTruthy();
    const data = recordsOfProcessing().flatMap((r) => r.data);
    expect(data.filter((d) => /_/.test(d) || /^(name|email|phone|payload|text)$/.test(d))).toEqual([]);
  });

  it("names the AI provider only when the AI layer is on", () => {
    expect(subProcessors(null).some((s) => s.service.startsWith("Modelo de IA"))).toBe(false);
    expect(subProcessors({ provider: "openai" }).at(-1)).toMatchObject({ name: "OpenAI", country: "Estados Unidos" });
    for (const s of subProcessors(null)) expect(s.transfer).toMatch(/Res\. ANPD 19\/2024/);
  });
});
