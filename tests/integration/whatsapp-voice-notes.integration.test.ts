import { randomInt } from "node:crypto";
import { performance } from "node:perf_hooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aiSdkTranscriber } from "@vendaflow/connectors/ai/ai-sdk-transcriber";
import { signQStashRequest } from "@vendaflow/connectors/qstash/sign-request";
import { signMetaBody } from "@vendaflow/connectors/whatsapp/verify-signature";
import { updateAiSettings } from "@vendaflow/core/assist/settings";
import { messages as botMessages } from "@vendaflow/core/bot/messages";
import { createDb, type Database } from "@vendaflow/db/create-db";
import { withTenant } from "@vendaflow/db/with-tenant";
import { TEST_KEYS } from "../support/app-env";
import { startAppServer } from "../support/app-server";
import { signedInClients } from "../support/sessions";
import { closeOwner, createTenant, createWhatsAppInbox, env, type FixtureTenant, owner } from "../support/fixtures";
import { request } from "../support/http";
import { oggVoiceNote } from "../support/ogg";
import * as wa from "../support/whatsapp-payloads";
import { startAiStandIn, type AiStandIn } from "../stand-ins/ai-provider";
import { startGraphStandIn, type GraphStandIn } from "../stand-ins/graph-api";
import { eventually } from "../support/eventually";

// Issue 15, item 3: a lead's WhatsApp voice note, with the tenant's AI layer on, is transcribed
// through the real AI SDK against the provider stand-in (OpenAI's multipart
// /v1/audio/transcriptions), kept on the message, and answered by the bot as typed text — once.
// Failures, the length bound, the AI layer off, and another tenant's ids.

let graph: GraphStandIn;
let ai: AiStandIn;
let app: Awaited<ReturnType<typeof startAppServer>>;
let db: Database;
let closeDb: () => Promise<void>;
let on: FixtureTenant;
let off: FixtureTenant;
let phoneOn: string;
let phoneOff: string;

const adminOf = signedInClients(() => app);
const q = async (sql: string, params: unknown[]) => (await owner().query(sql, params)).rows;
const newPhone = () => `55119${randomInt(10_000_000, 99_999_999)}`;
function post(body: unknown) {
  const raw = JSON.stringify(body);
  return request(app.port, app.rootDomain, "POST", "/api/whatsapp", { headers: { "content-type": "application/json", "x-hub-signature-256": signMetaBody(raw, TEST_KEYS.waAppSecret) }, body: raw });
}
async function job(body: string) {
  const path = "/api/jobs/media-download";
  const signature = await signQStashRequest({ url: `http://${app.rootDomain}${path}`, rawBody: body, signingKey: TEST_KEYS.qstashCurrent });
  return request(app.port, app.rootDomain, "POST", path, { headers: { "content-type": "application/json", "upstash-signature": signature }, body });
}

/** A lead who said hello: the bot knows the name from the WhatsApp profile and asked for the e-mail (step "email"). */
async function leadAtName(phoneNumberId: string) {
  const phone = newPhone();
  expect((await post(wa.webhook(wa.messageChange(phoneNumberId, [wa.text(phone, "oi")], [{ wa_id: phone, name: "Lead Voz" }])))).status).toBe(200);
  const [conv] = await eventually(() => q("select c.id, c.current_step from conversations c join leads l on l.id = c.lead_id where l.wa_id = $1", [phone]), (r) => r.length > 0 && r[0].current_step === "email");
  expect(conv.current_step).toBe("email");
  return { phone, conversationId: conv.id as string };
}
const botTexts = async (conversationId: string) => (await q("select text from messages where conversation_id = $1 and sender = 'bot' order by seq", [conversationId])).map((r) => r.text as string);

