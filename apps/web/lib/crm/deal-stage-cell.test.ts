import { describe, expect, it } from "vitest";
import { messages } from "@/lib/i18n";
import { statusBadgeAddsInfo } from "./deal-stage-cell";

const t = messages();

describe("the deal list's stage cell", () => {
  it("leaves out the status badge when the stage says the same", () => {
    expect(statusBadgeAddsInfo("Perdido", t.crm.deals.status.lost)).toBe(false);
    expect(statusBadgeAddsInfo(" ganho ", t.crm.deals.status.won)).toBe(false);
  });
  it("keeps it when the stage says something else", () => {
    expect(statusBadgeAddsInfo("Proposta", t.crm.deals.status.won)).toBe(true);
    expect(statusBadgeAddsInfo("Negociação", t.crm.deals.status.open)).toBe(true);
  });
});
