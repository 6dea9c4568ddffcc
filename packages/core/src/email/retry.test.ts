import { describe, expect, it } from "vitest";
import { isTransientEmailError, openEmail, sealEmail } from "./retry";

const key = Buffer.alloc(32, 9).toString("base64");

describe("isTransientEmailError", () => {
  it("an SMTP 4xx reply, a server not reached or a dropped connection, our login refused: try later", () => {
    for (const err of [{ code: "EENVELOPE", responseCode: 451 }, { code: "EMESSAGE", responseCode: 452 }, { code: "ESOCKET" }, { code: "ECONNECTION" }, { code: "ETIMEDOUT" }, { code: "EDNS" }, { code: "EAUTH", responseCode: 535 }]) {
      expect([err, isTransientEmailError(Object.assign(new Error("x"), err))]).toEqual([err, true]);
    }
  });
  it("a 5xx refusal of the recipient or the message, or an error with no SMTP or socket code: the caller's", () => {
    for (const err of [{ code: "EENVELOPE", responseCode: 550 }, { code: "EMESSAGE", responseCode: 552 }, { code: "EENVELOPE" }, {}, { code: "23505" }]) {
      expect([err, isTransientEmailError(Object.assign(new Error("x"), err))]).toEqual([err, false]);
    }
    expect(isTransientEmailError(null)).toBe(false);
    expect(isTransientEmailError("ECONNECTION")).toBe(false);
  });
});

describe("sealEmail / openEmail", () => {
  it("round-trips the message without its attempt; the seal shows none of it and is compressed", () => {
    const body = `<p>${"Olá, Ana Souza. ".repeat(2000)}</p>`;
    const sealed = sealEmail({ to: "ana@example.com", subject: "Convite", html: body, text: "Olá", tenantId: null, attempt: 3 }, key);
    expect(sealed).not.toMatch(/ana@example|Convite|Ana Souza/);
    expect(sealed.length).toBeLessThan(body.length / 10);
    expect(openEmail(sealed, key)).toEqual({ to: "ana@example.com", subject: "Convite", html: body, text: "Olá", tenantId: null });
  });
  it("another key, or not a seal, throws", () => {
    const sealed = sealEmail({ to: "a@example.com", subject: "s", html: "h", text: "t" }, key);
    expect(() => openEmail(sealed, `0:${Buffer.alloc(32, 1).toString("base64")}`)).toThrow();
    expect(() => openEmail("0.bm90LXNlYWxlZA", key)).toThrow();
  });
});