/** The lead sends a voice note; resolves once its file settled and the conversation's events are all processed. */
async function voiceNote(phoneNumberId: string, phone: string, audio: Buffer, before?: (mediaId: string) => void, until: "answered" | "settled" = "answered") {
  const mediaId = graph.addMedia(audio, "audio/ogg; codecs=opus");
  before?.(mediaId);
  const msg = wa.media(phone, "audio", { id: mediaId, mime_type: "audio/ogg; codecs=opus", sha256: undefined, voice: true });
  expect((await post(wa.webhook(wa.messageChange(phoneNumberId, [msg], [{ wa_id: phone, name: "Lead Voz" }])))).status).toBe(200);
  const [row] = await eventually(
    () =>
      q(
        `select m.id as message_id, m.conversation_id, m.content_type, m.text, m.payload, mo.id as media_id, mo.status,
                (select count(*)::int from inbound_events e where e.conversation_id = m.conversation_id and e.status = 'pending') as pending,
                (select count(*)::int from inbound_events e where e.provider_event_id = 'voice:' || m.provider_message_id) as answers
           from messages m join media_objects mo on mo.message_id = m.id where m.provider_message_id = $1`,
        [msg.id],
      ),
    (r) => r.length > 0 && r[0].status !== "pending" && r[0].pending === 0 && (until === "settled" || r[0].answers > 0),
  );
  expect(row.pending).toBe(0);
  return { ...row, wamid: msg.id, raw: msg };
}

beforeAll(async () => {
  graph = await startGraphStandIn({ accessToken: TEST_KEYS.waAccessToken });
  ai = await startAiStandIn();
  app = await startAppServer({
    WHATSAPP_GRAPH_BASE_URL: graph.baseUrl,
    AI_PROVIDER: "openai-compatible",
    AI_BASE_URL: ai.baseUrl,
    AI_MODEL: "stand-in-1",
    AI_API_KEY: "test-key",
    AI_TRANSCRIPTION_MODEL: "whisper-1",
    AI_TRANSCRIPTION_TIMEOUT_MS: "1500",
  });
  ({ db, close: closeDb } = createDb({ url: env().appUrl, max: 2 }));
  on = await createTenant();
  off = await createTenant();
  await withTenant(db, on.id, (tx) => updateAiSettings(tx, on.id, { enabled: true, monthlyTokenCap: 200_000 }, {}, new Date()));
  phoneOn = await createWhatsAppInbox(await adminOf(on), graph.baseUrl);
  phoneOff = await createWhatsAppInbox(await adminOf(off), graph.baseUrl);
});
afterAll(async () => {
  await app?.stop();
  await graph?.close();
  await ai?.close();
  await closeDb?.();
  await closeOwner();
});

