import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { WhatsAppEvent } from "@vendaflow/validators/whatsapp";
import { parseWebhook, toContent } from "./parse-webhook";

const PHONE_ID = "106540352242922";
const LEAD = "5511987654321";
const ts = "1749416383";
const at = new Date(Number(ts) * 1000);

const value = (extra: Record<string, unknown>, phoneNumberId = PHONE_ID) => ({
  messaging_product: "whatsapp",
  metadata: { display_phone_number: "15550783881", phone_number_id: phoneNumberId },
  ...extra,
});

const body = (...entries: { id: string; changes: unknown[] }[]) => ({ object: "whatsapp_business_account", entry: entries });
const messages = (msgs: unknown[], extra: Record<string, unknown> = {}) => body({ id: "waba", changes: [{ field: "messages", value: value({ messages: msgs, ...extra }) }] });

const inbound = (id: string, type: string, payload: Record<string, unknown>, from = LEAD) => ({ from, id, timestamp: ts, type, ...payload });
const contents = (events: WhatsAppEvent[]) => events.map((e) => (e.kind === "message" ? e.content : e.kind));

// Real bodies: pywa's fixtures (MIT, Copyright (c) 2026 David Lev) and ours from Meta's docs; see tests/fixtures/whatsapp/README.md.
const FIXTURES = join(import.meta.dirname, "../../../../tests/fixtures/whatsapp");
function fixtures(): [string, unknown][] {
  const out: [string, unknown][] = [];
  const add = (prefix: string, file: string) => {
    const data = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    if ("object" in data) out.push([prefix, data]);
    else for (const [name, payload] of Object.entries(data)) out.push([`${prefix}/${name}`, payload]);
  };
  for (const f of readdirSync(join(FIXTURES, "pywa"))) add(`pywa/${f.replace(".json", "")}`, join(FIXTURES, "pywa", f));
  add("meta", join(FIXTURES, "meta-2026.json"));
  return out;
}
const fixture = (name: string) => fixtures().find(([n]) => n === name)![1];

describe("parseWebhook: message contents", () => {
  it("maps each message type to its content", () => {
    const { events, issues } = parseWebhook(
      messages([
        inbound("w1", "text", { text: { body: "Oi" } }),
        inbound("w2", "interactive", { interactive: { type: "button_reply", button_reply: { id: "sim", title: "Sim" } } }),
        inbound("w3", "interactive", { interactive: { type: "list_reply", list_reply: { id: "b", title: "B", description: "Bem" } } }),
        inbound("w4", "button", { button: { text: "Quero saber", payload: "quero" } }),
        inbound("w5", "image", { image: { id: "m1", mime_type: "image/jpeg", sha256: "x", caption: "Foto" } }),
        inbound("w6", "audio", { audio: { id: "m2", mime_type: "audio/ogg; codecs=opus", voice: true } }),
        inbound("w7", "document", { document: { id: "m3", mime_type: "application/pdf", filename: "p.pdf" } }),
        inbound("w8", "location", { location: { latitude: -23.55, longitude: -46.63, name: "Sé" } }),
        inbound("w9", "reaction", { reaction: { message_id: "wamid.out", emoji: "👍" } }),
        inbound("w10", "reaction", { reaction: { message_id: "wamid.out" } }),
        inbound("w11", "contacts", { contacts: [{ name: { formatted_name: "Ana Lima" }, phones: [{ phone: "+55 11 99999-0000", wa_id: "5511999990000", type: "CELL" }], emails: [{ email: "ana@x.com" }], org: { company: "Acme" } }] }),
        inbound("w12", "unsupported", { errors: [{ code: 131051, title: "Message type unknown" }] }),
        inbound("w13", "interactive", { interactive: { type: "nfm_reply", nfm_reply: { response_json: '{"flow_token":"t1","budget":"5k"}', body: "Sent" } } }),
        inbound("w14", "order", { order: { catalog_id: "c1", text: "", product_items: [{ product_retailer_id: "SKU1", quantity: 2, item_price: 30, currency: "BRL" }] } }),
        inbound("w15", "interactive", {}),
      ]),
    );
    expect(issues).toEqual([]);
    expect(contents(events)).toEqual([
      { type: "text", text: "Oi" },
      { type: "button_reply", id: "sim", title: "Sim" },
      { type: "list_reply", id: "b", title: "B" },
      { type: "button_reply", id: "quero", title: "Quero saber" },
      { type: "media", mediaType: "image", mediaId: "m1", mimeType: "image/jpeg", sha256: "x", caption: "Foto" },
      { type: "media", mediaType: "audio", mediaId: "m2", mimeType: "audio/ogg; codecs=opus", voice: true },
      { type: "media", mediaType: "document", mediaId: "m3", mimeType: "application/pdf", filename: "p.pdf" },
      { type: "location", latitude: -23.55, longitude: -46.63, name: "Sé" },
      { type: "reaction", emoji: "👍", messageId: "wamid.out" },
      { type: "reaction", emoji: "", messageId: "wamid.out" },
      { type: "contacts", contacts: [{ name: "Ana Lima", phones: [{ phone: "+55 11 99999-0000", waId: "5511999990000", type: "CELL" }], emails: [{ email: "ana@x.com" }], company: "Acme" }] },
      { type: "unsupported", originalType: "unsupported", error: "131051: Message type unknown" },
      { type: "flow_reply", response: { budget: "5k" }, flowToken: "t1", body: "Sent" },
      { type: "order", catalogId: "c1", items: [{ productRetailerId: "SKU1", quantity: 2, itemPrice: 30, currency: "BRL" }] },
      { type: "unsupported", originalType: "interactive" },
    ]);
  });

  it("keeps an interactive message Meta could not render, with the change's errors as its reason", () => {
    const { events, issues } = parseWebhook(fixture("pywa/message/interactive_message_with_err"));
    expect(issues).toEqual([]);
    expect(contents(events)).toEqual([{ type: "unsupported", originalType: "interactive", error: "131000: Unsupported webhook payload" }]);
  });

  it("turns a click-to-WhatsApp referral into the message's ad", () => {
    const [ev] = parseWebhook(fixture("pywa/message/referral")).events;
    expect(ev).toMatchObject({ kind: "message", content: { type: "text", text: "BODY" }, referral: { sourceId: "ADID", ctwaClid: "CTWA_CLID", headline: "AD_TITLE", sourceType: "ad or post" } });
  });
});

