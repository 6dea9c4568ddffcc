import { randomInt } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signMetaBody } from "@vendaflow/connectors/whatsapp/verify-signature";
import { TEST_KEYS } from "../support/app-env";
import { graphAppSuite, type GraphApp } from "../support/graph-app";
import { signedInClients } from "../support/sessions";
import { connectWhatsAppNumber, owner, type FixtureTenant } from "../support/fixtures";
import { request } from "../support/http";
import * as wa from "../support/whatsapp-payloads";
import { defaultNumber, type GraphStandIn } from "../stand-ins/graph-api";
import { eventually } from "../support/eventually";

// Meta's account_update webhook on the platform's path (field "account_update", payloads as in
// tests/fixtures/whatsapp): the business removed the platform (PARTNER_REMOVED), deleted its
// WABA, or Meta disabled it → the platform-app inboxes using that WABA, in whichever tenant, are
// marked disconnected (settings.waDisconnected), audited, shown on the inbox card, and send nothing —
// deactivated ones too; events older than the last of their kind (entry.time) are stale. Violations
// and restrictions are recorded as a warning (settings.waRestriction) and sending goes on.

let graph: GraphStandIn;
let app: GraphApp["app"];
let a: FixtureTenant;
let b: FixtureTenant;
const as = signedInClients(() => app);
const ids = () => String(randomInt(1e12, 9e12));
const q = async (sql: string, params: unknown[]) => (await owner().query(sql, params)).rows;

function post(body: unknown, secret = TEST_KEYS.waAppSecret) {
  const raw = JSON.stringify(body);
  return request(app.port, app.rootDomain, "POST", "/api/whatsapp", { headers: { "content-type": "application/json", "x-hub-signature-256": signMetaBody(raw, secret) }, body: raw });
}
/** Meta's account_update: PARTNER_* events name the WABA in waba_info (entry.id is the partner's business); the others are the WABA's entry. */
function accountUpdate(wabaId: string, value: Record<string, unknown>, time = Math.floor(Date.now() / 1000)) {
  const partner = String(value.event).startsWith("PARTNER_");
  return {
    object: "whatsapp_business_account",
    entry: [{ id: partner ? "520744086200222" : wabaId, time, changes: [{ field: "account_update", value: partner ? { ...value, waba_info: { waba_id: wabaId, owner_business_id: "2329417887457253" } } : value }] }],
  };
}
async function signedUp(t: FixtureTenant, waba = ids()) {
  const phone = ids();
  const r = await connectWhatsAppNumber(await as(t), graph.baseUrl, { phoneNumberId: phone, wabaId: waba });
  expect(r.error).toBeNull();
  return { id: r.data!.inbox.id, phone, waba };
}
const disconnected = async (inboxId: string) => (await q("select settings->'waDisconnected' as d from inboxes where id = $1", [inboxId]))[0].d as { reason: string; event: string; at: string } | null;
const restriction = async (inboxId: string) => (await q("select settings->'waRestriction' as r from inboxes where id = $1", [inboxId]))[0].r as Record<string, unknown> | null;
/** The bot's reply to a new lead on `phone`, once its delivery is recorded. */
async function replyTo(phone: string) {
  const n = `55119${randomInt(10_000_000, 99_999_999)}`;
  expect((await post(wa.webhook(wa.messageChange(phone, [wa.text(n, "oi")], [{ wa_id: n, name: "Rui" }])))).status).toBe(200);
  const { rows } = await eventually(
    () => owner().query("select m.delivery_status, m.delivery_error from messages m join conversations c on c.id = m.conversation_id join leads l on l.id = c.lead_id where l.wa_id = $1 and m.sender = 'bot'", [n]),
    (r) => r.rows.length > 0 && r.rows[0].delivery_status !== "pending",
  );
  return rows[0] as { delivery_status: string; delivery_error: { code: unknown } | null };
}
const audits = (inboxId: string) => q("select tenant_id, action, before, after from audit_logs where entity_id = $1 and action = 'whatsapp.account_update' order by created_at", [inboxId]);

graphAppSuite((s) => ({ graph, app, a, b } = s));

