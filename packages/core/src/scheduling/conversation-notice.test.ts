import { describe, expect, it } from "vitest";
import { canceledText, whenBrasilia } from "./conversation-notice";

// 3 Dec 2026, 17:00 UTC: 14:00 in São Paulo, whatever the server's zone.
const at = new Date("2026-12-03T17:00:00Z");

describe("meeting messages to the lead", () => {
  it("say whose clock the time is on, the cancellation as the confirmation and the reminders do", () => {
    expect(whenBrasilia(at)).toBe("quinta-feira, 03/12 às 14:00 (horário de Brasília)");
    expect(canceledText(at)).toBe("Sua reunião de quinta-feira, 03/12 às 14:00 (horário de Brasília) foi cancelada. Se quiser, é só pedir um novo horário por aqui.");
  });
});
