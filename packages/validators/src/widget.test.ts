import { describe, expect, it } from "vitest";
import { seqAfter, widgetConsentInput, widgetSendInput } from "./widget";

describe("seqAfter", () => {
  it.each([
    ["42", 42],
    ["1", 1],
    [String(Number.MAX_SAFE_INTEGER), Number.MAX_SAFE_INTEGER],
  ])("reads %s as %d", (raw, n) => expect(seqAfter(raw)).toBe(n));
  it.each([null, undefined, "", "0", "-1", "1.5", "abc", "1e400", String(2 ** 70), "Infinity"])("reads %s as 0 (from the start)", (raw) => {
    expect(seqAfter(raw)).toBe(0);
  });
});

describe("widgetSendInput", () => {
  it("takes a text or an option", () => {
    expect(widgetSendInput.parse({ clientMessageId: "c-123456", text: "  oi  " }).text).toBe("oi");
    expect(widgetSendInput.parse({ clientMessageId: "c-123456", optionId: "budget-1" }).optionId).toBe("budget-1");
  });
  it("refuses a send with neither, on the text field", () => {
    const r = widgetSendInput.safeParse({ clientMessageId: "c-123456" });
    expect(r.success).toBe(false);
    expect(r.error!.issues).toEqual([expect.objectContaining({ path: ["text"], message: "Envie um texto ou escolha uma opção." })]);
  });
  it("refuses a blank text and one over 2000 characters with pt-BR messages", () => {
    expect(widgetSendInput.safeParse({ clientMessageId: "c-123456", text: "   " }).error!.issues[0]!.message).toBe("Digite uma mensagem.");
    expect(widgetSendInput.safeParse({ clientMessageId: "c-123456", text: "a".repeat(2001) }).error!.issues[0]!.message).toContain("2000");
    expect(widgetSendInput.safeParse({ clientMessageId: "c-123456", text: "a".repeat(2000) }).success).toBe(true);
  });
});

describe("widgetConsentInput", () => {
  it("requires the service notice to be accepted", () => {
    const r = widgetConsentInput.safeParse({ version: "v1", service: false, marketing: true });
    expect(r.error!.issues[0]!.message).toBe("É preciso aceitar o aviso de privacidade para conversar.");
    expect(widgetConsentInput.parse({ version: "v1", service: true, marketing: false })).toEqual({ version: "v1", service: true, marketing: false });
  });
});
