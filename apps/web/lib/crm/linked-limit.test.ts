import { describe, expect, it } from "vitest";
import { LINKED_FOOT_AFTER, LINKED_LIMIT, linkedAllAtFoot } from "./linked-limit";

describe("a record page's linked-records card", () => {
  it("repeats Ver todos under a long list only", () => {
    expect(linkedAllAtFoot(LINKED_FOOT_AFTER)).toBe(false);
    expect(linkedAllAtFoot(LINKED_FOOT_AFTER + 1)).toBe(true);
    expect(linkedAllAtFoot(LINKED_LIMIT)).toBe(true);
    expect(linkedAllAtFoot(0)).toBe(false);
  });
});
