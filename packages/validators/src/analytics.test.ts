import { describe, expect, it } from "vitest";
import { ANALYTICS_MAX_DAYS, analyticsFilterInput } from "./analytics";

const id = "0f0e3a3c-1b7e-4a51-9d8f-2a3b4c5d6e7f";
const issues = (r: { error?: { issues: { message: string; path: PropertyKey[] }[] } }) => r.error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`) ?? [];

describe("dashboard filter", () => {
  it("takes a range of São Paulo days, optionally one inbox and one team", () => {
    expect(analyticsFilterInput.parse({ from: "2026-11-01", to: "2026-11-30", inboxId: id, teamId: null })).toEqual({ from: "2026-11-01", to: "2026-11-30", inboxId: id, teamId: null });
    expect(analyticsFilterInput.safeParse({ from: "2026-11-01", to: "2026-11-01" }).success).toBe(true);
  });
  it("refuses a range that ends before it starts", () => {
    expect(issues(analyticsFilterInput.safeParse({ from: "2026-11-02", to: "2026-11-01" }))).toEqual(["to: A data final deve ser igual ou posterior à inicial."]);
  });
  it("allows a year and a day (a leap year's last 12 months) and no more", () => {
    expect(ANALYTICS_MAX_DAYS).toBe(366);
    expect(analyticsFilterInput.safeParse({ from: "2024-01-01", to: "2024-12-31" }).success).toBe(true);
    expect(issues(analyticsFilterInput.safeParse({ from: "2024-01-01", to: "2025-01-01" }))).toEqual(["to: O período pode ter no máximo 366 dias."]);
  });
  it("names a malformed date or id in pt-BR", () => {
    expect(issues(analyticsFilterInput.safeParse({ from: "01/11/2026", to: "2026-11-30" }))).toEqual(["from: Data inválida (use AAAA-MM-DD)."]);
    expect(issues(analyticsFilterInput.safeParse({ from: "2026-11-01", to: "2026-11-30", teamId: "x" }))).toEqual(["teamId: Identificador inválido."]);
  });
});
