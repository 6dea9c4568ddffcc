import { createHash, createHmac } from "node:crypto";
import { Receiver } from "@upstash/qstash";
import { describe, expect, it } from "vitest";
import { signQStashRequest } from "./sign-request";
import { verifyQStashRequest } from "./verify-request";

const keys = { currentSigningKey: "sig_current", nextSigningKey: "sig_next" };
const url = "http://localhost:3000/api/jobs/bot-timeout";
const rawBody = '{"conversationId":"c1"}';

describe("verifyQStashRequest", () => {
  it("accepts a token for this URL and body, under either key", async () => {
    for (const signingKey of [keys.currentSigningKey, keys.nextSigningKey]) {
      const signature = await signQStashRequest({ url, rawBody, signingKey });
      expect(await verifyQStashRequest({ ...keys, signature, rawBody, url })).toBe(true);
    }
  });

  it("answers false instead of throwing for missing, malformed or misdirected tokens", async () => {
    const signature = await signQStashRequest({ url, rawBody, signingKey: keys.currentSigningKey });
    expect(await verifyQStashRequest({ ...keys, signature: null, rawBody, url })).toBe(false);
    expect(await verifyQStashRequest({ ...keys, signature: "not.a.jwt", rawBody, url })).toBe(false);
    expect(await verifyQStashRequest({ ...keys, signature, rawBody, url: "http://localhost:3000/api/jobs/other" })).toBe(false);
    expect(await verifyQStashRequest({ ...keys, signature, rawBody: "{}", url })).toBe(false);
    expect(await verifyQStashRequest({ currentSigningKey: "", signature, rawBody, url })).toBe(false);
  });

  it("works with a single key (the embedded scheduler's setup)", async () => {
    const signature = await signQStashRequest({ url, rawBody, signingKey: "only" });
    expect(await verifyQStashRequest({ currentSigningKey: "only", signature, rawBody, url })).toBe(true);
  });

  it("refuses without a current key or a URL even when the token itself would pass", async () => {
    const signature = await signQStashRequest({ url, rawBody, signingKey: keys.nextSigningKey });
    expect(await verifyQStashRequest({ currentSigningKey: "", nextSigningKey: keys.nextSigningKey, signature, rawBody, url })).toBe(false);
    expect(await verifyQStashRequest({ ...keys, signature, rawBody, url: "" })).toBe(false);
  });
});

describe("verifyQStashRequest answers as the SDK's Receiver does", () => {
  const b64 = (v: unknown) => Buffer.from(typeof v === "string" ? v : JSON.stringify(v)).toString("base64url");
  const hs256 = (key: string, input: string) => createHmac("sha256", Buffer.from(key, "utf8")).update(input).digest("base64url");
  const now = Math.floor(Date.now() / 1000);
  const bodyHash = createHash("sha256").update(rawBody).digest("base64url");
  const claims = { iss: "Upstash", sub: url, body: bodyHash, iat: now, nbf: now, exp: now + 300, jti: "jwt_1" };
  const token = (c: Record<string, unknown>, key = keys.currentSigningKey, header: Record<string, unknown> = { alg: "HS256", typ: "JWT" }) => {
    const input = `${b64(header)}.${b64(c)}`;
    return `${input}.${hs256(key, input)}`;
  };
  const valid = token(claims);
  const cases: Record<string, string> = {
    valid,
    "next key": token(claims, keys.nextSigningKey),
    "padded body hash": token({ ...claims, body: `${bodyHash}=` }),
    "no nbf, no iat": token({ iss: "Upstash", sub: url, body: bodyHash, exp: now + 300 }),
    "wrong key": token(claims, "someone_else"),
    expired: token({ ...claims, exp: now - 10 }),
    "not yet valid": token({ ...claims, nbf: now + 120 }),
    "exp as a string": token({ ...claims, exp: String(now + 300) }),
    "other issuer": token({ ...claims, iss: "Mallory" }),
    "no issuer": token({ sub: url, body: bodyHash, exp: now + 300 }),
    "other URL": token({ ...claims, sub: "http://localhost:3000/api/jobs/other" }),
    "other body": token({ ...claims, body: createHash("sha256").update("{}").digest("base64url") }),
    "no body claim": token({ iss: "Upstash", sub: url, exp: now + 300 }),
    "alg none": `${b64({ alg: "none", typ: "JWT" })}.${b64(claims)}.`,
    "alg HS256 header, payload swapped": `${valid.split(".")[0]}.${b64({ ...claims, sub: "http://evil" })}.${valid.split(".")[2]}`,
    "signature cut": valid.slice(0, -4),
    "payload not JSON": (() => {
      const input = `${b64({ alg: "HS256", typ: "JWT" })}.${b64("not json")}`;
      return `${input}.${hs256(keys.currentSigningKey, input)}`;
    })(),
    garbage: "a.b.c",
    "two parts": valid.split(".").slice(0, 2).join("."),
  };
  const receiver = new Receiver({ ...keys, devMode: false });

  for (const [name, signature] of Object.entries(cases)) {
    it(name, async () => {
      const theirs = await receiver.verify({ signature, body: rawBody, url }).catch(() => false);
      expect(await verifyQStashRequest({ ...keys, signature, rawBody, url })).toBe(theirs);
    });
  }

  it("the clock tolerance widens exp and nbf as the Receiver's does", async () => {
    for (const c of [{ ...claims, exp: now - 10 }, { ...claims, nbf: now + 20 }]) {
      const signature = token(c);
      const theirs = await receiver.verify({ signature, body: rawBody, url, clockTolerance: 60 }).catch(() => false);
      expect(theirs).toBe(true);
      expect(await verifyQStashRequest({ ...keys, signature, rawBody, url, clockTolerance: 60 })).toBe(true);
      expect(await verifyQStashRequest({ ...keys, signature, rawBody, url })).toBe(false);
    }
  });
});
