import { describe, expect, it } from "vitest";
import { redact } from "./redact";

describe("redact", () => {
  it("replaces secret-looking keys at any depth and keeps the rest", () => {
    const out = redact({ name: "Ana", password: "x", nested: { apiKey: "k", token_hash: "h", list: [{ secret: 1, ok: 2 }] } });
    expect(out).toEqual({ name: "Ana", password: "[redacted]", nested: { apiKey: "[redacted]", token_hash: "[redacted]", list: [{ secret: "[redacted]", ok: 2 }] } });
  });
  it("passes primitives through", () => {
    expect(redact("a")).toBe("a");
    expect(redact(null)).toBe(null);
  });
});
