import { describe, expect, it } from "vitest";
import { privacy } from "./privacy";

describe("privacy deadlines' strings", () => {
  it("say what is left in business days in the singular and the plural, for requests and incidents", () => {
    for (const daysLeft of [privacy.admin.daysLeft, privacy.incidents.daysLeft]) {
      expect(daysLeft(3)).toBe("faltam 3 dias úteis");
      expect(daysLeft(1)).toBe("falta 1 dia útil");
      expect(daysLeft(0)).toBe("vence hoje");
      expect(daysLeft(-1)).toBe("1 dia útil em atraso");
      expect(daysLeft(-4)).toBe("4 dias úteis em atraso");
    }
  });
});