describe("account_update: the business removed the platform", () => {
  it("marks only the platform-app inboxes of that WABA disconnected, audited once (a redelivery changes nothing), shown on the card, and sends nothing", async () => {
    const removed = await signedUp(a);
    const otherWaba = await signedUp(a);
    const otherTenant = await signedUp(b);
    // An inbox on its own Meta app naming the same WABA is not the platform's to disconnect.
    const own = ids();
    graph.addPhoneNumber(own, defaultNumber(own), { token: "EAAG-proprio-b", wabaId: removed.waba });
    const ownApp = await (await as(b)).trpc<{ inbox: { id: string } }>("mutation", "inboxes.create", { channel: "whatsapp", name: "Próprio", phoneNumberId: own, ownApp: { accessToken: "EAAG-proprio-b", appSecret: "segredo-b" }, settings: { allowedOrigins: [], schedulingUrl: "", templates: {}, waBusinessAccountId: removed.waba } });
    expect(ownApp.error).toBeNull();

    // A forged body (not signed with the platform app's secret) is refused and changes nothing.
    expect((await post(accountUpdate(removed.waba, { event: "PARTNER_REMOVED" }), "outro-segredo")).status).toBe(401);
    expect(await disconnected(removed.id)).toBeNull();

    expect((await post(accountUpdate(removed.waba, { event: "PARTNER_REMOVED" }))).status).toBe(200);
    const d = await disconnected(removed.id);
    expect(d).toMatchObject({ reason: "partner_removed", event: "PARTNER_REMOVED" });
    expect(await audits(removed.id)).toMatchObject([{ tenant_id: a.id, action: "whatsapp.account_update", before: { waDisconnected: null }, after: { waDisconnected: { reason: "partner_removed" } } }]);
    for (const untouched of [otherWaba.id, otherTenant.id, ownApp.data!.inbox.id]) expect(await disconnected(untouched)).toBeNull();

    // Meta redelivers: nothing changes (same moment, no second audit row).
    expect((await post(accountUpdate(removed.waba, { event: "PARTNER_REMOVED" }))).status).toBe(200);
    expect(await disconnected(removed.id)).toEqual(d);
    expect(await audits(removed.id)).toHaveLength(1);

    // The inbox card reads it (inboxes.list), pt-BR text in the app.
    const list = await (await as(a)).trpc<{ id: string; settings: { waDisconnected?: { reason: string } } }[]>("query", "inboxes.list");
    expect(list.data!.find((i) => i.id === removed.id)!.settings.waDisconnected).toMatchObject({ reason: "partner_removed" });

    // A lead still writing: stored, but the reply is not attempted at Meta — a clear delivery error.
    const toNumber = () => graph.requests.filter((r) => r.path.endsWith(`/${removed.phone}/messages`)).length;
    const sentBefore = toNumber();
    const n = `55119${randomInt(10_000_000, 99_999_999)}`;
    expect((await post(wa.webhook(wa.messageChange(removed.phone, [wa.text(n, "oi")], [{ wa_id: n, name: "Rui" }])))).status).toBe(200);
    const { rows } = await eventually(
      () => owner().query("select m.delivery_status, m.delivery_error from messages m join conversations c on c.id = m.conversation_id join leads l on l.id = c.lead_id where l.wa_id = $1 and m.sender = 'bot'", [n]),
      (r) => r.rows.length > 0 && r.rows[0].delivery_status !== "pending",
    );
    expect(rows[0]).toMatchObject({ delivery_status: "failed", delivery_error: { code: "disconnected" } });
    expect(rows[0].delivery_error.title).toContain("reconecte com a Meta");
    // Neither the reply nor the read receipt / typing indicator went to Meta.
    expect(toNumber()).toBe(sentBefore);
  });

  it("Meta's ban and reinstatement of a WABA; deletion; payloads it cannot act on are still 200", async () => {
    const banned = await signedUp(a);
    expect((await post(accountUpdate(banned.waba, { event: "DISABLED_UPDATE", ban_info: { waba_ban_state: "DISABLE", waba_ban_date: "December 7, 2026" } }))).status).toBe(200);
    expect(await disconnected(banned.id)).toMatchObject({ reason: "banned", event: "DISABLED_UPDATE" });
    expect((await post(accountUpdate(banned.waba, { event: "DISABLED_UPDATE", ban_info: { waba_ban_state: "REINSTATE", waba_ban_date: "December 8, 2026" } }))).status).toBe(200);
    expect(await disconnected(banned.id)).toBeNull();
    expect((await audits(banned.id)).map((r) => r.after.waDisconnected?.reason ?? null)).toEqual(["banned", null]);

    const deleted = await signedUp(b);
    expect((await post(accountUpdate(deleted.waba, { event: "ACCOUNT_DELETED" }))).status).toBe(200);
    expect(await disconnected(deleted.id)).toMatchObject({ reason: "account_deleted" });
    // A later REINSTATE does not bring back a deleted WABA.
    expect((await post(accountUpdate(deleted.waba, { event: "DISABLED_UPDATE", ban_info: { waba_ban_state: "REINSTATE" } }))).status).toBe(200);
    expect(await disconnected(deleted.id)).toMatchObject({ reason: "account_deleted" });

    // Events that do not stop sending, an event-less value, a PARTNER_ event without waba_info: 200, nothing changes.
    const calm = await signedUp(b);
    for (const body of [
      accountUpdate(calm.waba, { event: "ACCOUNT_VIOLATION", violation_info: { violation_type: "ADULT" } }),
      accountUpdate(calm.waba, { waba_info: { waba_id: calm.waba } }),
      { object: "whatsapp_business_account", entry: [{ id: calm.waba, changes: [{ field: "account_update", value: { event: "PARTNER_REMOVED" } }] }] },
      { object: "whatsapp_business_account", entry: [{ id: calm.waba, changes: [{ field: "account_update", value: "PARTNER_REMOVED" }] }] },
    ]) expect((await post(body)).status).toBe(200);
    expect(await disconnected(calm.id)).toBeNull();
  });

  it("out of order: a DISABLE delivered after its REINSTATE does not disconnect; a newer DISABLE does; redeliveries change nothing", async () => {
    const inbox = await signedUp(a);
    const t0 = Math.floor(Date.now() / 1000) - 600;
    const ban = (state: string, time: number) => post(accountUpdate(inbox.waba, { event: "DISABLED_UPDATE", ban_info: { waba_ban_state: state, waba_ban_date: "December 7, 2026" } }, time));
    expect((await ban("REINSTATE", t0 + 10)).status).toBe(200);
    expect((await ban("DISABLE", t0)).status).toBe(200);
    expect(await disconnected(inbox.id)).toBeNull();
    expect(await audits(inbox.id)).toEqual([]);
    expect((await ban("DISABLE", t0 + 20)).status).toBe(200);
    expect(await disconnected(inbox.id)).toMatchObject({ reason: "banned", at: new Date((t0 + 20) * 1000).toISOString() });
    // The REINSTATE (older than the ban now in force) and the newer DISABLE delivered again: no change, no audit row.
    expect((await ban("REINSTATE", t0 + 10)).status).toBe(200);
    expect((await ban("DISABLE", t0 + 20)).status).toBe(200);
    expect(await disconnected(inbox.id)).toMatchObject({ reason: "banned" });
    expect(await audits(inbox.id)).toHaveLength(1);
  });

  it("a tenant whose inbox on the WABA is deactivated still gets the mark (reactivating it shows the truth)", async () => {
    const inactive = await signedUp(b);
    await q("update inboxes set is_active = false where id = $1", [inactive.id]);
    expect((await post(accountUpdate(inactive.waba, { event: "PARTNER_REMOVED" }))).status).toBe(200);
    expect(await disconnected(inactive.id)).toMatchObject({ reason: "partner_removed" });
    expect(await audits(inactive.id)).toMatchObject([{ tenant_id: b.id }]);
  });
});

