import { describe, expect, it } from "vitest";
import { deliveryErrors } from "./i18n/pt-br/delivery-errors";
import { deliveryErrorText } from "./delivery-error";

const text = deliveryErrors;

describe("deliveryErrorText", () => {
  it("says WhatsApp's known codes in pt-BR, keeping its English title as the detail", () => {
    expect(deliveryErrorText({ code: 131047, title: "Re-engagement message" }, text)).toEqual({ text: "fora da janela de 24 h; use um template aprovado", detail: "Re-engagement message" });
    // The status webhook's code may come as a string of digits.
    expect(deliveryErrorText({ code: "131026", title: "Message undeliverable" }, text)?.text).toBe(text.known["131026"]);
  });

  it("names the code of one it does not know, in pt-BR", () => {
    expect(deliveryErrorText({ code: 131999, title: "Some new error" }, text)).toEqual({ text: "o WhatsApp recusou a mensagem (código 131999)", detail: "Some new error" });
  });

  it("says a send with no answer (connection, timeout) in pt-BR, not the socket's English", () => {
    expect(deliveryErrorText({ code: "error", title: "WhatsApp API unreachable: getaddrinfo ENOTFOUND graph.facebook.com" }, text)).toEqual({
      text: "não foi possível falar com o WhatsApp; tente enviar de novo",
      detail: "WhatsApp API unreachable: getaddrinfo ENOTFOUND graph.facebook.com",
    });
  });

  it("keeps our own refusals' pt-BR titles, and nothing for no error", () => {
    expect(deliveryErrorText({ code: "outside_window", title: "Fora da janela de 24 h e sem template aprovado configurado" }, text)).toEqual({ text: "Fora da janela de 24 h e sem template aprovado configurado", detail: null });
    expect(deliveryErrorText(null, text)).toBeNull();
  });
});
