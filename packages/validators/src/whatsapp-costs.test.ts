import { describe, expect, it } from "vitest";
import { monthSchema, perThousandCentsSchema, pricingCategorySchema, setWhatsAppPricesInput, whatsAppUsageInput } from "./whatsapp-costs";

describe("whatsapp cost inputs", () => {
  it("reads months as AAAA-MM", () => {
    expect(monthSchema.parse("2026-01")).toBe("2026-01");
    expect(monthSchema.parse("2026-12")).toBe("2026-12");
    for (const bad of ["2026-00", "2026-13", "2026-1", "26-01", "2026-01-01"]) expect(monthSchema.safeParse(bad).error!.issues[0]!.message).toBe("Mês inválido: use AAAA-MM.");
  });
  it("prices per thousand in whole, non-negative cents up to R$ 100.000,00", () => {
    expect(perThousandCentsSchema.parse(0)).toBe(0);
    expect(perThousandCentsSchema.parse(10_000_000)).toBe(10_000_000);
    expect(perThousandCentsSchema.safeParse(-1).error!.issues[0]!.message).toBe("O preço não pode ser negativo.");
    expect(perThousandCentsSchema.safeParse(1.5).error!.issues[0]!.message).toBe("Use centavos inteiros.");
    expect(perThousandCentsSchema.safeParse(10_000_001).error!.issues[0]!.message).toContain("R$ 100.000,00");
  });
  it("takes Meta's category names only", () => {
    expect(pricingCategorySchema.parse("service")).toBe("service");
    expect(pricingCategorySchema.safeParse("Marketing").success).toBe(false);
  });
  it("refuses a rate card that names a category twice", () => {
    const p = (category: string) => ({ category, perThousandCents: 100 });
    expect(setWhatsAppPricesInput.safeParse({ prices: [p("service"), p("marketing")] }).success).toBe(true);
    expect(setWhatsAppPricesInput.safeParse({ prices: [p("service"), p("marketing"), p("service")] }).error!.issues[0]!.message).toBe("Categoria repetida.");
    expect(setWhatsAppPricesInput.safeParse({ prices: [] }).error!.issues[0]!.message).toBe("Informe ao menos uma categoria.");
  });
  it("reports six months by default, at most 24", () => {
    expect(whatsAppUsageInput.parse({}).months).toBe(6);
    expect(whatsAppUsageInput.safeParse({ months: 25 }).success).toBe(false);
  });
});
