import { ZodError } from "zod";
import { describe, expect, it } from "vitest";
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

const inbound = (id: string, type: string, payload: Record<string, unknown>, from = LEAD) => ({ from, id, timestamp: ts, type, ...payload });

describe("parseWebhook", () => {
  it("maps each message type to its content", () => {
    const messages = [
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
      inbound("w11", "contacts", { contacts: [{ name: { formatted_name: "Ana" } }] }),
      inbound("w12", "unsupported", { errors: [{ code: 131051, title: "Message type unknown" }] }),
      inbound("w13", "interactive", { interactive: { type: "nfm_reply", nfm_reply: {} } }),
      inbound("w14", "order", { order: {} }),
    ];
    const { events } = parseWebhook(body({ id: "waba", changes: [{ field: "messages", value: value({ messages }) }] }));
    expect(events.map((e) => (e.kind === "message" ? e.content : null))).toEqual([
      { type: "text", text: "Oi" },
      { type: "button_reply", id: "sim", title: "Sim" },
      { type: "list_reply", id: "b", title: "B" },
      { type: "button_reply", id: "quero", title: "Quero saber" },
      { type: "media", mediaType: "image", mediaId: "m1", mimeType: "image/jpeg", caption: "Foto" },
      { type: "media", mediaType: "audio", mediaId: "m2", mimeType: "audio/ogg; codecs=opus", voice: true },
      { type: "media", mediaType: "document", mediaId: "m3", mimeType: "application/pdf", filename: "p.pdf" },
      { type: "location", latitude: -23.55, longitude: -46.63, name: "Sé" },
      { type: "reaction", emoji: "👍", messageId: "wamid.out" },
      { type: "reaction", emoji: "", messageId: "wamid.out" },
      { type: "unsupported", originalType: "contacts" },
      { type: "unsupported", originalType: "unsupported" },
      { type: "unsupported", originalType: "interactive.nfm_reply" },
      { type: "unsupported", originalType: "order" },
    ]);
  });

  it("flattens several entries, changes, messages and statuses in payload order", () => {
    const { events } = parseWebhook(
      body(
        {
          id: "waba-1",
          changes: [
            {
              field: "messages",
              value: value({
                contacts: [
                  { profile: { name: "Ana" }, wa_id: LEAD },
                  { profile: { name: "Bia" }, wa_id: "5521999990000" },
                ],
                messages: [inbound("w1", "text", { text: { body: "a" } }), inbound("w2", "text", { text: { body: "b" } }, "5521999990000")],
              }),
            },
            { field: "account_update", value: { event: "VERIFIED_ACCOUNT" } },
            {
              field: "messages",
              value: value({
                statuses: [
                  { id: "wamid.out1", status: "delivered", timestamp: ts, recipient_id: LEAD },
                  { id: "wamid.out2", status: "played", timestamp: ts, recipient_id: LEAD },
                ],
              }),
            },
          ],
        },
        { id: "waba-2", changes: [{ field: "messages", value: value({ messages: [inbound("w3", "text", { text: { body: "c" } }, "5531")] }, "other-phone") }] },
      ),
    );
    expect(events).toEqual([
      { kind: "message", phoneNumberId: PHONE_ID, wamid: "w1", from: LEAD, profileName: "Ana", timestamp: at, content: { type: "text", text: "a" } },
      { kind: "message", phoneNumberId: PHONE_ID, wamid: "w2", from: "5521999990000", profileName: "Bia", timestamp: at, content: { type: "text", text: "b" } },
      { kind: "status", phoneNumberId: PHONE_ID, wamid: "wamid.out1", status: "delivered", recipientId: LEAD, timestamp: at },
      { kind: "message", phoneNumberId: "other-phone", wamid: "w3", from: "5531", timestamp: at, content: { type: "text", text: "c" } },
    ]);
    expect(events[3]).not.toHaveProperty("profileName");
  });

  it("carries the first error of a failed status", () => {
    const status = {
      id: "wamid.out",
      status: "failed",
      timestamp: ts,
      recipient_id: LEAD,
      errors: [
        {
          code: 131047,
          title: "Re-engagement message",
          message: "Re-engagement message",
          error_data: { details: "Message failed to send because more than 24 hours have passed since the customer last replied to this number." },
        },
      ],
    };
    const { events } = parseWebhook(body({ id: "waba", changes: [{ field: "messages", value: value({ statuses: [status] }) }] }));
    expect(events).toEqual([
      {
        kind: "status",
        phoneNumberId: PHONE_ID,
        wamid: "wamid.out",
        status: "failed",
        recipientId: LEAD,
        timestamp: at,
        error: {
          code: 131047,
          title: "Re-engagement message",
          message: "Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
        },
      },
    ]);
  });

  it("returns no events for an empty batch and throws ZodError on a bad body", () => {
    expect(parseWebhook(body()).events).toEqual([]);
    expect(() => parseWebhook({ object: "whatsapp_business_account", entry: [{ id: "x", changes: [{ field: "messages", value: {} }] }] })).toThrow(ZodError);
    expect(() => parseWebhook("not json")).toThrow(ZodError);
  });
});
