import type { Flow } from "@vendaflow/validators/flow";
import type { LeadScoreWeights } from "@vendaflow/validators/lead-score";
import type { Inbox } from "../inboxes/inboxes";
import type { Tenant } from "../tenancy/tenants";
import { defineCache } from "./process-cache";

// The hot reads cached per process, in one place so their names (the metrics' labels) and their
// bounds are seen together. Keys of tenant data start with the tenant id. Who invalidates:
//   inbox-routes                  inboxes.create / inboxes.update (after commit)
//   inboxes, web-inboxes          inboxes.update (after commit)
//   default-flows                 flows.publish (a new default version)
//   published-flows               never (a published version does not change); TTL only
//   automations                   automations.save / automations.delete
//   score-weights                 leadScore settings save
//   tenants-by-host               tenant settings, custom domain set / verify (every key: host and id)
//   plan-limits                   billing/quota-gate.ts (the billing version key)
//   webhook-listeners             webhooks create / update (only "nobody listens" is kept)

/** app_resolve_inbox answers by `${kind}:${key}` (only found inboxes are kept). */
export const inboxRoutes = defineCache<{ tenantId: string; inboxId: string; channel: "web" | "whatsapp" | "api" } | null>("inbox-routes", { ttlMs: 60_000 });

/**
 * An inbox by `${tenantId}:${inboxId}` (settings parsed, credentials still encrypted): the bot's
 * settings and channel, and what sending a reply needs (only found inboxes are kept).
 */
export const inboxesById = defineCache<Inbox | null>("inboxes", { ttlMs: 60_000 });

/** What the widget's origin check reads of an inbox, by `${tenantId}:${inboxId}` (only found inboxes are kept). */
export const webInboxes = defineCache<{ isActive: boolean; channel: string; allowedOrigins: string[] } | null>("web-inboxes", { ttlMs: 60_000 });


/** The tenant's newest published default flow by tenant id (only once it exists). */
export const defaultFlows = defineCache<{ id: string; flow: Flow } | null>("default-flows", { ttlMs: 60_000 });

/** A published flow version by `${tenantId}:${flowId}`. */
export const publishedFlows = defineCache<Flow | null>("published-flows", { ttlMs: 600_000, maxEntries: 2_000 });

/** Active automations listening on a trigger by `${tenantId}:${trigger}`. */
export const listeningAutomations = defineCache<{ id: string; max_per_entity_per_hour: number }[]>("automations", { ttlMs: 60_000 });

/**
 * Active outbound webhook subscriptions to an event type by `${tenantId}:${eventType}`, kept only
 * when there are none (the usual answer, asked on every new lead): a list of subscribers is read
 * each time, so a subscription disabled or deleted is never delivered to from a stale entry.
 */
export const webhookListenersCache = defineCache<{ id: string }[]>("webhook-listeners", { ttlMs: 60_000 });

/** The tenant's lead score weights by tenant id. */
export const scoreWeightsCache = defineCache<LeadScoreWeights>("score-weights", { ttlMs: 60_000 });

/**
 * Tenants by host (`s:${slug}` or `d:${domain}`) and by id (`i:${id}`, the widget's origin check);
 * unknown ones are not kept (a signup shows at once).
 */
export const tenantsByHost = defineCache<Tenant | null>("tenants-by-host", { ttlMs: 10_000 });
