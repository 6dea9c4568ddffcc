import { randomInt } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptCredentials } from "@vendaflow/core/inboxes/credentials";
import { TEST_KEYS } from "../support/app-env";
import { graphAppSuite, type GraphApp } from "../support/graph-app";
import { startAppServer } from "../support/app-server";
import { signedInClients } from "../support/sessions";
import { owner, type FixtureTenant } from "../support/fixtures";
import { defaultNumber, type GraphStandIn } from "../stand-ins/graph-api";

// WhatsApp Embedded Signup (core/whatsapp/embedded-signup.ts) against the Graph stand-in: the code
// Meta's popup hands the browser is exchanged with the platform app's id and secret for the
// business's token, which must see the number in its WABA; the app subscribes to the WABA and the
// number is registered; then the inbox is stored with the token sealed. A refusal at any step, or
// Meta unreachable, stores nothing.

let graph: GraphStandIn;
let app: GraphApp["app"];
let a: FixtureTenant;
let b: FixtureTenant;
const as = signedInClients(() => app);
const newId = () => String(randomInt(1e12, 9e12));
const settings = { allowedOrigins: [], schedulingUrl: "", templates: {} };
type Done = { inbox: { id: string; waPhoneNumberId: string; settings: Record<string, unknown> }; alreadyConnected: boolean };

/** A number of a business, shared with the platform in its WABA. */
function businessNumber(wabaId = newId()) {
  const phoneNumberId = newId();
  graph.addPhoneNumber(phoneNumberId, { ...defaultNumber(phoneNumberId), display_phone_number: "+55 11 4002-7777", verified_name: "Loja da Signup" }, { wabaId });
  return { phoneNumberId, wabaId };
}
const complete = async (t: FixtureTenant, input: { code: string; phoneNumberId: string; wabaId: string; pin?: string }, role: "admin" | "agent" = "admin") =>
  (await as(t, role)).trpc<Done>("mutation", "whatsapp.completeSignup", { name: "WhatsApp Signup", settings, ...input });
const stored = async (phoneNumberId: string) => (await owner().query("select id, tenant_id, settings, credentials_encrypted, webhook_key from inboxes where wa_phone_number_id = $1", [phoneNumberId])).rows;
const audits = async (t: FixtureTenant) => (await owner().query("select action, after from audit_logs where tenant_id = $1 and action in ('inbox.create', 'whatsapp.embedded_signup') order by created_at, action", [t.id])).rows;
const calls = (re: RegExp) => graph.requests.filter((r) => re.test(r.path));

graphAppSuite((s) => ({ graph, app, a, b } = s));

