import { Receiver } from "@upstash/qstash";
import { describe, expect, it } from "vitest";
import { signQStashRequest } from "./sign-request";

const key = "sig_test_current_key";
const url = "https://app.vendaflow.test/api/jobs/bot-timeout";
const rawBody = JSON.stringify({ conversationId: "c1", note: "ação" });
// The SDK's own verifier, not ours: proves the token is what QStash would send.
const receiver = new Receiver({ currentSigningKey: key, nextSigningKey: "sig_test_next_key", devMode: false });

describe("signQStashRequest", () => {
  it("makes a token the real Receiver accepts for that URL and body", async () => {
    const signature = await signQStashRequest({ url, rawBody, signingKey: key });
    await expect(receiver.verify({ signature, body: rawBody, url })).resolves.toBe(true);
    const [header, payload] = signature.split(".").slice(0, 2).map((p) => JSON.parse(Buffer.from(p, "base64url").toString()) as Record<string, unknown>);
    expect(header).toEqual({ alg: "HS256", typ: "JWT" });
    expect(payload).toMatchObject({ iss: "Upstash", sub: url });
  });

  it("is accepted under the next key too (key rotation)", async () => {
    const signature = await signQStashRequest({ url, rawBody, signingKey: "sig_test_next_key" });
    await expect(receiver.verify({ signature, body: rawBody, url })).resolves.toBe(true);
  });

  it("is rejected for another URL", async () => {
    const signature = await signQStashRequest({ url, rawBody, signingKey: key });
    await expect(receiver.verify({ signature, body: rawBody, url: "https://app.vendaflow.test/api/jobs/usage-report" })).rejects.toThrow(/subject/);
  });

  it("is rejected for a tampered body", async () => {
    const signature = await signQStashRequest({ url, rawBody, signingKey: key });
    await expect(receiver.verify({ signature, body: rawBody.replace("c1", "c2"), url })).rejects.toThrow(/body hash/);
  });

  it("is rejected when signed with a wrong key", async () => {
    const signature = await signQStashRequest({ url, rawBody, signingKey: "someone_else" });
    await expect(receiver.verify({ signature, body: rawBody, url })).rejects.toThrow(/signature/i);
  });

  it("is rejected once expired", async () => {
    const signature = await signQStashRequest({ url, rawBody, signingKey: key, now: new Date(Date.now() - 600_000), ttlSeconds: 300 });
    await expect(receiver.verify({ signature, body: rawBody, url })).rejects.toThrow();
    // With one key on both slots the Receiver's final error is the expiry itself, not the
    // fallback key's signature mismatch.
    const oneKey = new Receiver({ currentSigningKey: key, nextSigningKey: key, devMode: false });
    await expect(oneKey.verify({ signature, body: rawBody, url })).rejects.toThrow(/"exp" claim/);
    const fresh = await signQStashRequest({ url, rawBody, signingKey: key, now: new Date(Date.now() - 60_000), ttlSeconds: 300 });
    await expect(oneKey.verify({ signature: fresh, body: rawBody, url })).resolves.toBe(true);
  });

  it("gives each token its own QStash-style id and the claims' times from the clock", async () => {
    const now = new Date("2026-03-01T12:00:00.900Z");
    const claims = async () => JSON.parse(Buffer.from((await signQStashRequest({ url, rawBody, signingKey: key, now, ttlSeconds: 60 })).split(".")[1]!, "base64url").toString()) as Record<string, unknown>;
    const [a, b] = [await claims(), await claims()];
    expect(a.jti).toMatch(/^jwt_[0-9a-f-]{36}$/);
    expect(a.jti).not.toBe(b.jti);
    expect(a).toMatchObject({ iat: 1772366400, nbf: 1772366400, exp: 1772366460 });
  });
});
