import { describe, expect, it } from "vitest";
import { inkOf, onColor } from "./color";

const channel = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const luminance = (hex: string) => {
  const n = parseInt(hex.slice(1), 16);
  return 0.2126 * channel(((n >> 16) & 255) / 255) + 0.7152 * channel(((n >> 8) & 255) / 255) + 0.0722 * channel((n & 255) / 255);
};
const hexOf = (c: string) => (c.startsWith("rgb(") ? `#${c.slice(4, -1).split(",").map((v) => Number(v).toString(16).padStart(2, "0")).join("")}` : c);
const contrast = (a: string, b: string) => {
  [a, b] = [hexOf(a), hexOf(b)];
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};

describe("onColor", () => {
  it("picks the text colour with the higher contrast on the brand colour", () => {
    expect(onColor("#2563eb")).toBe("#fff");
    expect(onColor("#1e3a8a")).toBe("#fff");
    expect(onColor("#16a34a")).toBe("#111827");
    expect(onColor("#f59e0b")).toBe("#111827");
    expect(onColor("#fff")).toBe("#111827");
    expect(onColor("#000")).toBe("#fff");
  });

  it("never picks the worse of the two, across the whole colour cube", () => {
    for (let r = 0; r < 256; r += 17)
      for (let g = 0; g < 256; g += 17)
        for (let b = 0; b < 256; b += 17) {
          const hex = `#${[r, g, b].map((c) => c.toString(16).padStart(2, "0")).join("")}`;
          const other = onColor(hex) === "#fff" ? "#111827" : "#ffffff";
          expect(contrast(hex, onColor(hex) === "#fff" ? "#ffffff" : "#111827"), hex).toBeGreaterThanOrEqual(contrast(hex, other));
        }
  });

  it("falls back to white for what it cannot read", () => {
    expect(onColor("rgb(0 0 0)")).toBe("#fff");
  });
});

describe("inkOf", () => {
  it("keeps a brand that already reads on white and darkens one that does not", () => {
    expect(inkOf("#2563eb")).toBe("rgb(37,99,235)");
    expect(contrast("#16a34a", "#ffffff")).toBeLessThan(4.5);
    expect(inkOf("#16a34a")).not.toBe("rgb(22,163,74)");
    expect(inkOf("not a colour")).toBe("#111827");
  });

  it("reads 4.5:1 on the panel's white and on its message list (#f9fafb), across the whole colour cube", () => {
    for (let r = 0; r < 256; r += 17)
      for (let g = 0; g < 256; g += 17)
        for (let b = 0; b < 256; b += 17) {
          const hex = `#${[r, g, b].map((c) => c.toString(16).padStart(2, "0")).join("")}`;
          expect(contrast(inkOf(hex), "#f9fafb"), hex).toBeGreaterThanOrEqual(4.5);
        }
  });
});
