import { describe, expect, it } from "vitest";
import { pickFromCard } from "./contact-card";

const card = {
  name: "  Beatriz Lima ",
  phones: [
    { phone: "(11) 98888-7777", type: "CELL" },
    { phone: "+1 415 555 0100" },
    { phone: "ramal 12" },
    { phone: "", waId: "5521977776666" },
  ],
  emails: [{ email: " Bia@Empresa.COM.br " }, { email: "não é e-mail" }],
};
const none = { name: false, phone: null, email: null };

describe("pickFromCard: the fields an agent chose from a contact card", () => {
  it("normalises a Brazilian phone to E.164 with the CRM's normalizePhone, keeps other countries with +, and the e-mail lower-cased", () => {
    expect(pickFromCard(card, { ...none, name: true, phone: 0, email: 0 })).toEqual({ name: "Beatriz Lima", phone: "+5511988887777", email: "bia@empresa.com.br" });
    expect(pickFromCard(card, { ...none, phone: 1 })).toEqual({ phone: "+14155550100" });
  });

  it("falls back to the WhatsApp id when the phone text is empty, and keeps it for matching", () => {
    expect(pickFromCard(card, { ...none, phone: 3 })).toEqual({ phone: "+5521977776666", waId: "5521977776666" });
  });

  it("refuses what is not usable: a phone that is not one, an invalid e-mail, a position not on the card, a missing name", () => {
    expect(() => pickFromCard(card, { ...none, phone: 2 })).toThrow(/Telefone do cartão inválido/);
    expect(() => pickFromCard(card, { ...none, email: 1 })).toThrow(/E-mail do cartão inválido/);
    expect(() => pickFromCard(card, { ...none, phone: 9 })).toThrow(/não encontrado/);
    expect(() => pickFromCard({ phones: [], emails: [] }, { ...none, name: true })).toThrow(/não tem nome/);
  });

  it("takes only what was chosen", () => {
    expect(pickFromCard(card, { ...none, email: 0 })).toEqual({ email: "bia@empresa.com.br" });
  });
});
