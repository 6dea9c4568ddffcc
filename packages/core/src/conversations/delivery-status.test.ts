import { describe, expect, it } from "vitest";
import { advances } from "./delivery-status";

describe("delivery status ordering", () => {
  it("moves forward only", () => {
    expect(advances("pending", "sent")).toBe(true);
    expect(advances("sent", "delivered")).toBe(true);
    expect(advances("sent", "read")).toBe(true);
    expect(advances("delivered", "sent")).toBe(false);
    expect(advances("read", "delivered")).toBe(false);
    expect(advances("delivered", "delivered")).toBe(false);
  });
  it("treats failed as final and accepts it only before delivery", () => {
    expect(advances("sent", "failed")).toBe(true);
    expect(advances("pending", "failed")).toBe(true);
    expect(advances("failed", "read")).toBe(false);
    expect(advances("delivered", "failed")).toBe(false);
  });
});
