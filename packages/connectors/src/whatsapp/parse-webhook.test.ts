import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { WhatsAppEvent } from "@vendaflow/validators/whatsapp";
import { parseWebhook } from "./parse-webhook";

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
            { field: "account_update", value: { event: "VERIFIED_ACCOUNT" } },
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
    expect(events.every((e) => e.kind === "template_status" || e.phoneNumberId.length > 0)).toBe(true);
  });
});
