import { randomInt } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signMetaBody } from "@vendaflow/connectors/whatsapp/verify-signature";
import { TEST_KEYS } from "../support/app-env";
import { graphAppSuite, type GraphApp } from "../support/graph-app";
import { signedInClients } from "../support/sessions";
import { connectWhatsAppNumber, env, owner, type FixtureTenant } from "../support/fixtures";
import { Client, request } from "../support/http";
import * as wa from "../support/whatsapp-payloads";
import { defaultNumber, issueSignupCode, type GraphStandIn } from "../stand-ins/graph-api";
import { eventually } from "../support/eventually";

// "Reconectar com a Meta": a platform-app inbox connected by id before Embedded Signup (no business
// token: nothing proved the tenant owns the number), or one Meta disconnected (account_update), gets
// the signup's proof attached by a new signup for its number — the same inbox, its name and
// conversations kept — and then sends with the business token.

let graph: GraphStandIn;
let app: GraphApp["app"];
let a: FixtureTenant;
const as = signedInClients(() => app);
const ids = () => String(randomInt(1e12, 9e12));
const q = async (sql: string, params: unknown[]) => (await owner().query(sql, params)).rows;
type View = { id: string; name: string; lacksSignupProof: boolean; settings: { waBusinessAccountId?: string; waDisconnected?: unknown } };
const view = async (id: string) => (await (await as(a)).trpc<View[]>("query", "inboxes.list")).data!.find((i) => i.id === id)!;

function post(body: unknown) {
  const raw = JSON.stringify(body);
  return request(app.port, app.rootDomain, "POST", "/api/whatsapp", { headers: { "content-type": "application/json", "x-hub-signature-256": signMetaBody(raw, TEST_KEYS.waAppSecret) }, body: raw });
}
/** The lead writes; the bot's reply row once its delivery is recorded, and the Authorization it went out with. */
async function leadWrites(phone: string) {
  const n = `55119${randomInt(10_000_000, 99_999_999)}`;
  expect((await post(wa.webhook(wa.messageChange(phone, [wa.text(n, "oi")], [{ wa_id: n, name: "Lia" }])))).status).toBe(200);
  const { rows } = await eventually(
    () => owner().query("select m.delivery_status, m.delivery_error from messages m join conversations c on c.id = m.conversation_id join leads l on l.id = c.lead_id where l.tenant_id = $1 and l.wa_id = $2 and m.sender = 'bot'", [a.id, n]),
    (r) => r.rows.length > 0 && r.rows[0].delivery_status !== "pending",
  );
  const sent = graph.requests.filter((r) => r.path.endsWith(`/${phone}/messages`) && (r.body as { to?: string }).to === n);
  return { status: rows[0].delivery_status as string, auth: sent.map((r) => r.headers.authorization) };
}
const complete = async (input: { code: string; phoneNumberId: string; wabaId: string }) => (await as(a)).trpc<{ inbox: { id: string }; alreadyConnected: boolean }>("mutation", "whatsapp.completeSignup", { name: "Outro nome", ...input });

graphAppSuite((s) => ({ graph, app, a } = s));