describe("voice notes with the AI layer on", () => {
  it("is transcribed, kept on the message as a transcript, and answers the bot's question as typed text, once", async () => {
    const { phone, conversationId } = await leadAtName(phoneOn);
    const calls = ai.transcriptions.length;
    const note = await voiceNote(phoneOn, phone, oggVoiceNote(4, "meu e-mail é maria.souza@exemplo.com"));
    expect(note).toMatchObject({ content_type: "audio", status: "stored", answers: 1 });
    expect(note.payload.transcript).toMatchObject({ status: "done", text: "meu e-mail é maria.souza@exemplo.com", model: "whisper-1" });
    // One multipart call in OpenAI's format: model, the file as audio.ogg, Portuguese, the Bearer key.
    expect(ai.transcriptions.slice(calls)).toEqual([{ authorization: "Bearer test-key", model: "whisper-1", language: "pt", responseFormat: "verbose_json", filename: "audio.ogg", fileType: "audio/ogg", bytes: expect.any(Number) }]);
    // The bot read it as the e-mail answer and moved on, without "I can't read files" first.
    const [conv] = await eventually(() => q("select c.current_step, l.email from conversations c join leads l on l.id = c.lead_id where c.id = $1", [conversationId]), (r) => r[0].current_step === "budget");
    expect(conv).toEqual({ current_step: "budget", email: "maria.souza@exemplo.com" });
    const texts = await botTexts(conversationId);
    expect(texts).not.toContain(botMessages.media);
    const [log] = await q("select purpose, outcome, model, prompt_version from ai_calls where tenant_id = $1 and purpose = 'transcribe' and conversation_id = $2", [on.id, conversationId]);
    expect(log).toEqual({ purpose: "transcribe", outcome: "transcribed", model: "whisper-1", prompt_version: "transcribe-v1" });

    // Meta redelivers the webhook and the retry job runs again: no second transcription, no second answer.
    const bots = texts.length;
    expect((await post(wa.webhook(wa.messageChange(phoneOn, [note.raw], [{ wa_id: phone, name: "Lead Voz" }])))).status).toBe(200);
    const res = await job(JSON.stringify({ tenantId: on.id, mediaObjectId: note.media_id }));
    expect(res.json<{ outcome: string }>()).toEqual({ outcome: "skipped" });
    await new Promise((r) => setTimeout(r, 300));
    expect(ai.transcriptions.length).toBe(calls + 1);
    expect((await botTexts(conversationId)).length).toBe(bots);
  });

  it("the inbox shows the transcript with the audio", async () => {
    const { phone, conversationId } = await leadAtName(phoneOn);
    await voiceNote(phoneOn, phone, oggVoiceNote(3, "Carlos"));
    const detail = await (await adminOf(on)).trpc<{ messages: { content_type: string; payload: { transcript?: { text: string } }; file_status: string | null }[] }>("query", "conversations.get", { conversationId });
    expect(detail.data!.messages.find((m) => m.content_type === "audio")).toMatchObject({ file_status: "stored", payload: { transcript: { text: "Carlos" } } });
  });

  for (const [what, step] of [
    ["a provider error", { kind: "status", status: 500 }],
    ["a timeout", { kind: "hang" }],
    ["an empty transcript", { kind: "text", text: "   " }],
  ] as const) {
    it(`${what}: the message stays an audio message and the bot re-asks, as for any file`, async () => {
      const { phone, conversationId } = await leadAtName(phoneOn);
      ai.scriptTranscription(step);
      const note = await voiceNote(phoneOn, phone, oggVoiceNote(2, "Joana"));
      expect(note).toMatchObject({ content_type: "audio", status: "stored", text: null, answers: 1 });
      expect(note.payload.transcript).toMatchObject({ status: "failed" });
      await eventually(() => botTexts(conversationId), (t) => t.includes(botMessages.media));
      const [conv] = await q("select current_step from conversations where id = $1", [conversationId]);
      expect(conv.current_step).toBe("email");
      // The file is still there for the agents.
      expect((await (await adminOf(on)).send("GET", `/api/media/${note.media_id}`)).status).toBe(200);
    });
  }

  it("longer than five minutes: not sent to the provider, the bot re-asks", async () => {
    const { phone, conversationId } = await leadAtName(phoneOn);
    const calls = ai.transcriptions.length;
    const note = await voiceNote(phoneOn, phone, oggVoiceNote(301, "um áudio longo demais"));
    expect(note.payload.transcript).toMatchObject({ status: "too_long", seconds: 301 });
    expect(ai.transcriptions.length).toBe(calls);
    await eventually(() => botTexts(conversationId), (t) => t.includes(botMessages.media));
  });

  it("a download that fails: the bot re-asks at once; the retry stores and transcribes it for the agents, and does not answer again", async () => {
    const { phone, conversationId } = await leadAtName(phoneOn);
    const note = await voiceNote(phoneOn, phone, oggVoiceNote(3, "Pedro Alves"), (mediaId) => graph.failNext(131000, 500, (r) => r.method === "GET" && r.path.startsWith(`/v25.0/${mediaId}?`)));
    expect(note).toMatchObject({ status: "failed", answers: 1 });
    await eventually(() => botTexts(conversationId), (t) => t.includes(botMessages.media));
    const bots = (await botTexts(conversationId)).length;
    const [j] = await q("select body from scheduled_jobs where deduplication_id = $1", [`media-download-${note.media_id}-1`]);
    const res = await job(j.body);
    expect(res.json()).toEqual({ outcome: "stored", transcript: "transcribed" });
    const [msg] = await q("select payload from messages where id = $1", [note.message_id]);
    expect(msg.payload.transcript).toMatchObject({ status: "done", text: "Pedro Alves" });
    expect((await botTexts(conversationId)).length).toBe(bots);
    const [conv] = await q("select current_step from conversations where id = $1", [conversationId]);
    expect(conv.current_step).toBe("email");
  });

  it("a conversation already with people: transcribed for the agents, the bot stays silent", async () => {
    const { phone, conversationId } = await leadAtName(phoneOn);
    await q("update conversations set status = 'pending' where id = $1", [conversationId]);
    const bots = (await botTexts(conversationId)).length;
    const note = await voiceNote(phoneOn, phone, oggVoiceNote(2, "Quero falar com alguém"));
    expect(note.payload.transcript).toMatchObject({ status: "done" });
    await new Promise((r) => setTimeout(r, 300));
    expect((await botTexts(conversationId)).length).toBe(bots);
  });
});

