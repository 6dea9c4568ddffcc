import { receiveWebhookOnce, type InboundWebhook, type WebhookOutcome } from "@vendaflow/core/webhooks/receive-once";
import type { z } from "zod";
import { appDeps } from "./deps";
import { problem } from "./http";

/** HTTP for an outcome: 401 bad signature, 400 bad body, 200 for everything verified (even duplicates). */
export function webhookResponse(outcome: WebhookOutcome): Response {
  if (outcome.status === "invalid_signature") return problem(401, "invalid_signature", "Assinatura do webhook inválida.");
  if (outcome.status === "invalid_payload") return problem(400, "invalid_payload", "Payload do webhook inválido.", { issues: outcome.issues });
  return Response.json({ ok: true, status: outcome.status });
}

/**
 * A whole webhook route: `export const POST = (req: Request) => handleWebhook(req, stripeWebhook)`,
 * with the hook (provider, verifier, schema, tenant lookup, effects) described once beside it.
 */
export async function handleWebhook<S extends z.ZodType>(req: Request, hook: InboundWebhook<S>): Promise<Response> {
  const rawBody = await req.text();
  return webhookResponse(await receiveWebhookOnce(appDeps().db, hook, { rawBody, headers: req.headers }));
}
