import { describe, expect, it } from "vitest";
import { isMessagesChange, whatsAppWebhookBodySchema, type WhatsAppMessagesChange } from "./whatsapp";

// Payloads follow the examples in Meta's "messages" webhook reference.
const metadata = { display_phone_number: "15550783881", phone_number_id: "106540352242922" };
const contacts = [{ profile: { name: "Sheena Nelson" }, wa_id: "16505551234" }];

function message(type: string, payload: Record<string, unknown>, id = "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=") {
  return { from: "16505551234", id, timestamp: "1749416383", type, ...payload };
}

function body(changes: unknown[], entryId = "102290129340398") {
  return { object: "whatsapp_business_account", entry: [{ id: entryId, changes }] };
}

const messagesChange = (value: Record<string, unknown>) => ({
  field: "messages",
  value: { messaging_product: "whatsapp", metadata, ...value },
});

function issuePaths(input: unknown): string[] {
  const result = whatsAppWebhookBodySchema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((i) => i.path.join("."));
}

function onlyMessagesValue(input: unknown): WhatsAppMessagesChange["value"] {
  const parsed = whatsAppWebhookBodySchema.parse(input);
  const change = parsed.entry[0]?.changes[0];
  if (!change || !isMessagesChange(change)) throw new Error("expected a messages change");
  return change.value;
}

describe("whatsAppWebhookBodySchema", () => {
  it("accepts a text message", () => {
    const value = onlyMessagesValue(
      body([messagesChange({ contacts, messages: [message("text", { text: { body: "Does it come in another color?" } })] })]),
    );
    expect(value.metadata.phone_number_id).toBe("106540352242922");
    expect(value.contacts?.[0]?.profile?.name).toBe("Sheena Nelson");
    expect(value.messages?.[0]?.text?.body).toBe("Does it come in another color?");
  });

  it("accepts every message type the bot reads", () => {
    const messages = [
      message("interactive", { interactive: { type: "button_reply", button_reply: { id: "sim", title: "Sim" } } }, "w1"),
      message("interactive", { interactive: { type: "list_reply", list_reply: { id: "b", title: "B", description: "Bem" } } }, "w2"),
      message("button", { context: { from: "15550783881", id: "wamid.ctx" }, button: { text: "Quero", payload: "quero" } }, "w3"),
      message("image", { image: { caption: "Foto", mime_type: "image/jpeg", sha256: "abc=", id: "1003383421387256" } }, "w4"),
      message("audio", { audio: { mime_type: "audio/ogg; codecs=opus", sha256: "x", id: "m5", voice: true } }, "w5"),
      message("document", { document: { caption: "Proposta", filename: "p.pdf", mime_type: "application/pdf", sha256: "x", id: "m6" } }, "w6"),
      message("sticker", { sticker: { mime_type: "image/webp", sha256: "x", id: "m7", animated: false } }, "w7"),
      message("video", { video: { mime_type: "video/mp4", sha256: "x", id: "m8" } }, "w8"),
      message("location", { location: { latitude: -23.55, longitude: -46.63, name: "Sé", address: "Praça da Sé" } }, "w9"),
      message("reaction", { reaction: { message_id: "wamid.out", emoji: "👍" } }, "w10"),
      message("contacts", { contacts: [{ name: { formatted_name: "Ana" }, phones: [{ phone: "+55 11 9999-0000" }] }] }, "w11"),
      message("unsupported", { errors: [{ code: 131051, title: "Message type unknown", error_data: { details: "Message type is currently not supported." } }] }, "w12"),
    ];
    const value = onlyMessagesValue(body([messagesChange({ contacts, messages })]));
    expect(value.messages?.map((m) => m.type)).toEqual(messages.map((m) => m.type));
  });

  it("tolerates unknown fields, message types, interactive subtypes, statuses and change fields", () => {
    const input = {
      ...body([
        messagesChange({
          contacts: [{ ...contacts[0], identity_key_hash: "h" }],
          messages: [
            message("order", { order: { catalog_id: "1", product_items: [] } }, "w1"),
            message("interactive", { interactive: { type: "nfm_reply", nfm_reply: { response_json: "{}" } } }, "w2"),
          ],
          statuses: [{ id: "wamid.s", status: "played", timestamp: "1749416383", recipient_id: "16505551234" }],
          brand_new: true,
        }),
        { field: "account_update", value: { phone_number: "15550783881", event: "VERIFIED_ACCOUNT" } },
      ]),
      extra: 1,
    };
    const parsed = whatsAppWebhookBodySchema.parse(input);
    const [first, second] = parsed.entry[0]?.changes ?? [];
    expect(first && isMessagesChange(first) && first.value.messages?.length).toBe(2);
    expect(second?.field).toBe("account_update");
    expect(second?.value).toEqual({ phone_number: "15550783881", event: "VERIFIED_ACCOUNT" });
  });

  it("accepts a failed status with Meta's error", () => {
    const value = onlyMessagesValue(
      body([
        messagesChange({
          statuses: [
            {
              id: "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3MTE5MjVBOTE3MDk5QUVFM0YA",
              status: "failed",
              timestamp: "1750263773",
              recipient_id: "16505551234",
              errors: [
                {
                  code: 131047,
                  title: "Re-engagement message",
                  message: "Re-engagement message",
                  error_data: { details: "Message failed to send because more than 24 hours have passed since the customer last replied to this number." },
                  href: "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/",
                },
              ],
            },
          ],
        }),
      ]),
    );
    expect(value.statuses?.[0]?.errors?.[0]?.code).toBe(131047);
  });

  it("accepts batches: several entries, changes and messages", () => {
    const input = {
      object: "whatsapp_business_account",
      entry: [
        {
          id: "waba-1",
          changes: [
            messagesChange({ contacts, messages: [message("text", { text: { body: "a" } }, "w1"), message("text", { text: { body: "b" } }, "w2")] }),
            messagesChange({ statuses: [{ id: "wamid.out", status: "delivered", timestamp: "1749416390", recipient_id: "16505551234" }] }),
          ],
        },
        { id: "waba-2", changes: [messagesChange({ contacts, messages: [message("text", { text: { body: "c" } }, "w3")] })] },
      ],
    };
    const parsed = whatsAppWebhookBodySchema.parse(input);
    expect(parsed.entry).toHaveLength(2);
    expect(parsed.entry[0]?.changes).toHaveLength(2);
  });

  it("reports issues with paths for bad input", () => {
    expect(issuePaths({ object: "page", entry: [] })).toEqual(["object"]);
    expect(issuePaths({ object: "whatsapp_business_account" })).toEqual(["entry"]);
    expect(
      issuePaths(
        body([
          messagesChange({
            messages: [
              message("text", { text: { body: 42 } }, "w1"),
              message("image", {}, "w2"),
              message("interactive", { interactive: { type: "button_reply" } }, "w3"),
              { id: "w4", timestamp: "soon", type: "text", text: { body: "x" } },
            ],
            statuses: [{ id: "wamid.s", timestamp: "1749416383", recipient_id: "1" }],
          }),
        ]),
      ),
    ).toEqual([
      "entry.0.changes.0.value.messages.0.text.body",
      "entry.0.changes.0.value.messages.1.image",
      "entry.0.changes.0.value.messages.2.interactive.button_reply",
      "entry.0.changes.0.value.messages.3.from",
      "entry.0.changes.0.value.messages.3.timestamp",
      "entry.0.changes.0.value.statuses.0.status",
    ]);
    expect(issuePaths(body([{ field: "messages", value: { messaging_product: "whatsapp" } }]))).toEqual(["entry.0.changes.0.value.metadata"]);
  });
});
