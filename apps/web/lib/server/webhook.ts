import { isRetryableWebhookFailure, receiveWebhookOnce, type InboundWebhook, type WebhookOutcome } from "@vendaflow/core/webhooks/receive-once";
import { noteRequest } from "@vendaflow/core/observability/request-info";
import { webhookFailures } from "@vendaflow/core/observability/service-metrics";
import type { z } from "zod";
import { BODY_LIMITS, readBody } from "./body";
import { appDeps } from "./deps";
import { HttpError, problem } from "./http";
import { log } from "./log";

/** A delivery we cannot take now, for a reason of ours: 503 with Retry-After, so the provider sends it again. */
export const retryLater = () => problem(503, "retry_later", "Não foi possível processar o evento agora; tente novamente.", {}, { "retry-after": "30" });

/** HTTP for an outcome: 401 bad signature, 400 bad body, 200 for everything verified (duplicates and failed effects too). */
export function webhookResponse(outcome: WebhookOutcome): Response {
  if (outcome.status === "invalid_signature") return problem(401, "invalid_signature", "Assinatura do webhook inválida.");
  if (outcome.status === "invalid_payload") return problem(400, "invalid_payload", "Payload do webhook inválido.", { issues: outcome.issues });
  if ("tenantId" in outcome && outcome.tenantId) noteRequest({ tenantId: outcome.tenantId });
  if (outcome.status === "failed") {
    log.error("webhook.failed", { error: outcome.reason });
    webhookFailures.inc({ route: "handler", reason: "handler_failed" });
  }
  return Response.json({ ok: true, status: outcome.status });
}

/**
 * A whole webhook route: `export const POST = (req: Request) => handleWebhook(req, stripeWebhook)`,
 * with the hook (provider, verifier, schema, tenant lookup, effects, body limit) described once
 * beside it. A body over the hook's limit is 413 before anything reads it; a delivery no tenant
 * owns is 200 and logged (a warning; our own write echoed back is 200 at debug level); a transient database failure or a failure the hook calls retryable is
 * 503 with Retry-After and nothing recorded, so the provider delivers it again (never a 500).
 * A hook that needs a lookup first (a route key naming a tenant's connection) is given as a function:
 * the lookup then runs inside this handling, so its failure is a 503 too.
 */
export async function handleWebhook<S extends z.ZodType>(req: Request, hookOrLookup: InboundWebhook<S> | (() => Promise<InboundWebhook<S>>)): Promise<Response> {
  let hook: InboundWebhook<S> | undefined;
  try {
    hook = typeof hookOrLookup === "function" ? await hookOrLookup() : hookOrLookup;
    const rawBody = await readBody(req, Math.min(hook.maxBodyBytes ?? BODY_LIMITS.webhook, BODY_LIMITS.webhook));
    const outcome = await receiveWebhookOnce(appDeps().db, hook, { rawBody, headers: req.headers });
    if (outcome.status === "unrouted") log.warn("webhook.unrouted", { provider: hook.provider });
    else if (outcome.status === "echo") log.debug("webhook.echo", { provider: hook.provider });
    return webhookResponse(outcome);
  } catch (err) {
    if (err instanceof HttpError) return err.response;
    // A failed lookup (the database, or a connection whose credentials no key here opens) is ours
    // to mend, not the provider's: it delivers again later.
    if (hook && !isRetryableWebhookFailure(hook, err)) throw err;
    log.error("webhook.unavailable", { provider: hook?.provider ?? "lookup", error: (err as Error).message });
    return retryLater();
  }
}
