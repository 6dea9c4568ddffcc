import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { verifyCalcomSignature } from "./verify-webhook";

const SECRET = "c".repeat(64);
const body = '{"triggerEvent":"BOOKING_CREATED","payload":{"uid":"u1"}}';
const sign = (raw: string, secret = SECRET) => createHmac("sha256", secret).update(raw).digest("hex");

describe("X-Cal-Signature-256", () => {
  it("accepts the hex HMAC of the raw body with the webhook secret", () => {
    expect(verifyCalcomSignature(body, sign(body), SECRET)).toBe(true);
    expect(verifyCalcomSignature(body, sign(body).toUpperCase(), SECRET)).toBe(true);
  });
  it("refuses another secret, another body, a missing secret and malformed headers", () => {
    expect(verifyCalcomSignature(body, sign(body, "d".repeat(64)), SECRET)).toBe(false);
    expect(verifyCalcomSignature(body.replace("u1", "u2"), sign(body), SECRET)).toBe(false);
    expect(verifyCalcomSignature(body, sign(body), "")).toBe(false);
    for (const h of [null, "", "sha256=" + sign(body), sign(body).slice(0, 63), "z".repeat(64)]) expect(verifyCalcomSignature(body, h, SECRET), String(h)).toBe(false);
  });
});