describe("WhatsApp Embedded Signup", () => {
  it("exchanges the code, checks the number is the business's, subscribes, registers, and stores the inbox with the business token sealed", async () => {
    const n = businessNumber();
    const code = graph.issueSignupCode(n.wabaId);
    const r = await complete(a, { code, ...n });
    expect(r.error).toBeNull();
    expect(r.data.alreadyConnected).toBe(false);
    expect(r.data.inbox.settings).toMatchObject({ waBusinessAccountId: n.wabaId, waDisplayPhoneNumber: "+55 11 4002-7777", waVerifiedName: "Loja da Signup" });
    // Server to server, with the platform app's id and secret.
    const exchange = calls(/\/oauth\/access_token\?/).at(-1)!;
    const q = new URL(exchange.path, "http://x").searchParams;
    expect({ client_id: q.get("client_id"), client_secret: q.get("client_secret"), code: q.get("code") }).toEqual({ client_id: TEST_KEYS.metaAppId, client_secret: TEST_KEYS.waAppSecret, code });
    expect(graph.subscribedWabas.has(n.wabaId)).toBe(true);
    const pin = graph.registered.get(n.phoneNumberId);
    expect(pin).toMatch(/^\d{6}$/);
    // Every step after the exchange went with the business's token, not the platform's.
    const businessAuth = calls(new RegExp(`/${n.wabaId}/subscribed_apps$`))[0]!.headers.authorization ?? "";
    expect(businessAuth).toMatch(/^Bearer EAAB/);
    expect(calls(new RegExp(`/${n.phoneNumberId}/register$`))[0]!.headers.authorization).toBe(businessAuth);
    const [row] = await stored(n.phoneNumberId);
    expect(row).toMatchObject({ tenant_id: a.id, webhook_key: null });
    const creds = decryptCredentials(row.credentials_encrypted, TEST_KEYS.encryptionKey);
    // signupCode: the code's sha256, so the same completion submitted again is recognised (not the code itself).
    expect(creds).toEqual({ businessToken: businessAuth.slice("Bearer ".length), twoStepPin: pin, signupCode: expect.stringMatching(/^[0-9a-f]{64}$/) });
    // Nothing secret in clear: neither the row nor the audit trail holds the token.
    expect(row.credentials_encrypted).not.toContain("EAAB");
    const trail = await audits(a);
    expect(trail.map((x) => x.action)).toEqual(["inbox.create", "whatsapp.embedded_signup"]);
    expect(JSON.stringify(trail)).not.toContain(creds.businessToken!);
    expect(trail[1]!.after).toEqual({ phoneNumberId: n.phoneNumberId, wabaId: n.wabaId });
  });

  it("a double submit gets the same inbox (also at the same moment); the code is single use: another number with it is refused, nothing stored", async () => {
    const n = businessNumber();
    const code = graph.issueSignupCode(n.wabaId);
    const [one, two] = await Promise.all([complete(a, { code, ...n }), complete(a, { code, ...n })]);
    expect(one.error).toBeNull();
    expect(two.error).toBeNull();
    expect(one.data.inbox.id).toBe(two.data.inbox.id);
    expect([one.data.alreadyConnected, two.data.alreadyConnected].sort()).toEqual([false, true]);
    expect(await stored(n.phoneNumberId)).toHaveLength(1);
    expect((await complete(a, { code, ...n })).data.inbox.id).toBe(one.data.inbox.id);

    const other = businessNumber(n.wabaId);
    const reused = await complete(a, { code, ...other });
    expect(reused.error).toMatchObject({ data: { code: "BAD_REQUEST", details: { field: "signup" } } });
    expect(reused.error!.message).toBe("A autorização da Meta expirou ou já foi usada. Nada foi salvo; clique em “Conectar com a Meta” e conclua de novo.");
    expect(await stored(other.phoneNumberId)).toEqual([]);
  });

  it("an expired or unknown code is refused the same way, nothing stored", async () => {
    const n = businessNumber();
    const expired = graph.issueSignupCode(n.wabaId, 1);
    await new Promise((r) => setTimeout(r, 20));
    expect((await complete(a, { code: expired, ...n })).error).toMatchObject({ data: { code: "BAD_REQUEST", details: { field: "signup" } } });
    expect((await complete(a, { code: "AQinventado123", ...n })).error).toMatchObject({ data: { code: "BAD_REQUEST", details: { field: "signup" } } });
    expect(await stored(n.phoneNumberId)).toEqual([]);
  });

  it("a number the WABA does not list, or another business's WABA named with this business's code, is refused: no subscribe, no register, nothing stored", async () => {
    const mine = businessNumber();
    const theirs = businessNumber();
    const before = (await audits(a)).length;
    // My code, their number, my WABA: my WABA does not list it.
    const wrongNumber = await complete(a, { code: graph.issueSignupCode(mine.wabaId), phoneNumberId: theirs.phoneNumberId, wabaId: mine.wabaId });
    expect(wrongNumber.error).toMatchObject({ data: { code: "BAD_REQUEST", details: { field: "signup" } } });
    expect(wrongNumber.error!.message).toBe("Este número não está na conta do WhatsApp Business que você autorizou na Meta. Conclua a conexão com a conta dona do número.");
    // My code, their number and their WABA (both ids known from elsewhere): my token cannot see it.
    const wrongWaba = await complete(a, { code: graph.issueSignupCode(mine.wabaId), ...theirs });
    expect(wrongWaba.error).toMatchObject({ data: { code: "BAD_REQUEST", details: { field: "signup" } } });
    expect(graph.subscribedWabas.has(theirs.wabaId)).toBe(false);
    expect(graph.registered.has(theirs.phoneNumberId)).toBe(false);
    expect(await stored(theirs.phoneNumberId)).toEqual([]);
    expect((await audits(a)).length).toBe(before);
  });

  it("Meta unreachable or failing (5xx) at any step: a 503 to try again in pt-BR, nothing stored", async () => {
    const n = businessNumber();
    const before = (await audits(a)).length;
    graph.dropNext((r) => r.path.includes("/oauth/access_token"));
    const dropped = await complete(a, { code: graph.issueSignupCode(n.wabaId), ...n });
    expect(dropped.status).toBe(503);
    expect(dropped.error).toMatchObject({ data: { code: "SERVICE_UNAVAILABLE" } });
    expect(dropped.error!.message).toBe("Não foi possível falar com a Meta para conectar o número agora. Nada foi salvo; clique em “Conectar com a Meta” de novo em instantes.");
    graph.failNext(2, 500, (r) => r.path.endsWith(`/${n.phoneNumberId}/register`));
    const failed = await complete(a, { code: graph.issueSignupCode(n.wabaId), ...n });
    expect(failed.status).toBe(503);
    expect(await stored(n.phoneNumberId)).toEqual([]);
    expect((await audits(a)).length).toBe(before);
    // The popup again (a new code): it goes through.
    expect((await complete(a, { code: graph.issueSignupCode(n.wabaId), ...n })).error).toBeNull();
    expect(await stored(n.phoneNumberId)).toHaveLength(1);
  });

  it("a number already connected by another tenant cannot be claimed, even with a code for its WABA: refused before Meta is asked", async () => {
    const n = businessNumber();
    expect((await complete(a, { code: graph.issueSignupCode(n.wabaId), ...n })).error).toBeNull();
    const asked = calls(/\/oauth\/access_token/).length;
    const r = await complete(b, { code: graph.issueSignupCode(n.wabaId), ...n });
    expect(r.error).toMatchObject({ data: { code: "CONFLICT", details: { field: "signup" } } });
    expect(calls(/\/oauth\/access_token/).length).toBe(asked);
    expect((await stored(n.phoneNumberId)).map((x) => x.tenant_id)).toEqual([a.id]);
    // B's own view of the number: nothing.
    expect((await (await as(b)).trpc<unknown[]>("query", "inboxes.list")).data).toEqual([]);
  });

  it("a number with two-step verification already on needs its pin: a mismatch is an error on the pin field; the right pin connects", async () => {
    const n = businessNumber();
    graph.registered.set(n.phoneNumberId, "246810");
    const wrong = await complete(a, { code: graph.issueSignupCode(n.wabaId), ...n });
    expect(wrong.error).toMatchObject({ data: { code: "BAD_REQUEST", details: { field: "pin" } } });
    expect(await stored(n.phoneNumberId)).toEqual([]);
    const right = await complete(a, { code: graph.issueSignupCode(n.wabaId), ...n, pin: "246810" });
    expect(right.error).toBeNull();
  });

  it("admins only; the input is bounded", async () => {
    const n = businessNumber();
    expect((await complete(a, { code: graph.issueSignupCode(n.wabaId), ...n }, "agent")).error?.data?.code).toBe("FORBIDDEN");
    const long = await complete(a, { code: "A".repeat(2049), ...n });
    expect(long.error?.data?.code).toBe("BAD_REQUEST");
    const badId = await complete(a, { code: graph.issueSignupCode(n.wabaId), phoneNumberId: "12ab", wabaId: n.wabaId });
    expect(badId.error?.data?.code).toBe("BAD_REQUEST");
    expect(await stored(n.phoneNumberId)).toEqual([]);
  });
});

