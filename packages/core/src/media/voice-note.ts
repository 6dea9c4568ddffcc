import { sql } from "kysely";
import type { Json } from "@vendaflow/db/types";
import { withTenant } from "@vendaflow/db/with-tenant";
import { sanitizeText } from "@vendaflow/validators/sanitize";
import { modelFor } from "../assist/gate";
import { recordAiCall } from "../assist/store";
import type { BotInput } from "../bot/types";
import { processConversation } from "../conversations/process";
import type { AppDeps } from "../deps";
import { downloadInboundMedia, type DownloadOutcome } from "./inbound-media";

/**
 * Voice notes read by the AI layer (issue 15, item 3; docs/bot-understanding.md "Voice notes").
 * A lead's WhatsApp audio, once stored, is transcribed when the tenant has the AI layer on and the
 * platform a transcription model; the text is kept on the message (`payload.transcript`) for the
 * agents and, when the bot held back its answer for it (`deferred` on the audio's inbound event),
 * fed to the bot as if typed. Exactly one answer per voice note: the transcript, or on any failure
 * the audio itself (the bot re-asks as for any file), through one inbound event `voice:<wamid>`
 * that a retry cannot insert twice.
 */

/** Bounds: Meta allows 16 MB of audio; a qualification answer is seconds long. */
export const TRANSCRIBE_LIMITS = { maxBytes: 3 * 1024 * 1024, maxSeconds: 300, maxChars: 4000 } as const;
export const TRANSCRIBE_TIMEOUT_MS = 20_000;
export const TRANSCRIPT_PROMPT_VERSION = "transcribe-v1";

/**
 * The length of an Ogg Opus file (WhatsApp voice notes) in seconds, read from its last page's
 * granule position at 48 kHz minus the OpusHead pre-skip (RFC 7845); null when it is not Ogg Opus.
 */
export function oggOpusSeconds(b: Uint8Array): number | null {
  const isPage = (i: number) => b[i] === 0x4f && b[i + 1] === 0x67 && b[i + 2] === 0x67 && b[i + 3] === 0x53 && b[i + 4] === 0;
  if (b.length < 47 || !isPage(0)) return null;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  // The first page holds OpusHead: after the 27-byte header and its segment table.
  const head = 27 + b[26]!;
  if (head + 19 > b.length || new TextDecoder().decode(b.subarray(head, head + 8)) !== "OpusHead") return null;
  const preSkip = view.getUint16(head + 10, true);
  for (let i = b.length - 27; i >= 0; i--) {
    if (!isPage(i)) continue;
    const granule = view.getBigInt64(i + 6, true);
    if (granule < 0n) continue; // -1: no packet ends on this page
    return Math.max(0, Number(granule) - preSkip) / 48_000;
  }
  return null;
}

export interface StoredTranscript {
  status: "done" | "too_long" | "failed";
  text?: string;
  model: string;
  at: string;
  seconds?: number | null;
  reason?: string;
}

export type TranscribeOutcome = { kind: "transcribed"; text: string } | { kind: "too_long" | "failed" | "off" | "skipped" };

/** The transcriber this tenant may use now: the AI layer's gate (switches, block, monthly cap) plus a transcription model. */
async function transcriberFor(deps: AppDeps, tenantId: string) {
  const t = deps.ai.transcriber;
  if (!t) return null;
  return withTenant(deps.db, tenantId, async (tx) => ((await modelFor(tx, deps.ai, deps.now())) ? t : null));
}

/** Whether the bot should wait for a voice note's transcript before answering (read at ingest). */
export async function transcribesVoiceNotes(deps: AppDeps, tenantId: string): Promise<boolean> {
  return (await transcriberFor(deps, tenantId)) !== null;
}

/**
 * Transcribes one stored voice note of the tenant, once: a message that already has a transcript
 * (or a refusal) is skipped. Another tenant's id is not found (RLS). Never throws for the model's
 * failures; they are stored on the message and logged in ai_calls.
 */
