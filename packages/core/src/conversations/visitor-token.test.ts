import { describe, expect, it } from "vitest";
import { issueVisitorToken, verifyVisitorToken } from "./visitor-token";

const claims = { tenantId: "11111111-1111-1111-1111-111111111111", inboxId: "22222222-2222-2222-2222-222222222222" };

describe("visitor tokens", () => {
  it("round-trip their claims and mint a visitor id", () => {
    const { token, claims: c } = issueVisitorToken(claims, "s3cret", Date.now());
    expect(c.visitorId).toMatch(/^[0-9a-f-]{36}$/);
    expect(verifyVisitorToken(token, "s3cret", Date.now())).toEqual(c);
  });
  it("reject a forged payload, another secret, garbage and expiry", () => {
    const { token } = issueVisitorToken(claims, "s3cret", 0);
    expect(verifyVisitorToken(token, "s3cret", 0)).not.toBeNull();
    expect(verifyVisitorToken(token, "s3cret", 181 * 24 * 3600_000)).toBeNull();
    const [payload, sig] = token.split(".");
    const forged = Buffer.from(JSON.stringify({ t: "33333333-3333-3333-3333-333333333333", i: claims.inboxId, v: "x", exp: 9e15 })).toString("base64url");
    expect(verifyVisitorToken(`${forged}.${sig}`, "s3cret", Date.now())).toBeNull();
    expect(verifyVisitorToken(`${payload}.${sig}`, "other", Date.now())).toBeNull();
    expect(verifyVisitorToken("nonsense", "s3cret", Date.now())).toBeNull();
    expect(verifyVisitorToken(undefined, "s3cret", Date.now())).toBeNull();
  });
});
