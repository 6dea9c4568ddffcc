import { defaultBantFlow } from "@vendaflow/core/bot/default-flow";
import { describe, expect, it } from "vitest";
import { leadInputText } from "./flow-input";

describe("a lead's input in the flow simulator", () => {
  it("reads a WhatsApp Flow form as the admin's questions and option labels, not step and option ids", () => {
    const text = leadInputText(defaultBantFlow, { kind: "form", answers: { name: "Duda", email: "", budget: "1k_5k", gone: "x" } }, "name");
    expect(text).toBe(
      [
        "Olá! Para começarmos, qual é o seu nome?\nDuda",
        'Qual é o seu e-mail? Se preferir não informar, digite "pular".\nNão respondeu',
        "Qual é o orçamento previsto para esta solução?\nR$ 1-5 mil",
        // A step the draft no longer has keeps its id: there is no question to show.
        "gone\nx",
      ].join("\n\n"),
    );
  });

  it("reads a tapped option as its label, as the form does", () => {
    expect(leadInputText(defaultBantFlow, { kind: "option", optionId: "1k_5k" }, "budget")).toBe("R$ 1-5 mil");
    expect(leadInputText(defaultBantFlow, { kind: "text", text: "oi" }, "name")).toBe("oi");
  });
});
