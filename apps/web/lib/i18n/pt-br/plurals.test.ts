import { describe, expect, it } from "vitest";
import { messages } from "@/lib/i18n";

const t = messages();

// Counted text reads as pt-BR, never "lead(s) anonimizado(s)".
describe("counted strings", () => {
  it("retention, WhatsApp templates and Flow questions agree with their number", () => {
    expect(t.privacy.retention.wouldAnonymise(1, "01/06/2026")).toBe("1 lead sem atividade desde 01/06/2026 seria anonimizado.");
    expect(t.privacy.retention.wouldAnonymise(3, "01/06/2026")).toBe("3 leads sem atividade desde 01/06/2026 seriam anonimizados.");
    expect(t.privacy.retention.lastRun("05/12/2026", 1)).toBe("Última execução: 05/12/2026 (1 anonimizado).");
    expect(t.privacy.retention.applied(2, 0)).toBe("2 leads anonimizados.");
    expect(t.whatsapp.templates.synced(1)).toBe("1 template sincronizado.");
    expect(t.whatsappFlows.downloaded(2, "BANT", 3)).toBe('Flow JSON com 2 perguntas de "BANT" (versão 3).');
  });
});
