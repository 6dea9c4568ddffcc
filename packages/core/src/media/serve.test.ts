import { describe, expect, it } from "vitest";
import { signMediaQuery, verifyMediaQuery } from "./serve";

const now = new Date("2026-11-20T12:00:00Z");
const T = "11111111-1111-4111-8111-111111111111";
const M = "22222222-2222-4222-8222-222222222222";

describe("signed media links", () => {
  it("work for their tenant and file until they expire", () => {
    const q = new URLSearchParams(signMediaQuery("s3cret", T, M, now, 60));
    expect(verifyMediaQuery("s3cret", T, M, q.get("exp"), q.get("sig"), now)).toBe(true);
    expect(verifyMediaQuery("s3cret", T, M, q.get("exp"), q.get("sig"), new Date(now.getTime() + 61_000))).toBe(false);
  });
  it("fail for another tenant, another file, another secret or a changed expiry", () => {
    const q = new URLSearchParams(signMediaQuery("s3cret", T, M, now, 60));
    expect(verifyMediaQuery("s3cret", M, M, q.get("exp"), q.get("sig"), now)).toBe(false);
    expect(verifyMediaQuery("s3cret", T, T, q.get("exp"), q.get("sig"), now)).toBe(false);
    expect(verifyMediaQuery("other", T, M, q.get("exp"), q.get("sig"), now)).toBe(false);
    expect(verifyMediaQuery("s3cret", T, M, String(Number(q.get("exp")) + 3600), q.get("sig"), now)).toBe(false);
    expect(verifyMediaQuery("s3cret", T, M, null, q.get("sig"), now)).toBe(false);
  });
});
