import { describe, expect, it } from "vitest";
import { businessDaysLeft, canMove, codeMatches, dueDateOf, firstDeadlineNotYetReminded, hashCode, needsReminder, newCode, newProtocol } from "./request-rules";

describe("data subject request rules", () => {
  it("protocols carry the Brasília date and 6 unambiguous characters", () => {
    const p = newProtocol(new Date("2026-12-02T01:00:00Z"));
    expect(p).toMatch(/^LGPD-20261201-[A-HJ-NP-Z2-9]{6}$/);
    expect(newProtocol(new Date("2026-12-02T01:00:00Z"), () => 0)).toBe("LGPD-20261201-AAAAAA");
  });

  it("codes are 6 digits; the hash is bound to the request and compared in constant time", () => {
    expect(newCode(() => 42)).toBe("000042");
    const h = hashCode("s3cret", "req-1", "123456");
    expect(codeMatches("s3cret", "req-1", "123456", h)).toBe(true);
    expect(codeMatches("s3cret", "req-2", "123456", h)).toBe(false);
    expect(codeMatches("s3cret", "req-1", "123457", h)).toBe(false);
    expect(codeMatches("s3cret", "req-1", "123456", null)).toBe(false);
  });

  it("the answer is due 15 days later, on a business day (art. 19 II)", () => {
    expect(dueDateOf(new Date("2026-12-01T15:00:00Z"))).toBe("2026-12-16");
    expect(dueDateOf(new Date("2026-12-10T15:00:00Z"))).toBe("2026-12-28"); // 25/12 Natal (Fri) → Mon 28
    expect(dueDateOf(new Date("2027-01-23T15:00:00Z"))).toBe("2027-02-10"); // 07/02 Sunday, Carnaval 08-09/02 → Wed 10
  });

  it("counts business days left and reminds once within 3", () => {
    const now = new Date("2026-12-11T15:00:00Z"); // Friday
    expect(businessDaysLeft("2026-12-16", now)).toBe(3);
    expect(needsReminder({ status: "open", dueDate: "2026-12-16", remindedAt: null }, now)).toBe(true);
    expect(needsReminder({ status: "open", dueDate: "2026-12-17", remindedAt: null }, now)).toBe(false);
    expect(needsReminder({ status: "open", dueDate: "2026-12-16", remindedAt: now }, now)).toBe(false);
    expect(needsReminder({ status: "fulfilled", dueDate: "2026-12-16", remindedAt: null }, now)).toBe(false);
    expect(businessDaysLeft("2026-12-09", now)).toBe(-2);
  });

  it("the sweep's cut agrees with needsReminder on every deadline of two months, holidays included", () => {
    for (const at of ["2026-12-11T15:00:00Z", "2026-12-22T12:00:00Z", "2027-02-04T02:00:00Z", "2027-04-01T20:00:00Z"]) {
      const now = new Date(at);
      const cut = firstDeadlineNotYetReminded(now);
      for (let n = -5; n < 60; n++) {
        const due = shift(at.slice(0, 10), n);
        expect(due < cut, `${at} ${due}`).toBe(needsReminder({ status: "open", dueDate: due, remindedAt: null }, now));
      }
    }
    expect(firstDeadlineNotYetReminded(new Date("2026-12-11T15:00:00Z"))).toBe("2026-12-17"); // Fri: Mon 14, Tue 15, Wed 16 remind
    expect(firstDeadlineNotYetReminded(new Date("2027-02-04T15:00:00Z"))).toBe("2027-02-12"); // Thu: Fri 5, Wed 10, Thu 11 (Carnaval 8-9)
  });

  it("status workflow: open → in progress → fulfilled / rejected; closed ones stay closed", () => {
    expect(canMove("open", "in_progress")).toBe(true);
    expect(canMove("in_progress", "fulfilled")).toBe(true);
    expect(canMove("open", "rejected")).toBe(true);
    expect(canMove("fulfilled", "in_progress")).toBe(false);
    expect(canMove("awaiting_verification", "fulfilled")).toBe(false);
    expect(canMove("in_progress", "open")).toBe(false);
  });
});

const shift = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
