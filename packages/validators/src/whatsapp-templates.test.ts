import { describe, expect, it } from "vitest";
import { placeholderCount, previewTemplate } from "./whatsapp-templates";

describe("template preview", () => {
  it("fills {{n}} with the values and leaves missing ones visible", () => {
    expect(previewTemplate("Olá {{1}}, sua reunião é {{ 2 }}. {{3}}", ["Ana", "amanhã"])).toBe("Olá Ana, sua reunião é amanhã. {{3}}");
  });
  it("counts placeholders by the highest index", () => {
    expect(placeholderCount("{{1}} e {{3}}")).toBe(3);
    expect(placeholderCount(null)).toBe(0);
  });
});
