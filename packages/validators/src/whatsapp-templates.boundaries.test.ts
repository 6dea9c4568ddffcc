import { describe, expect, it } from "vitest";
import { placeholderCount, previewTemplate } from "./whatsapp-templates";

describe("template placeholders of more than one digit, with spaces inside the braces", () => {
  it("previewTemplate fills {{10}} and {{ 2 }}", () => {
    const params = Array.from({ length: 10 }, (_, i) => `p${i + 1}`);
    expect(previewTemplate("{{10}} {{ 2 }} {{3 }}", params)).toBe("p10 p2 p3");
  });
  it("placeholderCount reads the highest, capped at 100", () => {
    expect(placeholderCount("{{ 2 }}")).toBe(2);
    expect(placeholderCount("{{2 }}")).toBe(2);
    expect(placeholderCount("{{12}} {{3}}")).toBe(12);
    expect(placeholderCount("{{101}}")).toBe(100);
    expect(placeholderCount(null)).toBe(0);
    expect(placeholderCount("{{x}}")).toBe(0);
  });
});
