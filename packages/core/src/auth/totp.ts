import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP), the kind every authenticator app
 * (Google Authenticator, Authy, 1Password, Microsoft Authenticator) reads from an otpauth:// URI:
 * SHA-1, 6 digits, 30-second steps. node:crypto only; the caller passes the clock.
 */
export const TOTP = { digits: 6, stepSeconds: 30, window: 1, algorithm: "sha1" } as const;

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** RFC 4648 base32, no padding (what otpauth:// secrets are written in). */
export function base32Encode(bytes: Uint8Array): string {
  let out = "";
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/** Decodes base32, ignoring case, spaces, hyphens and padding (a secret typed by hand); throws on any other character. */
export function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s=-]/g, "");
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of clean) {
    const i = ALPHABET.indexOf(ch);
    if (i < 0) throw new Error("base32: invalid character");
    value = ((value << 5) | i) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** A new shared secret: 20 random bytes (160 bits, RFC 4226's recommendation), base32. */
export const generateTotpSecret = () => base32Encode(randomBytes(20));

/** HOTP (RFC 4226 §5.3): HMAC of the 8-byte counter, dynamically truncated to `digits` digits. */
export function hotp(key: Buffer, counter: number, digits: number = TOTP.digits, algorithm: string = TOTP.algorithm): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, key).update(msg).digest();
  const offset = mac[mac.length - 1]! & 0xf;
  const bin = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return String(bin).padStart(digits, "0");
}

/** The time step a moment falls in (RFC 6238's T). */
export const totpStep = (nowMs: number) => Math.floor(nowMs / 1000 / TOTP.stepSeconds);

/** The code an app shows at `nowMs` for a base32 secret. */
export const totpCode = (secret: string, nowMs: number) => hotp(base32Decode(secret), totpStep(nowMs));

/**
 * The time step a code was made for, searched within ±window steps of now (a phone's clock a little
 * off, a code typed as it changed); null when none matches or the step is not after `lastUsedStep`
 * (a code already accepted, or an older one, is never accepted again). Compared in constant time.
 */
export function matchTotp(secret: string, code: string, nowMs: number, lastUsedStep: number | null, window: number = TOTP.window): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const key = base32Decode(secret);
  const now = totpStep(nowMs);
  let found: number | null = null;
  for (let step = now - window; step <= now + window; step++) {
    // Every step is computed and compared, so the time taken does not say which one matched.
    const same = timingSafeEqual(Buffer.from(hotp(key, step)), Buffer.from(code));
    if (same && found === null && (lastUsedStep === null || step > lastUsedStep)) found = step;
  }
  return found;
}

/** The secret in groups of 4 (typing it into an app by hand). */
export const groupSecret = (secret: string) => secret.match(/.{1,4}/g)?.join(" ") ?? "";

/** The otpauth:// URI an authenticator app reads (Key URI Format): issuer = the workspace's name, account = the user's e-mail. */
export function otpauthUri(issuer: string, account: string, secret: string): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const q = new URLSearchParams({ secret, issuer, algorithm: "SHA1", digits: String(TOTP.digits), period: String(TOTP.stepSeconds) });
  return `otpauth://totp/${label}?${q.toString().replace(/\+/g, "%20")}`;
}
