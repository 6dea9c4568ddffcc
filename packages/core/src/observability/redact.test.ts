import { describe, expect, it } from "vitest";
import { createLogger } from "./logger";
import { redact, redactString } from "./redact";

describe("log redaction", () => {
  it("masks e-mails and phone numbers inside any string, keeping ids, dates and small numbers", () => {
    expect(redactString('duplicate key (email)=(lucia.prado+x@prado.com.br) for 5511987654321 and +55 (11) 98765-4321')).toBe("duplicate key (email)=([email]) for [phone] and [phone]");
    expect(redactString("(11) 98765-4321, 11 3456-7890")).toBe("([phone], [phone]");
    const kept = "tenant 550e8400-e29b-41d4-a716-446655440000 at 2026-12-02T03:52:28.123Z took 1234567 ms, wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFjNFQjBDMEU0";
    expect(redactString(kept)).toBe(kept);
  });

  it("drops fields named for personal data whatever they hold, at any depth, and error messages are masked", () => {
    const out = redact({ tenantId: "t1", count: 3, lead: { name: "Lúcia", email: "l@p.com", phone: "11987654321", tags: ["vip"] }, messages: [{ text: "meu cpf é 123" }], error: new Error("send to 5511987654321 failed") });
    expect(out).toEqual({ tenantId: "t1", count: 3, lead: { name: "[redacted]", email: "[redacted]", phone: "[redacted]", tags: ["vip"] }, messages: [{ text: "[redacted]" }], error: { name: "Error", message: "send to [phone] failed" } });
  });

  it("the logger writes one JSON line per event, at or above its level, redacted", () => {
    const lines: string[] = [];
    const log = createLogger(() => "info", (l) => lines.push(l));
    log.debug("skipped", { a: 1 });
    log.warn("whatsapp.event_failed", { from: "5511987654321", error: "lead 5511987654321 / a@b.co" });
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!);
    expect(line).toMatchObject({ level: "warn", msg: "whatsapp.event_failed", from: "[redacted]", error: "lead [phone] / [email]" });
    expect(typeof line.time).toBe("string");
  });
});
