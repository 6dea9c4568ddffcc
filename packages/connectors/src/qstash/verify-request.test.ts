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
