import { describe, expect, it } from "vitest";
import { whatsAppMeter } from "./whatsapp-meter";

describe("whatsAppMeter", () => {
  it("maps each of Meta's categories to its meter, and any other to whatsapp_other", () => {
    expect(whatsAppMeter("marketing")).toBe("whatsapp_marketing");
    expect(whatsAppMeter("utility")).toBe("whatsapp_utility");
    expect(whatsAppMeter("authentication")).toBe("whatsapp_authentication");
    expect(whatsAppMeter("service")).toBe("whatsapp_service");
    expect(whatsAppMeter("marketing_lite")).toBe("whatsapp_other");
    expect(whatsAppMeter("")).toBe("whatsapp_other");
  });
});