export async function transcribeVoiceNote(deps: AppDeps, tenantId: string, mediaObjectId: string): Promise<TranscribeOutcome> {
  const row = await withTenant(deps.db, tenantId, (tx) =>
    tx
      .selectFrom("media_objects as mo")
      .innerJoin("messages as m", "m.id", "mo.message_id")
      .select(["mo.kind", "mo.status", "mo.storage_key", "mo.content_type", "mo.size_bytes", "m.id as message_id", "m.conversation_id", sql<boolean>`m.payload ? 'transcript'`.as("has_transcript")])
      .where("mo.id", "=", mediaObjectId)
      .where("mo.direction", "=", "inbound")
      .executeTakeFirst(),
  );
  if (!row || row.kind !== "audio" || row.status !== "stored" || !row.storage_key || row.has_transcript) return { kind: "skipped" };
  const transcriber = await transcriberFor(deps, tenantId);
  if (!transcriber) return { kind: "off" };

  const save = async (t: StoredTranscript, call: { latencyMs: number; outcome: "transcribed" | "too_long" | "timeout" | "rate_limited" | "malformed" | "provider_error" }) =>
    withTenant(deps.db, tenantId, async (tx) => {
      const updated = await tx
        .updateTable("messages")
        .set({ payload: sql<Json>`payload || jsonb_build_object('transcript', ${JSON.stringify(t)}::jsonb)` })
        .where("id", "=", row.message_id)
        .where(sql<boolean>`not (payload ? 'transcript')`)
        .returning("id")
        .executeTakeFirst();
      // Logged once, with the transcript it produced (a concurrent retry that lost the race logs nothing).
      if (updated) await recordAiCall(tx, tenantId, deps.now(), { conversationId: row.conversation_id, purpose: "transcribe", provider: transcriber.provider, model: transcriber.model, promptVersion: TRANSCRIPT_PROMPT_VERSION, latencyMs: call.latencyMs, usage: { inputTokens: 0, outputTokens: 0 }, outcome: call.outcome });
      return Boolean(updated);
    });
  const at = deps.now().toISOString();

  const size = Number(row.size_bytes ?? 0);
  if (size > TRANSCRIBE_LIMITS.maxBytes) {
    await save({ status: "too_long", model: transcriber.model, at, reason: `${size} bytes` }, { latencyMs: 0, outcome: "too_long" });
    return { kind: "too_long" };
  }
  const audio = await deps.storage.get(row.storage_key);
  if (!audio) return { kind: "failed" };
  const seconds = oggOpusSeconds(audio);
  if (seconds !== null && seconds > TRANSCRIBE_LIMITS.maxSeconds) {
    await save({ status: "too_long", model: transcriber.model, at, seconds, reason: `${Math.round(seconds)} s` }, { latencyMs: 0, outcome: "too_long" });
    return { kind: "too_long" };
  }
  const r = await transcriber.transcribe({ audio, mimeType: row.content_type ?? "audio/ogg", language: "pt", timeoutMs: deps.ai.transcriptionTimeoutMs ?? TRANSCRIBE_TIMEOUT_MS });
  // NUL and lone surrogates never reach a column (as for webhook text).
  const text = r.ok ? sanitizeText(r.value.text).slice(0, TRANSCRIBE_LIMITS.maxChars).trim() : "";
  if (!r.ok || !text) {
    const outcome = r.ok ? "malformed" : r.failure;
    await save({ status: "failed", model: transcriber.model, at, seconds, reason: outcome }, { latencyMs: r.latencyMs, outcome });
    return { kind: "failed" };
  }
  const saved = await save({ status: "done", text, model: transcriber.model, at, seconds: r.value.durationSeconds ?? seconds }, { latencyMs: r.latencyMs, outcome: "transcribed" });
  return saved ? { kind: "transcribed", text } : { kind: "skipped" };
}

/**
 * The bot's one answer to a voice note it held back for (its inbound event says `deferred`): the
 * transcript as typed text, or the audio itself so the bot re-asks. A second call for the same
 * voice note finds `voice:<wamid>` taken and does nothing; a conversation no longer with the bot
 * keeps the event for the agents, as processing does for any message.
 */
export async function answerVoiceNote(deps: AppDeps, tenantId: string, mediaObjectId: string, input: BotInput): Promise<boolean> {
  const conversationId = await withTenant(deps.db, tenantId, async (tx) => {
    const audio = await tx
      .selectFrom("media_objects as mo")
      .innerJoin("messages as m", "m.id", "mo.message_id")
      .innerJoin("inbound_events as e", (j) => j.onRef("e.provider_event_id", "=", "m.provider_message_id").on("e.provider", "=", "whatsapp"))
      .select(["e.inbox_id", "e.conversation_id", "m.provider_message_id", sql<string | null>`e.payload->>'deferred'`.as("deferred")])
      .where("mo.id", "=", mediaObjectId)
      .executeTakeFirst();
    if (!audio || audio.deferred !== "transcription" || !audio.conversation_id || !audio.provider_message_id) return null;
    const ev = await tx
      .insertInto("inbound_events")
      .values({ tenant_id: tenantId, inbox_id: audio.inbox_id, provider: "whatsapp", provider_event_id: `voice:${audio.provider_message_id}`.slice(0, 200), kind: "message", conversation_id: audio.conversation_id, payload: JSON.stringify({ input, voiceNote: mediaObjectId }) })
      .onConflict((oc) => oc.columns(["tenant_id", "provider", "provider_event_id"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    return ev ? audio.conversation_id : null;
  });
  if (!conversationId) return false;
  await processConversation(deps, tenantId, conversationId);
  return true;
}

/**
 * What follows a lead's file download for a voice note: transcribed and answered. A download that
 * failed or was refused answers with the audio at once (the lead is not kept waiting for a retry
 * hours later); a retry that stores it still transcribes it for the agents, and cannot answer a
 * second time. Anything but a voice note the bot waits for changes nothing here.
 */
export async function afterMediaDownload(deps: AppDeps, tenantId: string, mediaObjectId: string, download: DownloadOutcome): Promise<TranscribeOutcome["kind"] | null> {
  if (download === "skipped") return null;
  if (download !== "stored") {
    await answerVoiceNote(deps, tenantId, mediaObjectId, { kind: "media" });
    return null;
  }
  const t = await transcribeVoiceNote(deps, tenantId, mediaObjectId);
  await answerVoiceNote(deps, tenantId, mediaObjectId, t.kind === "transcribed" ? { kind: "text", text: t.text } : { kind: "media" });
  return t.kind;
}

/** The retry job's whole step: download (a late job does nothing: downloadInboundMedia), then the voice note's transcript and answer. */
export async function settleInboundMedia(deps: AppDeps, tenantId: string, mediaObjectId: string, afterAttempts?: number) {
  const download = await downloadInboundMedia(deps, tenantId, mediaObjectId, afterAttempts);
  return { download, transcript: await afterMediaDownload(deps, tenantId, mediaObjectId, download) };
}