describe("parseWebhook: identity", () => {
  it("reads a username user without a phone by its business-scoped id", () => {
    const { events, issues } = parseWebhook(fixture("meta/username_without_phone"));
    expect(issues).toEqual([]);
    expect(events).toEqual([
      {
        kind: "message",
        phoneNumberId: PHONE_ID,
        wamid: "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAB=",
        user: { userId: "BR.1502576394655843", username: "sheena.nelson", profileName: "Sheena Nelson" },
        timestamp: new Date(1775627414 * 1000),
        content: { type: "text", text: "Oi, quero saber dos planos" },
      },
    ]);
  });

  it("completes the sender from contacts[] (phone, BSUID and parent BSUID)", () => {
    const [ev] = parseWebhook(fixture("pywa/message/text")).events;
    expect(ev).toMatchObject({ user: { waId: "972987654321", userId: "US.13491208655302741918", parentUserId: "US.ENT.11815799212886844830", profileName: "Test Name" } });
  });

  it("reads number and business-scoped id changes from system messages; other system messages are reported", () => {
    expect(parseWebhook(fixture("pywa/system/phone_number_change")).events).toMatchObject([
      { kind: "identity_change", change: "number", user: { waId: "972987654321" }, next: { waId: "972912345678" } },
    ]);
    expect(parseWebhook(fixture("meta/user_changed_user_id")).events).toMatchObject([
      { kind: "identity_change", change: "user_id", user: { userId: "BR.1502576394655843" }, next: { userId: "BR.9902576394655000" } },
    ]);
    const other = parseWebhook(fixture("pywa/system/identity_change"));
    expect(other.events).toEqual([]);
    expect(other.issues).toMatchObject([{ path: "entry.0.changes.0.value.messages.0", reason: expect.stringContaining("customer_identity_changed"), phoneNumberId: "1122334455667" }]);
  });

  it("reports a message without any sender and keeps the rest of its batch", () => {
    expect(parseWebhook(fixture("meta/message_without_sender")).issues).toMatchObject([{ reason: expect.stringContaining("sem remetente"), id: "wamid.nosender" }]);
    const { events, issues } = parseWebhook(fixture("meta/batch_with_one_bad_message"));
    expect(events.map((e) => e.kind === "message" && e.wamid)).toEqual(["wamid.b1", "wamid.b3"]);
    expect(issues).toMatchObject([{ path: "entry.0.changes.0.value.messages.1", id: "wamid.b2", reason: expect.stringContaining("timestamp") }]);
  });

  it("strips NUL and replaces lone surrogates before anything reads the body", () => {
    const [ev] = parseWebhook(fixture("meta/nul_and_lone_surrogate")).events;
    expect(ev).toMatchObject({ user: { profileName: "Zé" }, content: { type: "text", text: "oi \uFFFD tudo bem" } });
  });
});