describe("without the AI layer, and across tenants", () => {
  it("a tenant with the layer off: nothing is transcribed and the bot re-asks at once, as before", async () => {
    const { phone, conversationId } = await leadAtName(phoneOff);
    const calls = ai.transcriptions.length;
    const note = await voiceNote(phoneOff, phone, oggVoiceNote(2, "Bruno"), undefined, "settled");
    expect(note.payload.transcript).toBeUndefined();
    expect(note.answers).toBe(0);
    await eventually(() => botTexts(conversationId), (t) => t.includes(botMessages.media));
    expect(ai.transcriptions.length).toBe(calls);
  });

  it("tenant A's job cannot download, transcribe or answer B's voice note, nor B's job A's", async () => {
    const b = await leadAtName(phoneOff);
    const noteB = await voiceNote(phoneOff, b.phone, oggVoiceNote(2, "segredo de B"), undefined, "settled");
    const a = await leadAtName(phoneOn);
    const noteA = await voiceNote(phoneOn, a.phone, oggVoiceNote(2, "Ana Lima"));
    const calls = ai.transcriptions.length;
    // Reset B's file to failed so a download would be tried if the row were found.
    await q("update media_objects set status = 'failed' where id = $1", [noteB.media_id]);
    expect((await job(JSON.stringify({ tenantId: on.id, mediaObjectId: noteB.media_id }))).json()).toEqual({ outcome: "skipped" });
    expect((await job(JSON.stringify({ tenantId: off.id, mediaObjectId: noteA.media_id }))).json()).toEqual({ outcome: "skipped" });
    expect(ai.transcriptions.length).toBe(calls);
    const [msgB] = await q("select payload from messages where id = $1", [noteB.message_id]);
    expect(msgB.payload.transcript).toBeUndefined();
    expect((await q("select count(*)::int as n from inbound_events where provider_event_id = $1", [`voice:${noteB.wamid}`]))[0].n).toBe(0);
    // And A's agents do not read B's conversation (its transcript would be there).
    const cross = await (await adminOf(on)).trpc("query", "conversations.get", { conversationId: b.conversationId });
    expect(cross.error).toBeTruthy();
  });
});

describe("transcription latency against the stand-in", () => {
  it("prints p50/p95 of the adapter's round trip (AI SDK → multipart → stand-in → text)", async () => {
    const t = aiSdkTranscriber({ provider: "openai-compatible", model: "whisper-1", apiKey: "test-key", baseUrl: ai.baseUrl });
    const audio = new Uint8Array(oggVoiceNote(8, "Meu orçamento é de uns cinco mil por mês", 16_000));
    const ms: number[] = [];
    for (let i = 0; i < 30; i++) {
      const started = performance.now();
      const r = await t.transcribe({ audio, mimeType: "audio/ogg", language: "pt", timeoutMs: 5000 });
      ms.push(performance.now() - started);
      expect(r).toMatchObject({ ok: true, value: { text: "Meu orçamento é de uns cinco mil por mês" } });
    }
    ms.sort((x, y) => x - y);
    console.log(`[transcription] ${audio.byteLength} B voice note, 30 calls: p50 ${ms[14]!.toFixed(1)} ms, p95 ${ms[28]!.toFixed(1)} ms`);
    // Failures are values, never throws: a 429 and a hang past the timeout.
    ai.scriptTranscription({ kind: "status", status: 429 }, { kind: "hang" });
    expect(await t.transcribe({ audio, mimeType: "audio/ogg", language: "pt", timeoutMs: 5000 })).toMatchObject({ ok: false, failure: "rate_limited" });
    expect(await t.transcribe({ audio, mimeType: "audio/ogg", language: "pt", timeoutMs: 300 })).toMatchObject({ ok: false, failure: "timeout" });
  });
});
