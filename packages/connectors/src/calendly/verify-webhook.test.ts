import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { CALENDLY_WEBHOOK_TOLERANCE_SECONDS, verifyCalendlySignature } from "./verify-webhook";

const KEY = "a".repeat(64);
const body = '{"event":"invitee.created","payload":{"uri":"x"}}';
const sign = (raw: string, t: number, key = KEY) => `t=${t},v1=${createHmac("sha256", key).update(`${t}.${raw}`).digest("hex")}`;

describe("Calendly-Webhook-Signature", () => {
  const now = 1_800_000_000;
  it("accepts the HMAC of t.body with the signing key, inside the tolerance either side", () => {
    expect(verifyCalendlySignature(body, sign(body, now), KEY, now)).toBe(true);
    expect(verifyCalendlySignature(body, sign(body, now - CALENDLY_WEBHOOK_TOLERANCE_SECONDS), KEY, now)).toBe(true);
    expect(verifyCalendlySignature(body, ` ${sign(body, now).replace(",", ", ")}`, KEY, now)).toBe(true);
  });
  it("refuses a stale or future timestamp, another key, another body, and malformed headers", () => {
    expect(verifyCalendlySignature(body, sign(body, now - CALENDLY_WEBHOOK_TOLERANCE_SECONDS - 1), KEY, now)).toBe(false);
    expect(verifyCalendlySignature(body, sign(body, now + CALENDLY_WEBHOOK_TOLERANCE_SECONDS + 1), KEY, now)).toBe(false);
    expect(verifyCalendlySignature(body, sign(body, now, "b".repeat(64)), KEY, now)).toBe(false);
    expect(verifyCalendlySignature(`${body} `, sign(body, now), KEY, now)).toBe(false);
    // The timestamp is signed: moving it breaks the signature.
    expect(verifyCalendlySignature(body, sign(body, now).replace(`t=${now}`, `t=${now - 1}`), KEY, now)).toBe(false);
    for (const h of [null, "", "v1=abc", `t=${now}`, `t=${now},v1=zz`, `t=abc,v1=${"0".repeat(64)}`]) expect(verifyCalendlySignature(body, h, KEY, now), String(h)).toBe(false);
    expect(verifyCalendlySignature(body, sign(body, now), "", now)).toBe(false);
  });
});