describe("parseWebhook: statuses, edits, coexistence, templates", () => {
  it("carries pricing and the recipient's business-scoped id; drops statuses outside the lifecycle", () => {
    expect(parseWebhook(fixture("meta/status_to_bsuid_with_pricing")).events).toEqual([
      {
        kind: "status",
        phoneNumberId: PHONE_ID,
        wamid: "wamid.HBgNNTUxNjk5MjMxODIyMhUCABEYEjgxQkVFRDVBQTVDODFDOTg3MQA=",
        status: "delivered",
        recipient: { userId: "BR.1502576394655843", username: "sheena.nelson" },
        timestamp: new Date(1775627700 * 1000),
        pricing: { category: "utility", billable: true, pricingModel: "PMP" },
      },
    ]);
    expect(parseWebhook(fixture("meta/status_free_service_in_window")).events).toMatchObject([{ pricing: { category: "service", billable: false } }]);
    expect(parseWebhook(fixture("pywa/message_status/played")).events).toEqual([]);
  });

  it("carries the first error of a failed status", () => {
    expect(parseWebhook(fixture("meta/failed_131056_pair_rate")).events).toEqual([
      {
        kind: "status",
        phoneNumberId: PHONE_ID,
        wamid: "wamid.failed2",
        status: "failed",
        recipient: { waId: "5511987650001" },
        timestamp: new Date(1775627810 * 1000),
        error: { code: 131056, title: "(Business Account, Consumer Account) pair rate limit hit", message: "Too many messages sent from the sender phone number to the same recipient phone number in a short period of time." },
      },
    ]);
  });

  it("reads edits and revokes as changes to a stored message, not new messages", () => {
    expect(parseWebhook(fixture("pywa/edited_message/image")).events).toMatchObject([
      { kind: "edit", by: "lead", originalWamid: "wamid.HBgLMTQxMjU1NTA4MjkVAgASGBQzQUNCNjk5RDUwNUZGMUZEM0VBRAA=", content: { type: "media", mediaType: "image", caption: "Updated image caption" } },
    ]);
    // pywa's revoke fixture keeps Meta's placeholders as ids: the phone is absent, the BSUID in contacts identifies the sender.
    expect(parseWebhook(fixture("pywa/deleted_message/revoke")).events).toMatchObject([{ kind: "revoke", by: "lead", originalWamid: "<ORIGINAL_WHATSAPP_MESSAGE_ID>", user: { userId: "US.13491208655302741918" } }]);
  });

  it("reads coexistence echoes (and their edits and deletes) as the business's, and history threads", () => {
    expect(parseWebhook(fixture("pywa/outgoing_message/text")).events).toMatchObject([{ kind: "echo", content: { type: "text", text: "Test message" } }]);
    expect(parseWebhook(fixture("pywa/outgoing_message/edit")).events).toMatchObject([{ kind: "edit", by: "business", originalWamid: "wamid.zzzzzz" }]);
    expect(parseWebhook(fixture("pywa/outgoing_message/delete")).events).toMatchObject([{ kind: "revoke", by: "business", originalWamid: "wamid.zzzzzz" }]);
    expect(parseWebhook(fixture("meta/echo_to_bsuid")).events).toMatchObject([{ kind: "echo", user: { userId: "BR.1502576394655843" } }]);
    const history = parseWebhook(fixture("meta/history_chunk")).events;
    expect(history.map((e) => e.kind === "history" && [e.wamid, e.fromBusiness, e.user.waId ?? e.user.userId, e.content.type])).toEqual([
      ["wamid.h1", false, "5511987650003", "text"],
      ["wamid.h2", true, "5511987650003", "text"],
      ["wamid.h3", false, "5511987650003", "unsupported"],
      ["wamid.h4", false, "BR.4400001", "text"],
    ]);
    expect(parseWebhook(fixture("meta/history_declined")).issues).toMatchObject([{ reason: expect.stringContaining("2593109") }]);
  });

  it("reads template status updates with their WABA", () => {
    expect(parseWebhook(fixture("meta/template_rejected")).events).toEqual([
      { kind: "template_status", wabaId: "102290129340398", templateId: "806312974732579", name: "promo_inverno", language: "pt_BR", status: "REJECTED", reason: "INCORRECT_CATEGORY", category: "MARKETING" },
    ]);
  });

  it("flattens several entries and changes in payload order, skipping fields it does not act on", () => {
    const { events } = parseWebhook(
      body(
        {
          id: "waba-1",
          changes: [
            { field: "messages", value: value({ contacts: [{ profile: { name: "Ana" }, wa_id: LEAD }, { profile: { name: "Bia" }, wa_id: "5521999990000" }], messages: [inbound("w1", "text", { text: { body: "a" } }), inbound("w2", "text", { text: { body: "b" } }, "5521999990000")] }) },
            { field: "business_capability_update", value: { max_daily_conversation_per_phone: 1000 } },
            { field: "messages", value: value({ statuses: [{ id: "wamid.out1", status: "delivered", timestamp: ts, recipient_id: LEAD }] }) },
          ],
        },
        { id: "waba-2", changes: [{ field: "messages", value: value({ messages: [inbound("w3", "text", { text: { body: "c" } }, "553199990000")] }, "other-phone") }] },
      ),
    );
    expect(events).toEqual([
      { kind: "message", phoneNumberId: PHONE_ID, wamid: "w1", user: { waId: LEAD, profileName: "Ana" }, timestamp: at, content: { type: "text", text: "a" } },
      { kind: "message", phoneNumberId: PHONE_ID, wamid: "w2", user: { waId: "5521999990000", profileName: "Bia" }, timestamp: at, content: { type: "text", text: "b" } },
      { kind: "status", phoneNumberId: PHONE_ID, wamid: "wamid.out1", status: "delivered", recipient: { waId: LEAD }, timestamp: at },
      { kind: "message", phoneNumberId: "other-phone", wamid: "w3", user: { waId: "553199990000" }, timestamp: at, content: { type: "text", text: "c" } },
    ]);
  });

  it("never throws: a body of the wrong shape is one issue, a change without metadata another", () => {
    expect(parseWebhook("not an object")).toMatchObject({ events: [], issues: [{ path: "" }] });
    expect(parseWebhook({ object: "page", entry: [] })).toMatchObject({ events: [], issues: [{ path: "object" }] });
    expect(parseWebhook(body({ id: "x", changes: [{ field: "messages", value: {} }] })).issues).toMatchObject([{ path: "entry.0.changes.0.value.metadata" }]);
    expect(parseWebhook(body()).events).toEqual([]);
  });
});

