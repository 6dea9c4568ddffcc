import { describe, expect, it } from "vitest";
import { botMayServe, quotaExceeded, warningToSend, type MessageQuota } from "./quotas";

const q = (over: Partial<MessageQuota>): MessageQuota => ({ billed: true, readOnly: false, limit: 1000, gracePercent: 10, used: 0, ...over });

describe("botMayServe", () => {
  it("serves new conversations up to the limit plus the grace percentage, then hands them to humans", () => {
    expect(botMayServe(q({ used: 999 }), true)).toEqual({ serve: true });
    expect(botMayServe(q({ used: 1000 }), true)).toEqual({ serve: true }); // at the limit: grace
    expect(botMayServe(q({ used: 1099 }), true)).toEqual({ serve: true });
    expect(botMayServe(q({ used: 1100 }), true)).toEqual({ serve: false, reason: "quota_exceeded" });
    expect(botMayServe(q({ used: 1000, gracePercent: 0 }), true)).toEqual({ serve: false, reason: "quota_exceeded" });
  });
  it("never cuts a conversation already with the bot, and never limits unbilled or unlimited tenants", () => {
    expect(botMayServe(q({ used: 5000 }), false)).toEqual({ serve: true });
    expect(botMayServe(q({ used: 5000, limit: null }), true)).toEqual({ serve: true });
    expect(botMayServe(q({ billed: false, used: 5000 }), true)).toEqual({ serve: true });
  });
  it("a read-only account hands new conversations to humans", () => {
    expect(botMayServe(q({ readOnly: true }), true)).toEqual({ serve: false, reason: "billing_inactive" });
  });
});

describe("warningToSend", () => {
  it("warns once at 80% and once at 100%", () => {
    expect(warningToSend(1000, 799, 0)).toBeNull();
    expect(warningToSend(1000, 800, 0)).toBe(80);
    expect(warningToSend(1000, 900, 80)).toBeNull();
    expect(warningToSend(1000, 1000, 80)).toBe(100);
    expect(warningToSend(1000, 1000, 0)).toBe(100); // jumped past both: the higher one
    expect(warningToSend(1000, 1200, 100)).toBeNull();
    expect(warningToSend(null, 10_000, 0)).toBeNull();
  });
});

describe("quotaExceeded", () => {
  it("names the limited resource in Portuguese, singular for a limit of 1", () => {
    expect(quotaExceeded("inboxes", 1).message).toBe("Seu plano permite até 1 caixa de entrada de site ou API. Faça upgrade para continuar.");
    expect(quotaExceeded("inboxes", 3).message).toBe("Seu plano permite até 3 caixas de entrada de site ou API. Faça upgrade para continuar.");
    expect(quotaExceeded("users", 1).message).toContain("até 1 usuário.");
    expect(quotaExceeded("users", 15).message).toContain("até 15 usuários.");
    expect(quotaExceeded("whatsapp_numbers", 1).message).toContain("até 1 número de WhatsApp.");
    expect(quotaExceeded("messages", 5000).message).toContain("até 5.000 mensagens do mês.");
  });
});
