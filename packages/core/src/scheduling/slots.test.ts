import { describe, expect, it } from "vitest";
import { slotLabel, slotOfOption, slotOption } from "./slots";

describe("slot buttons", () => {
  it("label a start in São Paulo time as a WhatsApp button title (≤ 20 characters)", () => {
    // 17:00 UTC is 14:00 in São Paulo; 2026-12-02 is a Wednesday.
    expect(slotLabel(new Date("2026-12-02T17:00:00Z"))).toBe("qua 02/12 14:00");
    expect(slotLabel(new Date("2026-12-05T12:30:00Z"))).toBe("sáb 05/12 09:30");
    // Past midnight UTC is still the day before in São Paulo.
    expect(slotLabel(new Date("2026-12-04T01:00:00Z"))).toBe("qui 03/12 22:00");
    for (const d of ["2026-12-06T23:59:00Z", "2027-01-01T03:00:00Z"]) expect(slotLabel(new Date(d)).length).toBeLessThanOrEqual(20);
  });
  it("round-trip the start through the option id; any other id is not a slot", () => {
    const d = new Date("2026-12-03T17:00:00.000Z");
    const o = slotOption(d);
    expect(o).toEqual({ id: "slot:2026-12-03T17:00:00.000Z", label: "qui 03/12 14:00", text: "qui 03/12 14:00" });
    expect(slotOfOption(o.id)?.getTime()).toBe(d.getTime());
    for (const id of ["gt_10k", "slot:", "slot:amanhã", "slot:2026-12-03", "slot:2026-13-45T99:00:00.000Z", "xslot:2026-12-03T17:00:00.000Z"]) expect(slotOfOption(id)).toBeNull();
  });
});
