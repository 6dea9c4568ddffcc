import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signMetaBody, verifyMetaSignature } from "./verify-signature";

const secret = "app-secret";
// Meta escapes non-ASCII, so the raw bytes differ from JSON.stringify of the parsed body.
const raw = '{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"text":"Ol\\u00e1"}}]}]}';

describe("verifyMetaSignature", () => {
  it("matches an HMAC-SHA256 computed independently", () => {
    const hex = createHmac("sha256", secret).update(raw).digest("hex");
    expect(signMetaBody(raw, secret)).toBe(`sha256=${hex}`);
    expect(verifyMetaSignature(raw, `sha256=${hex}`, secret)).toBe(true);
    expect(verifyMetaSignature(raw, `sha256=${hex.toUpperCase()}`, secret)).toBe(true);
  });

  it("accepts bytes and strings alike", () => {
    const bytes = new TextEncoder().encode(raw);
    expect(verifyMetaSignature(bytes, signMetaBody(raw, secret), secret)).toBe(true);
    expect(verifyMetaSignature(raw, signMetaBody(bytes, secret), secret)).toBe(true);
  });

  it("rejects a body that was re-serialised or altered", () => {
    const header = signMetaBody(raw, secret);
    expect(verifyMetaSignature(JSON.stringify(JSON.parse(raw)), header, secret)).toBe(false);
    expect(verifyMetaSignature(raw.replace("1", "2"), header, secret)).toBe(false);
    expect(verifyMetaSignature(raw, header, "other-secret")).toBe(false);
  });

  it("rejects missing or malformed headers and an empty secret", () => {
    const hex = signMetaBody(raw, secret).slice("sha256=".length);
    for (const header of [null, "", hex, `sha1=${hex}`, `sha256=${hex.slice(2)}`, `sha256=${hex}00`, `sha256=${"z".repeat(64)}`, "sha256="]) {
      expect(verifyMetaSignature(raw, header, secret)).toBe(false);
    }
    expect(verifyMetaSignature(raw, signMetaBody(raw, ""), "")).toBe(false);
  });

  it("rejects a full-length signature that differs in any single byte, the last one included", () => {
    const hex = signMetaBody(raw, secret).slice("sha256=".length);
    const flip = (i: number) => {
      const b = Buffer.from(hex, "hex");
      b[i] = b[i]! ^ 0x01;
      return `sha256=${b.toString("hex")}`;
    };
    for (let i = 0; i < 32; i++) expect(verifyMetaSignature(raw, flip(i), secret), `byte ${i}`).toBe(false);
    // Same length and prefix, only the tail changed.
    expect(verifyMetaSignature(raw, `sha256=${hex.slice(0, 60)}${hex.slice(60) === "0000" ? "ffff" : "0000"}`, secret)).toBe(false);
  });

  it("accepts a header with surrounding whitespace (as some proxies forward it)", () => {
    expect(verifyMetaSignature(raw, `  ${signMetaBody(raw, secret)} `, secret)).toBe(true);
  });
});
