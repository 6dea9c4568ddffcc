import { describe, expect, it } from "vitest";
import { stamp } from "./render";

const SP = "America/Sao_Paulo";
// 5 Dec 2026, 10:00 in São Paulo (UTC-3).
const now = new Date("2026-12-05T13:00:00Z");

describe("stamp", () => {
  it("shows the time alone for today, in the lead's zone", () => {
    expect(stamp("2026-12-05T12:05:00Z", now, SP)).toBe("09:05");
    // 01:30 UTC on the 5th is still the 4th in São Paulo: yesterday there.
    expect(stamp("2026-12-05T01:30:00Z", now, SP)).toBe("ontem, 22:30");
    expect(stamp("2026-12-05T01:30:00Z", now, "UTC")).toBe("01:30");
  });

  it("names yesterday and dates older messages, with the year only when it is not this one", () => {
    expect(stamp("2026-12-04T17:00:00Z", now, SP)).toBe("ontem, 14:00");
    expect(stamp("2026-12-03T17:00:00Z", now, SP)).toBe("03/12, 14:00");
    expect(stamp("2025-12-05T17:00:00Z", now, SP)).toBe("05/12/2025, 14:00");
  });

  it("shows nothing for a date it cannot read", () => {
    expect(stamp("não é data", now, SP)).toBe("");
  });
});
