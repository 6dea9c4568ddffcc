import type { Database } from "@vendaflow/db/create-db";
import { isTransientDbError } from "@vendaflow/db/errors";
import { withTenant, type TenantTx } from "@vendaflow/db/with-tenant";
import { webhookReceiptSchema, type WebhookReceipt } from "@vendaflow/validators/webhook";
import type { z } from "zod";

export interface WebhookIssue {
  path: string[];
  message: string;
}

/** What happened to one delivery; the route maps it to HTTP (apps/web/lib/server/webhook.ts). */
export type WebhookOutcome =
  | { status: "invalid_signature" }
  | { status: "invalid_payload"; issues: WebhookIssue[] }
  /** Verified and parsed, but no tenant of ours owns it (unknown account, event we do not track). */
  | { status: "unrouted" }
  /** Verified and parsed: the provider echoing back what we sent it (hook.isEcho); nothing recorded. */
  | { status: "echo" }
  | { status: "duplicate"; tenantId: string }
  | { status: "processed"; tenantId: string }
  /** Verified and ours, but its effects failed for good: kept as a failed receipt with the reason. */
  | { status: "failed"; tenantId: string; reason: string };

/** One provider's inbound webhook, described once per route; verifiers come from connectors. */
export interface InboundWebhook<S extends z.ZodType> {
  /** webhook_receipts.provider, e.g. "stripe". */
  provider: string;
  /** Checks the provider's signature over the exact raw body, in constant time. */
  verify(rawBody: string, headers: Headers): boolean | Promise<boolean>;
  /** The event's wire shape (in packages/validators). */
  schema: S;
  /** The provider's event id and type (Stripe `evt_…` and `invoice.paid`). */
  identify(event: z.infer<S>): { eventId: string; eventType: string };
  /** The owning tenant, from the route's key or a narrow definer function; null = not ours. */
  tenantOf(event: z.infer<S>): Promise<string | null>;
  /**
   * For an event tenantOf did not route: whether it is our own write coming back (a message we
   * posted to the provider). Acknowledged as an echo, which is expected traffic, not an unrouted event.
   */
  isEcho?(event: z.infer<S>): Promise<boolean>;
  /**
   * The event's effects, inside the tenant transaction that records the receipt: both commit or
   * neither does. Keep it short (schedule slow work as a job); unknown event types do nothing.
   */
  handle(tx: TenantTx, event: z.infer<S>, tenantId: string): Promise<void>;
  /**
   * A failure the provider should retry (an outside service the handler re-fetches from was down):
   * rethrown like a transient database error, so the route answers 503 and nothing is recorded.
   */
  retryable?(err: unknown): boolean;
  /**
   * The most bytes a delivery may carry (handleWebhook answers 413 above it before reading further);
   * default the shared webhook limit (1 MB).
   */
  maxBodyBytes?: number;
  /** After a processed event committed (not for duplicates or failures): e.g. drop caches it made stale. */
  afterCommit?(event: z.infer<S>, tenantId: string): Promise<void>;
}

/**
 * A failure the provider should simply retry: a transient database error or what the hook calls
 * retryable. receiveWebhookOnce rethrows it with nothing recorded; handleWebhook answers 503.
 */
export const isRetryableWebhookFailure = (hook: Pick<InboundWebhook<z.ZodType>, "retryable">, err: unknown): boolean => isTransientDbError(err) || Boolean(hook.retryable?.(err));

/** The receipt of one provider event, once (false when it was already there); with `failure`, recorded as failed. */
async function recordReceipt(tx: TenantTx, tenantId: string, r: WebhookReceipt, failure?: string): Promise<boolean> {
  const row = await tx
    .insertInto("webhook_receipts")
    .values({ tenant_id: tenantId, provider: r.provider, provider_event_id: r.eventId, event_type: r.eventType, ...(failure === undefined ? {} : { status: "failed", error: failure }) })
    .onConflict((oc) => oc.columns(["tenant_id", "provider", "provider_event_id"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return Boolean(row);
}

const issuesOf = (error: z.ZodError): WebhookIssue[] => error.issues.map((i) => ({ path: i.path.map(String), message: i.message }));

/**
 * Verify, then record, then act — the one shape of every non-message inbound webhook. A bad
 * signature or body changes nothing; a repeated event id changes nothing. A handler that throws
 * rolls its effects back; a transient database failure is rethrown (the route answers 503 and the
 * provider's retry is processed afresh), any other failure is recorded as a failed receipt with
 * its reason, so a payload that cannot be applied is answered 200 instead of a retry storm.
 */
export async function receiveWebhookOnce<S extends z.ZodType>(db: Database, hook: InboundWebhook<S>, req: { rawBody: string; headers: Headers }): Promise<WebhookOutcome> {
  const { rawBody } = req;
  if (!(await hook.verify(rawBody, req.headers))) return { status: "invalid_signature" };
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    return { status: "invalid_payload", issues: [{ path: [], message: "Corpo não é JSON válido." }] };
  }
  const parsed = hook.schema.safeParse(json);
  if (!parsed.success) return { status: "invalid_payload", issues: issuesOf(parsed.error) };
  const event = parsed.data;
  const receipt = webhookReceiptSchema.safeParse({ provider: hook.provider, ...hook.identify(event) });
  if (!receipt.success) return { status: "invalid_payload", issues: issuesOf(receipt.error) };
  const tenantId = await hook.tenantOf(event);
  if (!tenantId) return (await hook.isEcho?.(event)) ? { status: "echo" } : { status: "unrouted" };
  let outcome: WebhookOutcome;
  try {
    outcome = await withTenant(db, tenantId, async (tx) => {
      if (!(await recordReceipt(tx, tenantId, receipt.data))) return { status: "duplicate", tenantId } as const;
      await hook.handle(tx, event, tenantId);
      return { status: "processed", tenantId } as const;
    });
  } catch (err) {
    if (isRetryableWebhookFailure(hook, err)) throw err;
    const reason = (err instanceof Error ? err.message : String(err)).slice(0, 2000);
    await withTenant(db, tenantId, (tx) => recordReceipt(tx, tenantId, receipt.data, reason));
    return { status: "failed", tenantId, reason };
  }
  // The event is recorded and applied: what follows must not turn it into a retry.
  if (outcome.status === "processed" && hook.afterCommit) await hook.afterCommit(event, tenantId).catch(() => undefined);
  return outcome;
}
