import { describe, expect, it } from "vitest";
import { incidentDaysLeft, incidentDeadline, incidentNotice } from "./incident-notice";

describe("incident deadline and notice", () => {
  it("is due 3 business days after the company knew, skipping weekends and holidays", () => {
    // Known on Friday 13 Feb 2026 (Brasília) → Carnaval Mon/Tue → due Fri 20 Feb.
    expect(incidentDeadline(new Date("2026-02-13T15:00:00Z"))).toBe("2026-02-20");
    // Known late on Thursday night in Brasília (already Friday in UTC) counts from Thursday.
    expect(incidentDeadline(new Date("2026-12-04T01:30:00Z"))).toBe("2026-12-08");
    expect(incidentDaysLeft(new Date("2026-02-13T15:00:00Z"), new Date("2026-02-18T12:00:00Z"))).toBe(2);
  });

  it("writes the notice in pt-BR with what, when, data, subjects, measures and the DPO", () => {
    const text = incidentNotice({
      company: "Padaria Sol",
      dpo: { name: "Helena", email: "dpo@sol.com.br", phone: "" },
      title: "Acesso indevido a uma caixa de e-mail",
      description: "Uma conta de atendimento teve a senha vazada.",
      occurredAt: new Date("2026-12-01T13:00:00Z"),
      knownAt: new Date("2026-12-01T18:30:00Z"),
      dataCategories: ["nome", "e-mail", "telefone"],
      subjectsAffected: 1234,
      measures: "Trocamos as senhas e ativamos o segundo fator.",
      risk: "medium",
    });
    expect(text).toContain("Comunicado de incidente de segurança com dados pessoais — Padaria Sol");
    expect(text).toContain("ocorreu em 01/12/2026, 10:00 e tomamos conhecimento em 01/12/2026, 15:30");
    expect(text).toContain("Dados envolvidos: nome, e-mail, telefone.");
    expect(text).toContain("Titulares afetados: 1.234. Risco avaliado: médio.");
    expect(text).toContain("Contato do encarregado (DPO): Helena · dpo@sol.com.br.");
  });
});