describe("parseWebhook: every fixture", () => {
  const all = fixtures();
  it("has the real-world corpus the issue asks for", () => expect(all.length).toBeGreaterThanOrEqual(80));

  it.each(all)("%s parses without throwing, and every skipped element says why", (_name, payload) => {
    const { events, issues } = parseWebhook(payload);
    for (const issue of issues) expect(issue.reason.length).toBeGreaterThan(0);
    expect(events.every((e) => ("phoneNumberId" in e ? e.phoneNumberId.length > 0 : e.wabaId.length > 0))).toBe(true);
  });
});

describe("parseWebhook: account_update", () => {
  const update = (name: string) => parseWebhook(fixture(name));
  it("names the customer's WABA: waba_info for PARTNER_* events (their entry is the partner's business), the entry for the others", () => {
    expect(update("pywa/account_update/partner_removed").events).toEqual([{ kind: "account_update", wabaId: "980198427658004", event: "PARTNER_REMOVED", at: expect.any(Date) }]);
    expect(update("meta/account_update_partner_removed").events).toEqual([{ kind: "account_update", wabaId: "102290129340398", event: "PARTNER_REMOVED", at: new Date(1775627500 * 1000) }]);
    expect(update("meta/account_update_disabled").events).toEqual([{ kind: "account_update", wabaId: "102290129340398", event: "DISABLED_UPDATE", banState: "DISABLE", at: new Date(1775627600 * 1000) }]);
    expect(update("pywa/account_update/account_deleted").events).toMatchObject([{ kind: "account_update", wabaId: "102290129340398", event: "ACCOUNT_DELETED" }]);
  });
  it("ACCOUNT_VIOLATION's violation_info and ACCOUNT_RESTRICTION's restriction_info (expiration in epoch seconds, or a relayed date)", () => {
    expect(update("pywa/account_update/account_violation").events).toEqual([{ kind: "account_update", wabaId: "102290129340398", event: "ACCOUNT_VIOLATION", violationType: "ADULT", at: new Date(1743451903 * 1000) }]);
    expect(update("pywa/account_update/account_restriction").events).toEqual([
      {
        kind: "account_update",
        wabaId: "102290129340398",
        event: "ACCOUNT_RESTRICTION",
        restrictions: [
          { type: "RESTRICTED_BIZ_INITIATED_MESSAGING", expiresAt: new Date(1641330498 * 1000).toISOString() },
          { type: "RESTRICTED_ADD_PHONE_NUMBER_ACTION", expiresAt: new Date(1641330498 * 1000).toISOString() },
        ],
        at: new Date(1641330498 * 1000),
      },
    ]);
    const relayed = parseWebhook({
      object: "whatsapp_business_account",
      entry: [{ id: "102290129340398", time: 1775627800, changes: [{ field: "account_update", value: { event: "ACCOUNT_RESTRICTION", restriction_info: [{ restriction_type: "RESTRICTED_CUSTOMER_INITIATED_MESSAGING", expiration: "2026-04-19T13:59:20+0000" }, { restriction_type: "X", expiration: "amanhã" }, { restriction_type: "Y", expiration: "1776607160" }] } }] }],
    });
    expect(relayed.events).toMatchObject([{ restrictions: [{ type: "RESTRICTED_CUSTOMER_INITIATED_MESSAGING", expiresAt: "2026-04-19T13:59:20.000Z" }, { type: "X" }, { type: "Y", expiresAt: "2026-04-19T13:59:20.000Z" }] }]);
    expect((relayed.events[0] as { restrictions: object[] }).restrictions[1]).toEqual({ type: "X" });
  });
  it("a value without an event, or a PARTNER_ event without waba_info, is an issue, never a guess", () => {
    const r = update("meta/account_update_without_event");
    expect(r.events).toEqual([]);
    expect(r.issues).toHaveLength(1);
    const partnerWithout = parseWebhook({ object: "whatsapp_business_account", entry: [{ id: "2949482758682047", changes: [{ field: "account_update", value: { event: "PARTNER_REMOVED" } }] }] });
    expect(partnerWithout.events).toEqual([]);
    expect(partnerWithout.issues[0]!.reason).toContain("waba_info");
  });
});

