import { describe, expect, it } from "vitest";
import { generateRecoveryCodes, hashRecoveryCode, isRecoveryCode, normaliseRecoveryCode } from "./recovery-codes";
import { base32Decode, base32Encode, generateTotpSecret, groupSecret, hotp, matchTotp, otpauthUri, totpCode, totpStep } from "./totp";

// RFC 6238 appendix B: the SHA-1 seed is the ASCII "12345678901234567890", 8 digits.
const SEED = Buffer.from("12345678901234567890");
const VECTORS: [number, string][] = [
  [59, "94287082"],
  [1111111109, "07081804"],
  [1111111111, "14050471"],
  [1234567890, "89005924"],
  [2000000000, "69279037"],
  [20000000000, "65353130"],
];

describe("TOTP (RFC 6238)", () => {
  it("matches the RFC's SHA-1 test vectors", () => {
    for (const [t, code] of VECTORS) expect(hotp(SEED, Math.floor(t / 30), 8), `T=${t}`).toBe(code);
  });

  it("matches RFC 4226's HOTP vectors (6 digits)", () => {
    const expected = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"];
    expect(expected.map((_, i) => hotp(SEED, i))).toEqual(expected);
  });

  it("a base32 secret gives the app's 6-digit code (the vector seed, base32)", () => {
    const secret = base32Encode(SEED);
    expect(secret).toBe("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    expect(totpCode(secret, 59_000)).toBe("287082");
    expect(totpCode(secret, 1111111109_000)).toBe("081804");
  });

  it("base32 round-trips any bytes, and decodes a hand-typed secret (case, spaces, padding)", () => {
    for (let n = 0; n < 41; n++) {
      const bytes = Buffer.from(Array.from({ length: n }, (_, i) => (i * 37 + n) & 255));
      expect(base32Decode(base32Encode(bytes)).equals(bytes), `n=${n}`).toBe(true);
    }
    expect(base32Encode(Buffer.from("foobar"))).toBe("MZXW6YTBOI");
    expect(base32Decode("mzxw 6ytb-oi======").toString()).toBe("foobar");
    expect(() => base32Decode("MZXW1")).toThrow();
    const s = generateTotpSecret();
    expect(s).toMatch(/^[A-Z2-7]{32}$/);
    expect(groupSecret(s).split(" ")).toHaveLength(8);
  });

  it("accepts the previous, current and next step only", () => {
    const secret = generateTotpSecret();
    const now = 1_700_000_015_000;
    const step = totpStep(now);
    for (const d of [-1, 0, 1]) expect(matchTotp(secret, totpCode(secret, now + d * 30_000), now, null), `d=${d}`).toBe(step + d);
    for (const d of [-2, 2]) expect(matchTotp(secret, totpCode(secret, now + d * 30_000), now, null), `d=${d}`).toBeNull();
    expect(matchTotp(secret, "12345", now, null)).toBeNull();
    expect(matchTotp(secret, "abcdef", now, null)).toBeNull();
  });

  it("never accepts a step already used, nor one before it (replay)", () => {
    const secret = generateTotpSecret();
    const now = 1_700_000_015_000;
    const code = totpCode(secret, now);
    const step = matchTotp(secret, code, now, null)!;
    expect(matchTotp(secret, code, now, step)).toBeNull();
    expect(matchTotp(secret, code, now + 20_000, step)).toBeNull();
    expect(matchTotp(secret, totpCode(secret, now - 30_000), now, step)).toBeNull();
    expect(matchTotp(secret, totpCode(secret, now + 30_000), now, step)).toBe(step + 1);
  });

  it("writes the otpauth:// URI with the workspace as issuer and the e-mail as account", () => {
    const uri = otpauthUri("Loja & Cia", "ana@loja.com", "JBSWY3DPEHPK3PXP");
    expect(uri).toBe("otpauth://totp/Loja%20%26%20Cia:ana%40loja.com?secret=JBSWY3DPEHPK3PXP&issuer=Loja%20%26%20Cia&algorithm=SHA1&digits=6&period=30");
  });
});

describe("recovery codes", () => {
  it("are 10 distinct xxxxx-xxxxx codes of unambiguous characters", () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) {
      expect(c).toMatch(/^[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}$/);
      expect(isRecoveryCode(c)).toBe(true);
    }
  });

  it("hash the same however typed, and an app code is not one", () => {
    const [c] = generateRecoveryCodes(1);
    expect(hashRecoveryCode(c!)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRecoveryCode(` ${c!.toUpperCase().replace("-", " ")} `)).toBe(hashRecoveryCode(c!));
    expect(normaliseRecoveryCode("ABCDE-FGHJK")).toBe("abcdefghjk");
    expect(hashRecoveryCode("abcde-fghjk")).not.toBe(hashRecoveryCode("abcde-fghjm"));
    expect(isRecoveryCode("123456")).toBe(false);
    expect(isRecoveryCode("abcde-fghj0")).toBe(false);
  });
});
