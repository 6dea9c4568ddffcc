import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MediaTooLargeError } from "@vendaflow/core/ports/messaging";
import { startGraphStandIn, type GraphStandIn } from "../../../../tests/stand-ins/graph-api";
import { createWhatsAppClient, WhatsAppApiError } from "./cloud-api-client";

// Media through the Graph API: metadata by id, then the bytes from a short-lived URL with Bearer
// auth; uploads for sending. Against the stand-in speaking Meta's wire format.

const TOKEN = "EAAmedia";
const PHONE_ID = "106540352242922";
let graph: GraphStandIn;
let expiring: GraphStandIn;

beforeAll(async () => {
  graph = await startGraphStandIn({ accessToken: TOKEN });
  expiring = await startGraphStandIn({ accessToken: TOKEN, mediaUrlTtlMs: 0 });
});
afterAll(async () => {
  await graph.close();
  await expiring.close();
});

const client = (g: GraphStandIn, accessToken = TOKEN) => createWhatsAppClient({ graphBaseUrl: g.baseUrl, accessToken, phoneNumberId: PHONE_ID });

describe("media download", () => {
  it("fetches the metadata, then the bytes with the token, and checks Meta's sha256", async () => {
    const bytes = randomBytes(40_000);
    const id = graph.addMedia(bytes, "image/jpeg");
    const got = await client(graph).downloadMedia(id, 5 * 1024 * 1024);
    expect(Buffer.from(got.body).equals(bytes)).toBe(true);
    expect(got).toMatchObject({ mimeType: "image/jpeg", sha256: createHash("sha256").update(bytes).digest("hex") });
    const [meta, file] = graph.requests.slice(-2);
    expect(meta!.path).toBe(`/v25.0/${id}?phone_number_id=${PHONE_ID}`);
    expect(file!.path).toMatch(new RegExp(`^/media-files/${id}\\?t=`));
    expect(file!.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it("refuses a file Meta says is too large without downloading it", async () => {
    const id = graph.addMedia(randomBytes(2000), "audio/ogg");
    const before = graph.requests.length;
    await expect(client(graph).downloadMedia(id, 1000)).rejects.toBeInstanceOf(MediaTooLargeError);
    expect(graph.requests.length - before).toBe(1);
  });

  it("stops reading past the limit when the declared size is wrong", async () => {
    const id = graph.addMedia(randomBytes(300_000), "video/mp4", { fileSize: 10 });
    const err = await client(graph).downloadMedia(id, 100_000).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MediaTooLargeError);
    expect((err as MediaTooLargeError).size).toBeLessThan(300_000);
  });

  it("an unknown id, a bad token and an expired URL are Meta errors", async () => {
    await expect(client(graph).downloadMedia("999999999", 1000)).rejects.toMatchObject({ status: 404, code: 100 });
    await expect(client(graph, "wrong").downloadMedia(graph.addMedia(randomBytes(10), "image/png"), 1000)).rejects.toMatchObject({ status: 401, code: 190 });
    const id = expiring.addMedia(randomBytes(10), "image/png");
    await expect(client(expiring).downloadMedia(id, 1000)).rejects.toBeInstanceOf(WhatsAppApiError);
  });
});

describe("media upload and send", () => {
  it("uploads multipart, then sends the file by its id with caption and file name", async () => {
    const bytes = randomBytes(5000);
    const c = client(graph);
    const mediaId = await c.uploadMedia(new Uint8Array(bytes), "application/pdf", "proposta.pdf");
    const up = graph.uploads.at(-1)!;
    expect(up).toMatchObject({ id: mediaId, mimeType: "application/pdf", filename: "proposta.pdf" });
    expect(up.body.equals(bytes)).toBe(true);
    const sent = await c.sendMedia({ to: "5511987654321" }, "document", mediaId, { caption: "Segue a proposta", filename: "proposta.pdf" });
    expect(sent.wamid).toMatch(/^wamid\./);
    expect(graph.requests.at(-1)!.body).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: "5511987654321",
      type: "document",
      document: { id: mediaId, caption: "Segue a proposta", filename: "proposta.pdf" },
    });
    // Audio takes no caption.
    await c.sendMedia({ recipient: "BR.123" }, "audio", mediaId, { caption: "ignored" });
    expect(graph.requests.at(-1)!.body).toMatchObject({ recipient: "BR.123", type: "audio", audio: { id: mediaId } });
    expect((graph.requests.at(-1)!.body as { audio: object }).audio).not.toHaveProperty("caption");
  });
});

describe("templates", () => {
  it("lists every template of the WABA across pages, with status, category and body text", async () => {
    const list = Array.from({ length: 130 }, (_, i) => ({
      id: String(1000 + i),
      name: `modelo_${i}`,
      language: "pt_BR",
      status: i === 0 ? "REJECTED" : "APPROVED",
      category: i % 2 ? "MARKETING" : "UTILITY",
      components: [{ type: "HEADER", format: "TEXT", text: "Oi" }, { type: "BODY", text: `Olá {{1}}, modelo ${i}` }],
      ...(i === 0 ? { rejected_reason: "INVALID_FORMAT" } : {}),
    }));
    graph.setTemplates("102290129340398", list);
    const got = await client(graph).listTemplates("102290129340398");
    expect(got).toHaveLength(130);
    expect(got[0]).toMatchObject({ templateId: "1000", name: "modelo_0", language: "pt_BR", status: "rejected", category: "utility", reason: "INVALID_FORMAT", bodyText: "Olá {{1}}, modelo 0" });
    expect(got[129]).toMatchObject({ name: "modelo_129", status: "approved", category: "marketing", reason: null });
    expect(graph.requests.filter((r) => r.path.includes("/message_templates")).length).toBe(2);
  });
});

describe("business numbers", () => {
  it("lists the WABA's numbers across pages, as the token sees them; an unknown WABA or token is Meta's 100 / 190", async () => {
    const waba = "102290129340399";
    const ids = Array.from({ length: 105 }, (_, i) => String(200_000_000_000_000 + i));
    for (const id of ids) graph.addPhoneNumber(id, { display_phone_number: "+55 11 4000-0000", verified_name: "Loja", quality_rating: "GREEN" }, { wabaId: waba });
    // Another business's number in the same WABA id space, seen only by its own token.
    graph.addPhoneNumber("300000000000001", { display_phone_number: "+55 21 4000-0000", verified_name: "Outra", quality_rating: "GREEN" }, { wabaId: waba, token: "EAAoutra" });
    expect(await client(graph).wabaPhoneNumberIds(waba)).toEqual(ids);
    expect(graph.requests.filter((r) => r.path.includes(`/${waba}/phone_numbers`)).length).toBe(2);
    await expect(client(graph).wabaPhoneNumberIds("999999999999")).rejects.toMatchObject({ status: 400, code: 100 });
    await expect(client(graph, "EAAnenhum").wabaPhoneNumberIds(waba)).rejects.toMatchObject({ status: 401, code: 190 });
    expect(await client(graph, "EAAoutra").wabaPhoneNumberIds(waba)).toEqual(["300000000000001"]);
  });
});