describe("toContent: a type whose payload is missing or odd is kept as unsupported", () => {
  const msg = (type: string, payload: Record<string, unknown> = {}) => ({ type, ...payload }) as Parameters<typeof toContent>[0];

  it("each type without its object becomes unsupported with Meta's type (interactive with its subtype)", () => {
    for (const type of ["text", "button", "image", "audio", "location", "reaction", "contacts", "order", "edit", "revoke"]) {
      expect(toContent(msg(type))).toEqual({ type: "unsupported", originalType: type });
    }
    for (const sub of ["button_reply", "list_reply", "nfm_reply", "call_permission_reply"]) {
      expect(toContent(msg("interactive", { interactive: { type: sub } }))).toEqual({ type: "unsupported", originalType: `interactive.${sub}` });
    }
  });

  it("a reply object under the other subtype is not read as that subtype", () => {
    expect(toContent(msg("interactive", { interactive: { type: "list_reply", button_reply: { id: "a", title: "A" } } }))).toEqual({ type: "unsupported", originalType: "interactive.list_reply" });
    expect(toContent(msg("interactive", { interactive: { type: "button_reply", list_reply: { id: "a", title: "A" } } }))).toEqual({ type: "unsupported", originalType: "interactive.button_reply" });
    expect(toContent(msg("interactive", { interactive: { type: "button_reply", nfm_reply: { response_json: "{}" } } }))).toEqual({ type: "unsupported", originalType: "interactive.button_reply" });
    // A payload under another type's key is not read either.
    expect(toContent(msg("sticker", { location: { latitude: 1, longitude: 2 }, reaction: { message_id: "w" }, contacts: [], order: { product_items: [] } }))).toEqual({ type: "unsupported", originalType: "sticker" });
    expect(toContent(msg("ephemeral", { location: { latitude: 1, longitude: 2 }, reaction: { message_id: "w" }, contacts: [], order: { product_items: [] } }))).toEqual({ type: "unsupported", originalType: "ephemeral" });
  });

  it("a Flow answer is read only when response_json is a JSON object; flow_token only when it is a string", () => {
    const nfm = (response_json?: string) => msg("interactive", { interactive: { type: "nfm_reply", nfm_reply: { response_json, body: "Sent" } } });
    for (const bad of [undefined, "", "null", "5", '"texto"', "[1,2]", "{not json", "true"]) {
      expect(toContent(nfm(bad))).toEqual({ type: "unsupported", originalType: "interactive.nfm_reply" });
    }
    expect(toContent(nfm('{"flow_token":7,"a":1}'))).toEqual({ type: "flow_reply", response: { a: 1 }, body: "Sent" });
    expect(toContent(nfm("{}"))).toEqual({ type: "flow_reply", response: {}, body: "Sent" });
  });

  it("the reason of an unsupported message: details before message before title, no trailing space", () => {
    expect(toContent(msg("unsupported", { errors: [{ code: 1, title: "T", message: "M", error_data: { details: "D" } }] }))).toMatchObject({ error: "1: D" });
    expect(toContent(msg("unsupported", { errors: [{ code: 1, title: "T", message: "M" }] }))).toMatchObject({ error: "1: M" });
    expect(toContent(msg("unsupported", { errors: [{ code: 1, title: "T", error_data: {} }] }))).toMatchObject({ error: "1: T" });
    expect(toContent(msg("unsupported", { errors: [{ code: 131051 }] }))).toEqual({ type: "unsupported", originalType: "unsupported", error: "131051:" });
    // The message's own error wins over the change's.
    expect(toContent(msg("unsupported", { errors: [{ code: 1, title: "own" }] }), [{ code: 2, title: "change" }])).toMatchObject({ error: "1: own" });
    expect(toContent(msg("unsupported"), [{ code: 2, title: "change" }])).toMatchObject({ error: "2: change" });
  });

  it("a shared contact: name from its parts, phones without a number dropped, a phone from wa_id, e-mails without address dropped", () => {
    const card = (c: Record<string, unknown>) => (toContent(msg("contacts", { contacts: [c] })) as { contacts: unknown[] }).contacts[0];
    expect(card({ name: { first_name: "Ana", last_name: "Lima" } })).toEqual({ phones: [], emails: [], name: "Ana Lima" });
    expect(card({ name: { last_name: "Lima" } })).toEqual({ phones: [], emails: [], name: "Lima" });
    expect(card({ name: {} })).toEqual({ phones: [], emails: [] });
    expect(card({})).toEqual({ phones: [], emails: [] });
    expect(card({ phones: [{ type: "HOME" }, { wa_id: "5511999990000", type: "CELL" }, { phone: "+55 11 3333-0000" }], emails: [{ type: "WORK" }, { email: "a@x.com", type: "WORK" }], org: { title: "CEO" } })).toEqual({
      phones: [{ phone: "+5511999990000", waId: "5511999990000", type: "CELL" }, { phone: "+55 11 3333-0000" }],
      emails: [{ email: "a@x.com", type: "WORK" }],
      title: "CEO",
    });
  });
});

