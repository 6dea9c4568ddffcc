import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptCredentials, encryptCredentials } from "./credentials";

const key = randomBytes(32).toString("base64");

describe("inbox credentials at rest", () => {
  it("round-trips and never stores the plaintext", () => {
    const blob = encryptCredentials({ accessToken: "EAAG-secret-token", appSecret: "app-secret" }, key);
    expect(blob).not.toContain("EAAG");
    expect(decryptCredentials(blob, key)).toEqual({ accessToken: "EAAG-secret-token", appSecret: "app-secret" });
  });
  it("fails on a wrong key or tampered blob", () => {
    const blob = encryptCredentials({ apiSecret: "s" }, key);
    expect(() => decryptCredentials(blob, randomBytes(32).toString("base64"))).toThrow();
    const raw = Buffer.from(blob, "base64");
    raw[raw.length - 1] = raw[raw.length - 1]! ^ 1;
    expect(() => decryptCredentials(raw.toString("base64"), key)).toThrow();
  });
  it("refuses a key of the wrong size", () => {
    expect(() => encryptCredentials({}, Buffer.alloc(16).toString("base64"))).toThrow(/32 bytes/);
  });
});
