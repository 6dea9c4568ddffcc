import { after } from "next/server";
import { parseWebhook } from "@vendaflow/connectors/whatsapp/parse-webhook";
import { verifyMetaSignature } from "@vendaflow/connectors/whatsapp/verify-signature";
import { finishProcessing, processConversation } from "@vendaflow/core/conversations/process";
import { ingestWhatsApp, type WhatsAppRouting } from "@vendaflow/core/conversations/whatsapp-inbound";
import { showTyping } from "@vendaflow/core/conversations/whatsapp-typing";
import { downloadInboundMedia, type DownloadOutcome } from "@vendaflow/core/media/inbound-media";
import { afterMediaDownload } from "@vendaflow/core/media/voice-note";
import { noteRequest } from "@vendaflow/core/observability/request-info";
import { isTransientDbError } from "@vendaflow/db/errors";
import { BODY_LIMITS, readBody } from "./body";
import { appDeps } from "./deps";
import { HttpError, problem } from "./http";
import { log } from "./log";

/** GET: Meta's subscription check echoes hub.challenge as plain text for the right verify token. */
export function verifySubscription(req: Request, verifyToken: string) {
  const p = new URL(req.url).searchParams;
  if (p.get("hub.mode") === "subscribe" && verifyToken && p.get("hub.verify_token") === verifyToken) {
    return new Response(p.get("hub.challenge") ?? "", { status: 200, headers: { "content-type": "text/plain" } });
  }
  return new Response("Forbidden", { status: 403 });
}

/**
 * POST: raw body (at most BODY_LIMITS.webhook, else 413 before the signature is looked at) → X-Hub-Signature-256 (constant time) → JSON → persist → 200 within Meta's 3 s.
 * Only a bad signature (401) or a body that is not JSON (400) is refused; every other payload is
 * stored as far as it is understood, the rest logged and recorded, and the batch goes on. If the
 * database itself is unavailable, 503 asks Meta to redeliver (duplicates change nothing).
 * A message is processed in its recording transaction when its conversation is free
 * (receiveInbound); its replies go out in after(), preceded by a read receipt and the typing
 * indicator, and a conversation another transaction held is processed there.
 */
export async function receiveWebhook(req: Request, appSecret: string, routing: WhatsAppRouting) {
  let raw: string;
  try {
    raw = await readBody(req, BODY_LIMITS.webhook);
  } catch (err) {
    if (err instanceof HttpError) return err.response;
    throw err;
  }
  if (!verifyMetaSignature(raw, req.headers.get("x-hub-signature-256"), appSecret)) {
    return problem(401, "invalid_signature", "Assinatura X-Hub-Signature-256 inválida.");
  }
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return problem(400, "invalid_payload", "O corpo do webhook não é JSON válido.");
  }
  const { events, issues } = parseWebhook(body);
  for (const issue of issues) log.warn("whatsapp.payload_skipped", { ...issue });
  const d = appDeps();
  let result;
  try {
    result = await ingestWhatsApp(d, events, routing, issues);
  } catch (err) {
    if (!isTransientDbError(err)) throw err;
    log.error("whatsapp.ingest_unavailable", { error: (err as Error).message });
    return new Response(JSON.stringify({ error: "unavailable", message: "Banco de dados indisponível; reenvie mais tarde." }), { status: 503, headers: { "content-type": "application/json", "retry-after": "30" } });
  }
  const { toProcess, toDownload, unrouted, failed } = result;
  // The request's tenant when the batch is one tenant's (Meta batches per app, so it may mix):
  // on the route's span and log lines, and on the spans of the replies sent in after().
  const tenants = new Set([...toProcess.map((c) => c.tenantId), ...toDownload.map((m) => m.tenantId)]);
  if (tenants.size === 1) noteRequest({ tenantId: [...tenants][0] });
  if (unrouted) log.warn("whatsapp.unrouted_events", { count: unrouted });
  for (const f of failed) log.error("whatsapp.event_failed", { ...f });
  after(async () => {
    // Files first: Meta's download URL lives 5 minutes; a failure schedules its own retry.
    const downloaded: { tenantId: string; mediaObjectId: string; outcome: DownloadOutcome }[] = [];
    for (const m of toDownload) {
      const outcome = await downloadInboundMedia(d, m.tenantId, m.mediaObjectId).catch((err: Error) => {
        log.error("whatsapp.media_download_failed", { tenantId: m.tenantId, mediaObjectId: m.mediaObjectId, error: err.message });
        return "failed" as const;
      });
      if (outcome !== "stored") log.warn("whatsapp.media_not_stored", { tenantId: m.tenantId, mediaObjectId: m.mediaObjectId, outcome });
      downloaded.push({ ...m, outcome });
    }
    for (const c of toProcess) {
      if (c.botActive) await showTyping(d, { tenantId: c.tenantId, inboxId: c.inboxId, wamid: c.lastWamid });
      // Replies of messages processed while recording go out now; the rest is processed here.
      for (const work of c.done) await finishProcessing(d, c.tenantId, work).catch((err: Error) => log.error("whatsapp.deliver_failed", { tenantId: c.tenantId, error: err.message }));
      if (c.pending) await processConversation(d, c.tenantId, c.conversationId).catch((err: Error) => log.error("whatsapp.process_failed", { tenantId: c.tenantId, error: err.message }));
    }
    // Voice notes last (a transcription takes seconds): the transcript, or the audio, answers once.
    for (const m of downloaded) {
      await afterMediaDownload(d, m.tenantId, m.mediaObjectId, m.outcome).catch((err: Error) => log.error("whatsapp.voice_note_failed", { tenantId: m.tenantId, mediaObjectId: m.mediaObjectId, error: err.message }));
    }
  });
  return Response.json({ ok: true });
}