describe("an installation without Embedded Signup configured", () => {
  it("tells the dialog so (no config) and refuses to complete one, without asking Meta", async () => {
    const bare = await startAppServer({ WHATSAPP_GRAPH_BASE_URL: graph.baseUrl, META_APP_ID: "", WHATSAPP_SIGNUP_CONFIG_ID: "" });
    try {
      const admin = await signedInClients(() => bare)(a);
      expect((await admin.trpc("query", "whatsapp.signupConfig")).data).toBeNull();
      const n = businessNumber();
      const asked = graph.requests.length;
      const r = await admin.trpc("mutation", "whatsapp.completeSignup", { name: "WhatsApp", code: graph.issueSignupCode(n.wabaId), ...n, settings });
      expect(r.error).toMatchObject({ data: { code: "PRECONDITION_FAILED" } });
      expect(r.error!.message).toMatch(/não está configurada/);
      expect(graph.requests.length).toBe(asked);
      expect(await stored(n.phoneNumberId)).toEqual([]);
    } finally {
      await bare.stop();
    }
  });

  it("a configured one hands the dialog the app, configuration and SDK", async () => {
    expect((await (await as(a)).trpc("query", "whatsapp.signupConfig")).data).toEqual({
      appId: TEST_KEYS.metaAppId,
      configId: TEST_KEYS.signupConfigId,
      sdkUrl: "https://connect.facebook.net/pt_BR/sdk.js",
      apiVersion: "v25.0",
    });
  });
});
