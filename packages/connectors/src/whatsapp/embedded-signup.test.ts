import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGraphStandIn, type GraphStandIn } from "../../../../tests/stand-ins/graph-api";
import { createWhatsAppClient, exchangeSignupCode } from "./cloud-api-client";

// Embedded Signup's server-to-server calls against the Graph stand-in (Meta's wire format): the
// code exchange, then the WABA subscription and the number's registration with the business token.

const APP = { id: "1234567890123456", secret: "segredo-do-app" };
const WABA = "102290129340555";
const PHONE = "106540352242555";
let graph: GraphStandIn;

beforeAll(async () => {
  graph = await startGraphStandIn({ accessToken: "EAAplataforma", app: APP });
  graph.addPhoneNumber(PHONE, { display_phone_number: "+55 11 4000-5555", verified_name: "Loja", quality_rating: "GREEN" }, { wabaId: WABA });
});
afterAll(() => graph.close());

const exchange = (code: string, app = APP) => exchangeSignupCode({ graphBaseUrl: graph.baseUrl, appId: app.id, appSecret: app.secret, code });

describe("Embedded Signup calls", () => {
  it("exchanges a code once for a business token that subscribes the WABA and registers the number", async () => {
    const code = graph.issueSignupCode(WABA);
    const token = await exchange(code);
    expect(token).toMatch(/^EAAB/);
    await expect(exchange(code)).rejects.toMatchObject({ status: 400, code: 100, title: "This authorization code has been used." });
    const client = createWhatsAppClient({ graphBaseUrl: graph.baseUrl, accessToken: token, phoneNumberId: PHONE });
    expect(await client.wabaPhoneNumberIds(WABA)).toEqual([PHONE]);
    await client.subscribeApp(WABA);
    await client.registerNumber("123456");
    expect(graph.subscribedWabas.has(WABA)).toBe(true);
    expect(graph.registered.get(PHONE)).toBe("123456");
    expect(graph.requests.at(-1)!.body).toEqual({ messaging_product: "whatsapp", pin: "123456" });
    // Another pin for a number that has one is Meta's 133005.
    await expect(client.registerNumber("654321")).rejects.toMatchObject({ code: 133005 });
  });

  it("refuses another app's secret, an unknown code, and a business token outside its WABA", async () => {
    await expect(exchange(graph.issueSignupCode(WABA), { ...APP, secret: "errado" })).rejects.toMatchObject({ status: 400, code: 1 });
    await expect(exchange("AQnaoemitido")).rejects.toMatchObject({ status: 400, code: 100 });
    const token = await exchange(graph.issueSignupCode("999999999999"));
    const client = createWhatsAppClient({ graphBaseUrl: graph.baseUrl, accessToken: token, phoneNumberId: PHONE });
    await expect(client.wabaPhoneNumberIds(WABA)).rejects.toMatchObject({ status: 400, code: 100 });
    await expect(client.subscribeApp(WABA)).rejects.toMatchObject({ code: 100 });
    await expect(client.registerNumber("123456")).rejects.toMatchObject({ code: 100 });
  });
});
