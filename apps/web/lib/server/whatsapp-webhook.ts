import { after } from "next/server";
import { ZodError } from "zod";
import { parseWebhook } from "@vendaflow/connectors/whatsapp/parse-webhook";
import { verifyMetaSignature } from "@vendaflow/connectors/whatsapp/verify-signature";
import { processConversation } from "@vendaflow/core/conversations/process";
import { ingestWhatsApp, type InboxRoute } from "@vendaflow/core/conversations/whatsapp-inbound";
import { appDeps } from "./deps";
import { problem } from "./http";
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
 * POST: raw body → X-Hub-Signature-256 (constant time) → zod → persist → 200 within Meta's 3 s.
 * Bot replies run in after(). A bad signature stores nothing.
 */
export async function receiveWebhook(req: Request, appSecret: string, route: (phoneNumberId: string) => Promise<InboxRoute | null>) {
  const raw = await req.text();
  if (!verifyMetaSignature(raw, req.headers.get("x-hub-signature-256"), appSecret)) {
    return problem(401, "invalid_signature", "Assinatura X-Hub-Signature-256 inválida.");
  }
  let events;
  try {
    events = parseWebhook(JSON.parse(raw)).events;
  } catch (err) {
    const issues = err instanceof ZodError ? err.issues.map((i) => ({ path: i.path.map(String), message: i.message })) : undefined;
    return problem(400, "invalid_payload", "Payload do webhook inválido.", issues ? { issues } : {});
  }
  const d = appDeps();
  const { toProcess, unrouted } = await ingestWhatsApp(d, events, route);
  if (unrouted) log.warn("whatsapp.unrouted_events", { count: unrouted });
  after(async () => {
    for (const c of toProcess) {
      await processConversation(d, c.tenantId, c.conversationId).catch((err: Error) => log.error("whatsapp.process_failed", { tenantId: c.tenantId, error: err.message }));
    }
  });
  return Response.json({ ok: true });
}
