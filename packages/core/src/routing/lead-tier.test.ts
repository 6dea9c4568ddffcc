import { describe, expect, it } from "vitest";
import { defaultTierConfig, leadTier, tierSlaMinutes } from "./lead-tier";

describe("leadTier", () => {
  it.each([
    [150, "hot"],
    [100, "hot"],
    [99, "warm"],
    [70, "warm"],
    [69, "cold"],
    [0, "cold"],
    [-5, "cold"],
  ] as const)("score %i is %s", (score, tier) => {
    expect(leadTier(score)).toBe(tier);
  });
  it("takes other thresholds", () => {
    const cfg = { ...defaultTierConfig, hotMin: 50, warmMin: 20 };
    expect([leadTier(50, cfg), leadTier(20, cfg), leadTier(19, cfg)]).toEqual(["hot", "warm", "cold"]);
  });
});

describe("tierSlaMinutes", () => {
  it("defaults to 5 / 30 / 240 minutes", () => {
    expect([tierSlaMinutes("hot"), tierSlaMinutes("warm"), tierSlaMinutes("cold")]).toEqual([5, 30, 240]);
  });
  it("lets a team override single tiers", () => {
    expect(tierSlaMinutes("hot", { hot: 2 })).toBe(2);
    expect(tierSlaMinutes("cold", { hot: 2 })).toBe(240);
  });
});
