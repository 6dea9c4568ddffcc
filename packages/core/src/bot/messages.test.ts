import { describe, expect, it } from "vitest";
import type { FlowStep } from "@vendaflow/validators/flow";
import { messages } from "./messages";

const step = (kind: FlowStep["kind"], extra: Partial<FlowStep> = {}): FlowStep => ({ id: "s", kind, question: "?", ...extra });
const SKIP = 'Se preferir não responder, digite "pular".';

describe("messages.invalid", () => {
  it("asks again in the terms of each kind of step", () => {
    // Asked of anyone, so in words that agree with any gender ("ser chamado" did not, to Luíza).
    expect(messages.invalid(step("contact_name"))).toBe("Não consegui entender seu nome. Como você prefere que eu te chame?");
    expect(messages.invalid(step("contact_email"))).toMatch(/^Esse e-mail não parece válido\. .*Ex\.: nome@empresa\.com\.br\.$/);
    expect(messages.invalid(step("number"))).toMatch(/^Não entendi o valor\. .*Ex\.: 5000 ou 5 mil\.$/);
    expect(messages.invalid(step("date"))).toMatch(/^Não entendi a data\. .*dd\/mm\/aaaa\?$/);
    expect(messages.invalid(step("text"))).toBe("Pode me contar um pouco mais?");
    expect(messages.invalid(step("options"))).toBe("Não entendi sua resposta. Responda com o número ou o texto de uma das opções.");
  });

  it("on a step with bands also accepts a value", () => {
    const banded = step("options", { bands: { boundary: "lower_inclusive", ranges: [{ optionId: "a", max: 1000 }] } });
    expect(messages.invalid(banded)).toBe("Não entendi sua resposta. Responda com o número de uma das opções ou com um valor (ex.: 3 mil).");
  });

  it("every kind gets a different text, and the skip hint only when the step is skippable", () => {
    const kinds: FlowStep["kind"][] = ["contact_name", "contact_email", "number", "date", "text", "options"];
    const plain = kinds.map((k) => messages.invalid(step(k)));
    expect(new Set(plain).size).toBe(kinds.length);
    for (const text of plain) expect(text).not.toContain("pular");
    for (const k of kinds) expect(messages.invalid(step(k, { skippable: true }))).toBe(`${messages.invalid(step(k))} ${SKIP}`);
  });

  it("leaves the skip hint to the re-asked question when that question already gives it", () => {
    const asks = step("contact_email", { skippable: true, question: 'Qual é o seu e-mail? Se preferir não informar, digite "pular".' });
    expect(messages.invalid(asks)).toBe(messages.invalid(step("contact_email")));
  });
});

describe("messages.greetName", () => {
  it("greets by the first name only", () => {
    expect(messages.greetName("Ana Paula Souza")).toBe("Prazer, Ana!");
    expect(messages.greetName("João")).toBe("Prazer, João!");
  });
});

describe("messages.closed", () => {
  // 2025-03-07 is a Friday; São Paulo is UTC-3.
  const SP = "America/Sao_Paulo";
  it("says when the team is back, in Brasília time, as today, tomorrow or the weekday with dd/mm", () => {
    expect(messages.closed(new Date("2025-03-07T12:00:00Z"), new Date("2025-03-07T10:30:00Z"), SP)).toBe(
      "No momento estamos fora do horário de atendimento. Nossa equipe volta hoje às 09:00 (horário de Brasília) e continua a conversa com você por aqui.",
    );
    // 22:30 on Thursday in São Paulo is already Friday in UTC: "amanhã" counts local days.
    expect(messages.closed(new Date("2025-03-07T12:00:00Z"), new Date("2025-03-07T01:30:00Z"), SP)).toContain("volta amanhã às 09:00 (horário de Brasília)");
    expect(messages.closed(new Date("2025-03-10T12:00:00Z"), new Date("2025-03-07T21:30:00Z"), SP)).toContain("volta segunda-feira, 10/03 às 09:00 (horário de Brasília)");
  });
  it("names no Brasília time for hours kept in another zone", () => {
    expect(messages.closed(new Date("2025-03-10T12:00:00Z"), new Date("2025-03-07T21:30:00Z"), "America/Manaus")).toContain("volta segunda-feira, 10/03 às 08:00 e continua");
  });
});