describe("parseWebhook: odd elements inside a change", () => {
  const P = "entry.0.changes.0.value";
  const change = (field: string, v: unknown) => body({ id: "waba", changes: [{ field, value: v }] });

  it("a list field that is not a list is one issue and the rest of the change is read", () => {
    expect(parseWebhook(messages([inbound("w1", "text", { text: { body: "a" } })], { contacts: "x", statuses: {} }))).toEqual({
      events: [{ kind: "message", phoneNumberId: PHONE_ID, wamid: "w1", user: { waId: LEAD }, timestamp: at, content: { type: "text", text: "a" } }],
      issues: [
        { path: `${P}.contacts`, reason: "Esperava uma lista.", phoneNumberId: PHONE_ID },
        { path: `${P}.statuses`, reason: "Esperava uma lista.", phoneNumberId: PHONE_ID },
      ],
    });
    expect(parseWebhook(messages("x" as unknown as unknown[])).issues).toEqual([{ path: `${P}.messages`, reason: "Esperava uma lista.", phoneNumberId: PHONE_ID }]);
  });

  it("a contact of the wrong shape is an issue and does not stand for the sender", () => {
    const { events, issues } = parseWebhook(messages([inbound("w1", "text", { text: { body: "a" } })], { contacts: ["x", { wa_id: LEAD }] }));
    expect(issues).toEqual([{ path: `${P}.contacts.0`, reason: expect.stringMatching(/^\(raiz\): ./), phoneNumberId: PHONE_ID }]);
    expect(events).toMatchObject([{ user: { waId: LEAD } }]);
  });

  it("a message of the wrong shape is reported with its id (cut to 128), when it has a string id", () => {
    const long = "w".repeat(200);
    const { events, issues } = parseWebhook(messages([{ id: long, type: "text" }, { id: 5, type: "text" }, null, 7, "x", { from: LEAD, id: "w9", timestamp: ts, type: "text", text: { body: "ok" } }]));
    expect(events).toHaveLength(1);
    expect(issues.map((i) => i.path)).toEqual([0, 1, 2, 3, 4].map((i) => `${P}.messages.${i}`));
    expect(issues.map((i) => i.id)).toEqual(["w".repeat(128), undefined, undefined, undefined, undefined]);
    expect(issues.map((i) => "id" in i)).toEqual([true, false, false, false, false]);
    expect(issues[0]).toMatchObject({ phoneNumberId: PHONE_ID, reason: expect.stringContaining("id: ") });
  });

  it("describes each problem as path: message, joined by '; '", () => {
    const { issues } = parseWebhook(messages([{ id: "w1", from: LEAD, type: "text", timestamp: "x", errors: [{ code: "7" }] }]));
    expect(issues).toHaveLength(1);
    const parts = issues[0]!.reason.split("; ");
    expect(parts.length).toBeGreaterThanOrEqual(2);
    expect(parts.some((p) => /^timestamp: \S/.test(p))).toBe(true);
    expect(parts.some((p) => /^errors\.0\.code: \S/.test(p))).toBe(true);
    expect(parseWebhook(7).issues[0]!.reason).toMatch(/^\(raiz\): \S/);
  });

  it("the change's errors explain an unrenderable message; entries that are not errors are skipped", () => {
    const { events } = parseWebhook(messages([inbound("w1", "interactive", {})], { errors: [null, { code: "x", title: "no" }, { code: 131000, title: "Unsupported" }] }));
    expect(contents(events)).toEqual([{ type: "unsupported", originalType: "interactive", error: "131000: Unsupported" }]);
    expect(contents(parseWebhook(messages([inbound("w1", "interactive", {})], { errors: "x" })).events)).toEqual([{ type: "unsupported", originalType: "interactive" }]);
  });

  it("matches the sender's contact by BSUID or phone among several; with several and no match uses none", () => {
    const contacts = [
      { profile: { name: "Bia" }, wa_id: "5521999990000", user_id: "BR.bia" },
      { profile: { name: "Ana", username: "ana" }, wa_id: LEAD, user_id: "BR.ana" },
    ];
    const send = (m: Record<string, unknown>) => parseWebhook(messages([{ id: "w1", timestamp: ts, type: "text", text: { body: "a" }, ...m }], { contacts })).events[0];
    expect(send({ from_user_id: "BR.ana" })).toMatchObject({ user: { userId: "BR.ana", waId: LEAD, profileName: "Ana", username: "ana" } });
    expect(send({ from: LEAD })).toMatchObject({ user: { userId: "BR.ana", waId: LEAD, profileName: "Ana" } });
    expect(send({ from: "553199990000" })).toMatchObject({ user: { waId: "553199990000" } });
    expect((send({ from: "553199990000" }) as { user: object }).user).toEqual({ waId: "553199990000" });
    // One contact without a profile: it completes the sender and names nobody.
    const [ev] = parseWebhook(messages([inbound("w1", "text", { text: { body: "a" } }, "553199990000")], { contacts: [{ user_id: "BR.x" }] })).events;
    expect(ev).toMatchObject({ user: { waId: "553199990000", userId: "BR.x" } });
    expect((ev as { user: object }).user).toEqual({ waId: "553199990000", userId: "BR.x" });
  });

  it("an edit or revoke without its object is kept as an unsupported message", () => {
    expect(parseWebhook(messages([inbound("w1", "edit", {}), inbound("w2", "revoke", {})])).events).toMatchObject([
      { kind: "message", wamid: "w1", content: { type: "unsupported", originalType: "edit" } },
      { kind: "message", wamid: "w2", content: { type: "unsupported", originalType: "revoke" } },
    ]);
  });

  it("system messages: customer number changes too; without a type or without the new identifier it is an issue", () => {
    const sys = (system?: Record<string, unknown>) => parseWebhook(messages([inbound("w1", "system", system ? { system } : {})]));
    expect(sys({ type: "customer_changed_number", wa_id: "5511900000000", body: "mudou" }).events).toMatchObject([{ kind: "identity_change", change: "number", next: { waId: "5511900000000" }, body: "mudou" }]);
    expect(sys({ type: "user_changed_number", wa_id: "5511900000000", user_id: "BR.novo" }).events).toMatchObject([{ kind: "identity_change", change: "number", next: { waId: "5511900000000", userId: "BR.novo" } }]);
    // A user-id change does not carry a phone change.
    expect(sys({ type: "user_changed_user_id", wa_id: "5511900000000", user_id: "BR.novo" }).events).toMatchObject([{ change: "user_id", next: { userId: "BR.novo" } }]);
    expect((sys({ type: "user_changed_user_id", wa_id: "5511900000000", user_id: "BR.novo" }).events[0] as { next: object }).next).toEqual({ userId: "BR.novo" });
    expect(sys().issues).toEqual([{ path: `${P}.messages.0`, reason: "Mensagem de sistema não tratada (sem tipo).", phoneNumberId: PHONE_ID, id: "w1" }]);
    expect(sys({}).issues).toEqual([{ path: `${P}.messages.0`, reason: "Mensagem de sistema não tratada (sem tipo).", phoneNumberId: PHONE_ID, id: "w1" }]);
    expect(sys({ type: "other" }).issues).toEqual([{ path: `${P}.messages.0`, reason: "Mensagem de sistema não tratada (other).", phoneNumberId: PHONE_ID, id: "w1" }]);
    for (const type of ["user_changed_number", "user_changed_user_id"]) {
      const r = sys({ type, wa_id: type === "user_changed_user_id" ? "5511900000000" : undefined });
      expect(r).toEqual({ events: [], issues: [{ path: `${P}.messages.0`, reason: "Troca de número/id sem o novo identificador.", phoneNumberId: PHONE_ID, id: "w1" }] });
    }
  });

  it("statuses: a malformed one is an issue; pricing defaults to billable; an error's title falls back to its message, then its code", () => {
    const st = (s: Record<string, unknown>) => parseWebhook(messages([], { statuses: [{ id: "s1", status: "failed", timestamp: ts, recipient_id: LEAD, ...s }] }));
    expect(st({ timestamp: undefined })).toEqual({ events: [], issues: [{ path: `${P}.statuses.0`, reason: expect.stringMatching(/^timestamp: /), phoneNumberId: PHONE_ID, id: "s1" }] });
    expect(st({ pricing: { category: "marketing" } }).events).toMatchObject([{ pricing: { category: "marketing", billable: true } }]);
    expect(st({ errors: [{ code: 131026, message: "Undeliverable" }] }).events).toMatchObject([{ error: { code: 131026, title: "Undeliverable", message: "Undeliverable" } }]);
    expect((st({ errors: [{ code: 131026, error_data: {} }] }).events[0] as { error: object }).error).toEqual({ code: 131026, title: "Erro 131026" });
    expect((st({ errors: [{ code: 1, title: "T", message: "M", error_data: { details: "D" } }] }).events[0] as { error: object }).error).toEqual({ code: 1, title: "T", message: "D" });
    expect(st({ recipient_id: undefined, parent_recipient_user_id: "BR.ENT.a", recipient_parent_user_id: "BR.ENT.b", recipient_user_id: "BR.u" }).events).toMatchObject([{ recipient: { userId: "BR.u", parentUserId: "BR.ENT.a" } }]);
    expect(st({ recipient_id: undefined, recipient_parent_user_id: "BR.ENT.b", recipient_user_id: "BR.u" }).events).toMatchObject([{ recipient: { userId: "BR.u", parentUserId: "BR.ENT.b" } }]);
  });

  it("echoes: a malformed echo or contact, an echo without recipient, an edit or revoke without its object", () => {
    const echoes = (list: unknown[], contacts: unknown[] = []) => parseWebhook(change("smb_message_echoes", value({ contacts, message_echoes: list })));
    const echo = (id: string, type: string, payload: Record<string, unknown>, to: string | null = LEAD) => ({ from: "15550783881", to, id, timestamp: ts, type, ...payload });
    expect(echoes([{ id: "e0", type: "text" }])).toEqual({ events: [], issues: [{ path: `${P}.message_echoes.0`, reason: expect.stringMatching(/^timestamp: /), phoneNumberId: PHONE_ID, id: "e0" }] });
    expect(echoes([echo("e1", "text", { text: { body: "a" } }, null)], ["x", { wa_id: LEAD }, { wa_id: "5521999990000" }])).toEqual({
      events: [],
      issues: [{ path: `${P}.message_echoes.0`, reason: "Eco sem destinatário (to / to_user_id).", phoneNumberId: PHONE_ID, id: "e1" }],
    });
    expect(echoes([echo("e1", "text", { text: { body: "a" } })], ["x", { wa_id: LEAD, profile: { name: "Ana" } }]).events).toEqual([
      { kind: "echo", phoneNumberId: PHONE_ID, wamid: "e1", user: { waId: LEAD, profileName: "Ana" }, timestamp: at, content: { type: "text", text: "a" } },
    ]);
    expect(echoes([echo("e2", "edit", {}), echo("e3", "revoke", {})]).events).toMatchObject([
      { kind: "echo", wamid: "e2", content: { type: "unsupported", originalType: "edit" } },
      { kind: "echo", wamid: "e3", content: { type: "unsupported", originalType: "revoke" } },
    ]);
  });

  it("history: odd chunks are skipped, bad threads and messages reported, who sent each message is worked out", () => {
    const hist = (history: unknown) => parseWebhook(change("history", value({ history })));
    const T = `${P}.history.0.threads.0`;
    expect(hist([null, 5, { threads: [] }])).toEqual({ events: [], issues: [] });
    const declined = hist([{ errors: [{ code: 2593109, title: "x".repeat(400) }] }]);
    expect(declined.issues).toEqual([{ path: `${P}.history.0`, reason: expect.stringMatching(/^Histórico não compartilhado: \{"code":2593109/), phoneNumberId: PHONE_ID }]);
    expect(declined.issues[0]!.reason).toHaveLength("Histórico não compartilhado: ".length + 300);
    expect(hist([{ errors: [], threads: [{ id: LEAD, messages: [] }] }]).issues).toEqual([]);
    expect(hist([{ threads: [{ messages: [] }] }]).issues).toEqual([{ path: T, reason: expect.stringMatching(/^id: /), phoneNumberId: PHONE_ID }]);
    expect(hist([{ threads: [{ id: "nem-numero", messages: [] }] }]).issues).toEqual([{ path: T, reason: "Conversa do histórico sem número ou id do usuário.", phoneNumberId: PHONE_ID }]);
    expect(hist([{ threads: [{ id: LEAD, messages: [{ id: "h0", type: "text" }] }] }]).issues).toEqual([{ path: `${T}.messages.0`, reason: expect.stringMatching(/^timestamp: /), phoneNumberId: PHONE_ID, id: "h0" }]);

    const m = (id: string, extra: Record<string, unknown>) => ({ id, timestamp: ts, type: "text", text: { body: id }, ...extra });
    const { events, issues } = hist([
      {
        threads: [
          {
            id: LEAD,
            messages: [
              m("a", { history_context: { from_me: true } }),
              m("b", { from: LEAD, to: "15550783881" }),
              m("c", { from: "15550783881" }),
              m("d", { from: "5599000000000", to: LEAD }),
              m("e", { from: "5599000000000" }),
              m("f", {}),
              m("g", { to: LEAD }),
              m("h", { from: LEAD, history_context: { from_me: false } }),
            ],
          },
        ],
      },
    ]);
    expect(issues).toEqual([]);
    expect(events.map((e) => e.kind === "history" && [e.wamid, e.fromBusiness])).toEqual([
      ["a", true],
      ["b", false],
      ["c", true],
      ["d", true],
      ["e", false],
      ["f", false],
      ["g", false],
      ["h", false],
    ]);
  });

  it("a change without an object value, a malformed template update, an object of another product", () => {
    for (const v of [null, "x", 5]) {
      expect(parseWebhook(change("messages", v))).toEqual({ events: [], issues: [{ path: P, reason: 'Mudança "messages" sem value.' }] });
    }
    expect(parseWebhook(change("message_template_status_update", { event: "APPROVED" }))).toEqual({ events: [], issues: [{ path: P, reason: expect.stringMatching(/^message_template_id: /) }] });
    expect(parseWebhook({ object: "instagram".repeat(10), entry: [] })).toEqual({ events: [], issues: [{ path: "object", reason: `Objeto não tratado: ${"instagram".repeat(10).slice(0, 60)}` }] });
    expect(parseWebhook(change("messages", value({ messages: [] }, "")))).toEqual({ events: [], issues: [{ path: `${P}.metadata`, reason: expect.stringMatching(/^phone_number_id: /) }] });
  });

  it("only the type decides: a text carrying an edit or revoke object is a text, for the lead and the business alike", () => {
    const extra = { text: { body: "oi" }, edit: { original_message_id: "w0", message: { type: "text", text: { body: "x" } } }, revoke: { original_message_id: "w0" } };
    expect(contents(parseWebhook(messages([inbound("w1", "text", extra)])).events)).toEqual([{ type: "text", text: "oi" }]);
    const echoed = parseWebhook(change("smb_message_echoes", value({ message_echoes: [{ to: LEAD, id: "e1", timestamp: ts, type: "text", ...extra }] }))).events;
    expect(echoed).toMatchObject([{ kind: "echo", content: { type: "text", text: "oi" } }]);
  });

  it("a malformed echo contact does not count: the one good contact still completes the recipient", () => {
    const { events } = parseWebhook(change("smb_message_echoes", value({ contacts: ["x", { user_id: "BR.ana", profile: { name: "Ana" } }], message_echoes: [{ to: LEAD, id: "e1", timestamp: ts, type: "text", text: { body: "a" } }] })));
    expect(events).toMatchObject([{ kind: "echo", user: { waId: LEAD, userId: "BR.ana", profileName: "Ana" } }]);
  });

  it("fields it does not act on are skipped without an issue, metadata or not", () => {
    expect(parseWebhook(change("business_capability_update", { max_daily_conversation_per_phone: 1000 }))).toEqual({ events: [], issues: [] });
    expect(parseWebhook(change("phone_number_quality_update", value({ current_limit: "TIER_1K" })))).toEqual({ events: [], issues: [] });
  });
});
