import { describe, expect, it } from "vitest";
import { sanitizeForPostgres, sanitizeText, noNul } from "./sanitize";

describe("sanitizeText", () => {
  it("drops NUL wherever it is", () => {
    expect(sanitizeText("\0a\0b\0")).toBe("ab");
  });
  it("replaces lone surrogates of either half, keeps pairs", () => {
    expect(sanitizeText("x\uD800y")).toBe("x\uFFFDy");
    expect(sanitizeText("x\uDC00y")).toBe("x\uFFFDy");
    expect(sanitizeText("\uD800")).toBe("\uFFFD");
    expect(sanitizeText("a\uDBFF")).toBe("a\uFFFD");
    expect(sanitizeText("😀 ação")).toBe("😀 ação");
    expect(sanitizeText("\uD83D\uDE00\uD83D")).toBe("😀\uFFFD");
  });
  it("keeps every other control and odd character", () => {
    const odd = "\u0001\u001f\u007f\u200b\u202e\uFEFF\uFFFF\t\n";
    expect(sanitizeText(odd)).toBe(odd);
  });
});

describe("sanitizeForPostgres", () => {
  it("walks plain objects and arrays, keys included", () => {
    expect(sanitizeForPostgres({ "k\0": ["a\0", { b: "\uD800" }], n: 1, t: true, z: null })).toEqual({ k: ["a", { b: "\uFFFD" }], n: 1, t: true, z: null });
  });
  it("leaves dates, buffers and numbers untouched", () => {
    const d = new Date(0);
    const b = Buffer.from([0, 1]);
    const out = sanitizeForPostgres([d, b, 5, 5n]);
    expect(out[0]).toBe(d);
    expect(out[1]).toBe(b);
    expect(out.slice(2)).toEqual([5, 5n]);
  });
});

describe("JSON text on its way to a jsonb column", () => {
  it("re-serialises JSON whose escapes Postgres refuses, from the sanitised value", () => {
    const json = JSON.stringify({ input: { text: "oi\u0000 \uD800!" }, list: ["\u0000"] });
    expect(json).toContain("\\u0000");
    expect(JSON.parse(sanitizeForPostgres(json))).toEqual({ input: { text: "oi \uFFFD!" }, list: [""] });
    expect(sanitizeForPostgres(JSON.stringify("a\u0000b"))).toBe('"ab"');
  });
  it("leaves an escaped backslash before u0000 alone, and text that merely looks like an escape", () => {
    const json = JSON.stringify({ text: "C:\\u0000" });
    expect(sanitizeForPostgres(json)).toBe(json);
    expect(sanitizeForPostgres("digite \\u0000 para sair")).toBe("digite \\u0000 para sair");
    expect(sanitizeForPostgres("{não é json \\u0000")).toBe("{não é json \\u0000");
  });
});

describe("deep payloads", () => {
  it("cleans a value nested 50,000 levels deep without overflowing the stack", () => {
    let v: unknown = "fundo\u0000";
    for (let i = 0; i < 50_000; i++) v = i % 2 ? [v] : { a: v };
    let out = sanitizeForPostgres(v);
    for (let i = 0; i < 50_000; i++) out = Array.isArray(out) ? out[0] : (out as { a: unknown }).a;
    expect(out).toBe("fundo");
  });
  it("returns a copy and leaves the input as it was", () => {
    const input = { a: ["x\u0000"] };
    const out = sanitizeForPostgres(input);
    expect(out).toEqual({ a: ["x"] });
    expect(input.a[0]).toBe("x\u0000");
  });
});

describe("noNul", () => {
  it("refuses text holding a NUL anywhere and accepts any other character", () => {
    expect(noNul("ok \u0001 \uFFFD ção")).toBe(true);
    for (const s of ["\u0000", "a\u0000", "\u0000a", "a\u0000b"]) expect(noNul(s)).toBe(false);
  });
});
