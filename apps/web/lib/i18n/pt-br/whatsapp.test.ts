import { describe, expect, it } from "vitest";
import { WHATSAPP_METERED_CATEGORIES } from "@vendaflow/core/billing/whatsapp-meter";
import { WHATSAPP_PRICING_CATEGORIES } from "@vendaflow/validators/whatsapp-costs";
import { whatsapp } from "./whatsapp";

describe("WhatsApp pricing categories in pt-BR", () => {
  it("every category of Meta's the platform knows has a name, never its id", () => {
    for (const c of WHATSAPP_PRICING_CATEGORIES) {
      const name = whatsapp.pricingCategoryName(c);
      expect([c, name.trim().length > 0 && name !== c]).toEqual([c, true]);
    }
    expect(["marketing", "utility", "authentication", "service"].map(whatsapp.pricingCategoryName)).toEqual(["Marketing", "Utilidade", "Autenticação", "Serviço"]);
  });

  it("the metered categories (the rate card's and the billing meters') are among them", () => {
    expect(WHATSAPP_METERED_CATEGORIES.filter((c) => !(WHATSAPP_PRICING_CATEGORIES as readonly string[]).includes(c))).toEqual([]);
  });

  it("a category Meta added since shows by its id, and an object's own keys are not names", () => {
    expect(whatsapp.pricingCategoryName("novidade_meta")).toBe("novidade_meta");
    expect(whatsapp.pricingCategoryName("constructor")).toBe("constructor");
  });
});
