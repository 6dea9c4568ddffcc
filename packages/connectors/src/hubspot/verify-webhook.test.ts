import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signHubSpotV3, verifyHubSpotSignatureV3 } from "./verify-webhook";

const secret = "hubspot-app-secret";
const uri = "https://app.vendaflow.com.br/api/webhooks/crm/hubspot";
const body = JSON.stringify([{ eventId: 1, subscriptionType: "contact.propertyChange", portalId: 62515, objectId: 123, propertyName: "firstname", propertyValue: "Ana", occurredAt: 1764680000000 }]);
const now = 1764680000000;

describe("HubSpot signature v3", () => {
  it("is base64 HMAC-SHA256 of method + URI + body + timestamp with the app secret", () => {
    const independent = createHmac("sha256", secret).update(`POST${uri}${body}${now}`).digest("base64");
    expect(signHubSpotV3("POST", uri, body, String(now), secret)).toBe(independent);
    expect(verifyHubSpotSignatureV3({ method: "POST", uri, body, signature: independent, timestamp: String(now), appSecret: secret, nowMs: now + 1000 })).toBe(true);
  });
  it("refuses a tampered body, another URI or secret, and timestamps outside 5 minutes", () => {
    const sig = signHubSpotV3("POST", uri, body, String(now), secret);
    const ok = { method: "POST", uri, body, signature: sig, timestamp: String(now), appSecret: secret, nowMs: now };
    expect(verifyHubSpotSignatureV3({ ...ok, body: body.replace("Ana", "Bia") })).toBe(false);
    expect(verifyHubSpotSignatureV3({ ...ok, uri: `${uri}?x=1` })).toBe(false);
    expect(verifyHubSpotSignatureV3({ ...ok, appSecret: "other" })).toBe(false);
    expect(verifyHubSpotSignatureV3({ ...ok, nowMs: now + 5 * 60 * 1000 + 1 })).toBe(false);
    expect(verifyHubSpotSignatureV3({ ...ok, nowMs: now + 5 * 60 * 1000 })).toBe(true);
    expect(verifyHubSpotSignatureV3({ ...ok, signature: null })).toBe(false);
    expect(verifyHubSpotSignatureV3({ ...ok, timestamp: "abc" })).toBe(false);
  });
  it("signs the URI with HubSpot's decoded characters", () => {
    const encoded = `${uri}?q=a%3Ab%40c`;
    expect(signHubSpotV3("POST", encoded, "", "1", secret)).toBe(signHubSpotV3("POST", `${uri}?q=a:b@c`, "", "1", secret));
  });
});
