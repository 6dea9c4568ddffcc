import { describe, expect, it } from "vitest";
import { billingNotices } from "./billing-notices";

describe("billing banner's strings", () => {
  it("counts the trial's last days in the singular and the plural", () => {
    expect(billingNotices.banner.trial_ending(3)).toBe("Seu teste termina em 3 dias. Escolha um plano para não perder o acesso.");
    expect(billingNotices.banner.trial_ending(1)).toBe("Seu teste termina em 1 dia. Escolha um plano para não perder o acesso.");
    expect(billingNotices.banner.trial_ending(0)).toBe("Seu teste termina hoje. Escolha um plano para não perder o acesso.");
  });

  it("says at 80% what happens at the limit, and at 100% that it was reached", () => {
    expect(billingNotices.banner.usage(85)).toBe("Você já usou 85% das mensagens do plano este mês. No limite, o bot continua por uma pequena margem e depois passa novas conversas para a equipe.");
    expect(billingNotices.banner.usage(100)).toMatch(/^Você atingiu o limite de mensagens do plano/);
  });
});