describe("Reconectar com a Meta", () => {
  it("is not asked of the demo seed's inbox (a made-up number, settings.waDemo), and an admin cannot mark an inbox as the demo's", async () => {
    const demo = new Client(env().port, `demo.${env().rootDomain}`);
    expect(await demo.login("admin@demo.com", "demo-admin-123")).toBeNull();
    const seeded = (await demo.trpc<(View & { channel: string; settings: { waDemo?: boolean } })[]>("query", "inboxes.list")).data!.find((i) => i.channel === "whatsapp")!;
    expect(seeded).toMatchObject({ name: "WhatsApp Comercial", lacksSignupProof: false, settings: { waDemo: true } });

    const phone = ids();
    const { rows } = await owner().query<{ id: string }>("insert into inboxes (tenant_id, name, channel, wa_phone_number_id, settings) values ($1, 'Por id', 'whatsapp', $2, $3) returning id", [a.id, phone, JSON.stringify({ allowedOrigins: [], schedulingUrl: "", templates: {} })]);
    const id = rows[0]!.id;
    const saved = await (await as(a)).trpc("mutation", "inboxes.update", { inboxId: id, name: "Por id", isActive: true, settings: { allowedOrigins: [], schedulingUrl: "", templates: {}, waDemo: true } });
    expect(saved.error).toBeNull();
    expect(await view(id)).toMatchObject({ lacksSignupProof: true });
    expect((await view(id)).settings).not.toHaveProperty("waDemo");
  });

  it("an inbox connected by id before the signup: flagged, then the signup attaches the proof to it (same inbox, name kept, once per completion)", async () => {
    const phone = ids();
    const waba = ids();
    graph.addPhoneNumber(phone, defaultNumber(phone), { wabaId: waba });
    // As such inboxes were made before Embedded Signup: no credentials, the platform's token.
    const [legacy] = await q("insert into inboxes (tenant_id, name, channel, wa_phone_number_id, settings) values ($1, 'WhatsApp antigo', 'whatsapp', $2, $3) returning id", [a.id, phone, JSON.stringify({ allowedOrigins: [], schedulingUrl: "", templates: {} })]);
    expect((await view(legacy.id)).lacksSignupProof).toBe(true);
    expect((await leadWrites(phone)).auth).toEqual([`Bearer ${TEST_KEYS.waAccessToken}`]);

    const code = await issueSignupCode(graph.baseUrl, waba);
    const r = await complete({ code, phoneNumberId: phone, wabaId: waba });
    expect(r.error).toBeNull();
    expect(r.data!.inbox.id).toBe(legacy.id);
    expect(await q("select count(*)::int as n from inboxes where wa_phone_number_id = $1", [phone])).toEqual([{ n: 1 }]);
    const after = await view(legacy.id);
    expect(after).toMatchObject({ name: "WhatsApp antigo", lacksSignupProof: false, settings: { waBusinessAccountId: waba } });
    expect(graph.registered.has(phone)).toBe(true);
    // The same completion submitted again is not a second reconnection.
    const again = await complete({ code, phoneNumberId: phone, wabaId: waba });
    expect(again.data).toMatchObject({ inbox: { id: legacy.id }, alreadyConnected: true });
    const audits = await q("select after from audit_logs where entity_id = $1 and action = 'whatsapp.embedded_signup'", [legacy.id]);
    expect(audits).toEqual([{ after: { phoneNumberId: phone, wabaId: waba, reconnected: true } }]);
    // From now on it is the business token (the stand-in refuses the platform's for this WABA).
    const sent = await leadWrites(phone);
    expect(sent.status).toBe("sent");
    expect(sent.auth).toEqual([`Bearer ${graph.businessTokensOf(waba)[0]}`]);
  });

  it("after Meta's PARTNER_REMOVED: a new signup lifts the disconnection and sending resumes with the new token", async () => {
    const connected = await connectWhatsAppNumber(await as(a), graph.baseUrl, {});
    expect(connected.error).toBeNull();
    const { id, waPhoneNumberId: phone, settings } = connected.data!.inbox;
    const waba = settings.waBusinessAccountId as string;
    const [first] = graph.businessTokensOf(waba);
    graph.revokeToken(first!);
    expect((await post({ object: "whatsapp_business_account", entry: [{ id: "520744086200222", time: Math.floor(Date.now() / 1000), changes: [{ field: "account_update", value: { event: "PARTNER_REMOVED", waba_info: { waba_id: waba, owner_business_id: "1" } } }] }] })).status).toBe(200);
    expect((await view(id)).settings.waDisconnected).toMatchObject({ reason: "partner_removed" });
    expect((await leadWrites(phone)).status).toBe("failed");

    const r = await complete({ code: await issueSignupCode(graph.baseUrl, waba), phoneNumberId: phone, wabaId: waba });
    expect(r.error).toBeNull();
    expect(r.data!.inbox.id).toBe(id);
    expect((await view(id)).settings.waDisconnected).toBeUndefined();
    const second = graph.businessTokensOf(waba)[1];
    const sent = await leadWrites(phone);
    expect(sent.status).toBe("sent");
    expect(sent.auth).toEqual([`Bearer ${second}`]);
  });
});