describe("account_update: ACCOUNT_VIOLATION and ACCOUNT_RESTRICTION (Meta's violation_info / restriction_info)", () => {
  it("are recorded as a warning shown on the card, sending goes on; an ACCOUNT_RESTRICTION without restrictions lifts it", async () => {
    const inbox = await signedUp(a);
    const t0 = Math.floor(Date.now() / 1000);
    const expiration = t0 + 7 * 86_400;
    expect((await post(accountUpdate(inbox.waba, { event: "ACCOUNT_VIOLATION", violation_info: { violation_type: "ADULT" } }, t0))).status).toBe(200);
    expect(await restriction(inbox.id)).toEqual({ event: "ACCOUNT_VIOLATION", at: new Date(t0 * 1000).toISOString(), violationType: "ADULT", restrictions: [] });
    const restricted = accountUpdate(inbox.waba, {
      event: "ACCOUNT_RESTRICTION",
      restriction_info: [
        { restriction_type: "RESTRICTED_BIZ_INITIATED_MESSAGING", expiration },
        { restriction_type: "RESTRICTED_ADD_PHONE_NUMBER_ACTION", expiration },
      ],
    }, t0 + 1);
    expect((await post(restricted)).status).toBe(200);
    expect((await post(restricted)).status).toBe(200);
    const until = new Date(expiration * 1000).toISOString();
    expect(await restriction(inbox.id)).toMatchObject({ event: "ACCOUNT_RESTRICTION", violationType: "ADULT", restrictions: [{ type: "RESTRICTED_BIZ_INITIATED_MESSAGING", expiresAt: until }, { type: "RESTRICTED_ADD_PHONE_NUMBER_ACTION", expiresAt: until }] });
    expect(await disconnected(inbox.id)).toBeNull();
    // Audited per change (the redelivery adds nothing).
    expect((await audits(inbox.id)).map((r) => r.after.waRestriction?.event ?? null)).toEqual(["ACCOUNT_VIOLATION", "ACCOUNT_RESTRICTION"]);
    const list = await (await as(a)).trpc<{ id: string; settings: { waRestriction?: unknown } }[]>("query", "inboxes.list");
    expect(list.data!.find((i) => i.id === inbox.id)!.settings.waRestriction).toMatchObject({ violationType: "ADULT" });
    // Not a disconnection: the reply goes to Meta (which refuses per message what it restricts).
    expect(await replyTo(inbox.phone)).toMatchObject({ delivery_status: "sent" });

    expect((await post(accountUpdate(inbox.waba, { event: "ACCOUNT_RESTRICTION", restriction_info: [] }, t0 + 2))).status).toBe(200);
    expect(await restriction(inbox.id)).toBeNull();
    // The restriction delivered again after the lift is older: it stays lifted.
    expect((await post(restricted)).status).toBe(200);
    expect(await restriction(inbox.id)).toBeNull();
  });
});
