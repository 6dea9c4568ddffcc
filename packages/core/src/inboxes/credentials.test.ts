import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptCredentials, encryptCredentials, keyringSpec, parseKeyring } from "./credentials";

const key = randomBytes(32).toString("base64");
const k = (id: string) => `${id}:${randomBytes(32).toString("base64")}`;

describe("inbox credentials at rest", () => {
  it("round-trips and never stores the plaintext", () => {
    const blob = encryptCredentials({ accessToken: "EAAG-secret-token", appSecret: "app-secret" }, key);
    expect(blob).not.toContain("EAAG");
    expect(decryptCredentials(blob, key)).toEqual({ accessToken: "EAAG-secret-token", appSecret: "app-secret" });
  });
  it("fails on a wrong key or tampered blob", () => {
    const blob = encryptCredentials({ apiSecret: "s" }, key);
    expect(() => decryptCredentials(blob, randomBytes(32).toString("base64"))).toThrow();
    const raw = Buffer.from(blob.slice(2), "base64");
    raw[raw.length - 1] = raw[raw.length - 1]! ^ 1;
    expect(() => decryptCredentials(`0.${raw.toString("base64")}`, key)).toThrow();
  });
  it("refuses a key of the wrong size, a bad id or the same id twice", () => {
    expect(() => encryptCredentials({}, Buffer.alloc(16).toString("base64"))).toThrow(/32 bytes/);
    expect(() => parseKeyring(`bad id:${randomBytes(32).toString("base64")}`)).toThrow(/key id/);
    const a = k("a");
    expect(() => parseKeyring(`${a},${a}`)).toThrow(/distinct/);
    expect(() => parseKeyring(" , ")).toThrow(/32 bytes/);
  });
  it("names the key a blob is sealed with: the keyring's first", () => {
    const current = k("k2026");
    expect(encryptCredentials({ apiSecret: "s" }, keyringSpec(current, k("k2025")))).toMatch(/^k2026\./);
    expect(encryptCredentials({ apiSecret: "s" }, key)).toMatch(/^0\./);
  });
  it("after a rotation decrypts blobs of the retired key, and refuses once that key is dropped", () => {
    const old = k("k2025");
    const blob = encryptCredentials({ accessToken: "EAAG-old" }, old);
    const rotated = keyringSpec(k("k2026"), old);
    expect(decryptCredentials(blob, rotated)).toEqual({ accessToken: "EAAG-old" });
    expect(encryptCredentials({ accessToken: "x" }, rotated)).toMatch(/^k2026\./);
    expect(() => decryptCredentials(blob, k("k2026"))).toThrow(/key id k2025.*not in the keyring/);
  });
  it("opens blobs from before key ids with whichever key sealed them", () => {
    const legacyKey = randomBytes(32);
    const legacy = encryptCredentials({ apiSecret: "legacy" }, legacyKey.toString("base64")).slice(2); // no id prefix, as stored before
    expect(decryptCredentials(legacy, keyringSpec(k("k2026"), legacyKey.toString("base64")))).toEqual({ apiSecret: "legacy" });
    expect(decryptCredentials(legacy, keyringSpec(k("k2026"), `old:${legacyKey.toString("base64")}`))).toEqual({ apiSecret: "legacy" });
    expect(() => decryptCredentials(legacy, k("k2026"))).toThrow();
  });
});
