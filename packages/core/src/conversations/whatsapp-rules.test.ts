import type { DeliveryStatus } from "@vendaflow/validators/whatsapp";
import { describe, expect, it } from "vitest";
import { insideWindow, isStatusForward, sendRatePerSecond, WINDOW_MS } from "./whatsapp-rules";

describe("insideWindow", () => {
  const now = new Date("2025-06-01T12:00:00Z");
  it("is open for 24 hours after the lead's last message", () => {
    expect(insideWindow(null, now)).toBe(false);
    expect(insideWindow(new Date(now.getTime() - 60_000), now)).toBe(true);
    expect(insideWindow(new Date(now.getTime() - WINDOW_MS + 1), now)).toBe(true);
    expect(insideWindow(new Date(now.getTime() - WINDOW_MS), now)).toBe(false);
  });
});

describe("isStatusForward", () => {
  const all: DeliveryStatus[] = ["sent", "delivered", "read", "failed"];

  it("applies any first receipt", () => {
    for (const next of all) {
      expect(isStatusForward(null, next)).toBe(true);
      expect(isStatusForward("pending", next)).toBe(true);
    }
  });

  it("moves only forward through sent → delivered → read", () => {
    expect(isStatusForward("sent", "delivered")).toBe(true);
    expect(isStatusForward("sent", "read")).toBe(true);
    expect(isStatusForward("delivered", "read")).toBe(true);
    expect(isStatusForward("delivered", "sent")).toBe(false);
    expect(isStatusForward("read", "delivered")).toBe(false);
    expect(isStatusForward("read", "sent")).toBe(false);
  });

  it("does not reapply a repeated status", () => {
    for (const s of all) expect(isStatusForward(s, s)).toBe(false);
  });

  it("treats failed as terminal and believes it only before delivery", () => {
    expect(isStatusForward("sent", "failed")).toBe(true);
    expect(isStatusForward("delivered", "failed")).toBe(false);
    expect(isStatusForward("read", "failed")).toBe(false);
    for (const next of all) expect(isStatusForward("failed", next)).toBe(false);
  });
});

describe("sendRatePerSecond", () => {
  it("is Meta's 80/s by default, the upgraded throughput when set, and 20/s with coexistence whatever else", () => {
    expect(sendRatePerSecond({})).toBe(80);
    expect(sendRatePerSecond({ waThroughput: 1000 })).toBe(1000);
    expect(sendRatePerSecond({ waThroughput: 1000, waCoexistence: true })).toBe(20);
  });
});
