import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signSlackRequest, SLACK_SIGNATURE_TOLERANCE_SECONDS, verifySlackSignature } from "./verify-request";

// The example of Slack's documentation ("Verifying requests from Slack"), byte for byte.
const DOC_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
const DOC_BODY =
  "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
const DOC_TS = 1531420618;
const DOC_SIG = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

const SECRET = "0123456789abcdef0123456789abcdef";
const body = "command=%2Fpipeline&text=&team_id=T1&trigger_id=1.2.3";
const sig = (raw: string, t: number, secret = SECRET) => ({ signature: signSlackRequest(raw, secret, t)["x-slack-signature"]!, timestamp: String(t) });

describe("Slack request signing (v0)", () => {
  it("matches Slack's documented example", () => {
    expect(`v0=${createHmac("sha256", DOC_SECRET).update(`v0:${DOC_TS}:${DOC_BODY}`).digest("hex")}`).toBe(DOC_SIG);
    expect(verifySlackSignature(DOC_BODY, { signature: DOC_SIG, timestamp: String(DOC_TS) }, DOC_SECRET, DOC_TS + 10)).toBe(true);
  });
  it("accepts a signature inside the five-minute tolerance either side", () => {
    const now = 1_800_000_000;
    expect(verifySlackSignature(body, sig(body, now), SECRET, now)).toBe(true);
    expect(verifySlackSignature(body, sig(body, now - SLACK_SIGNATURE_TOLERANCE_SECONDS), SECRET, now)).toBe(true);
    expect(verifySlackSignature(body, sig(body, now + SLACK_SIGNATURE_TOLERANCE_SECONDS), SECRET, now)).toBe(true);
  });
  it("refuses an old or future timestamp, another secret, another body, a moved timestamp and malformed headers", () => {
    const now = 1_800_000_000;
    expect(verifySlackSignature(body, sig(body, now - SLACK_SIGNATURE_TOLERANCE_SECONDS - 1), SECRET, now)).toBe(false);
    expect(verifySlackSignature(body, sig(body, now + SLACK_SIGNATURE_TOLERANCE_SECONDS + 1), SECRET, now)).toBe(false);
    expect(verifySlackSignature(body, sig(body, now, "f".repeat(32)), SECRET, now)).toBe(false);
    expect(verifySlackSignature(`${body}&x=1`, sig(body, now), SECRET, now)).toBe(false);
    expect(verifySlackSignature(body, { ...sig(body, now), timestamp: String(now - 1) }, SECRET, now)).toBe(false);
    const good = sig(body, now);
    for (const [s, t] of [
      [null, good.timestamp],
      [good.signature, null],
      ["", good.timestamp],
      [good.signature.replace("v0=", "v1="), good.timestamp],
      [good.signature.slice(0, -2), good.timestamp],
      ["v0=" + "z".repeat(64), good.timestamp],
      [good.signature, "abc"],
      [good.signature, `${good.timestamp}.5`],
    ] as const) {
      expect(verifySlackSignature(body, { signature: s, timestamp: t }, SECRET, now), `${s}/${t}`).toBe(false);
    }
    expect(verifySlackSignature(body, good, "", now)).toBe(false);
  });
});
