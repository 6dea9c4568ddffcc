import { z } from "zod";
import { noNul } from "./sanitize";
import { webhookEventTypes } from "./plain/outbound-webhooks";
export { webhookEventTypes } from "./plain/outbound-webhooks";

// Outbound webhooks: a tenant subscribes a URL to event types; every delivery is signed the
// Standard Webhooks way (webhook-id, webhook-timestamp, webhook-signature "v1,<base64>").

export type WebhookEventType = (typeof webhookEventTypes)[number];

export const webhookSubscriptionInput = z.object({
  url: z.url({ protocol: /^https?$/, error: "URL inválida (use http ou https)." }).max(2048, { error: "A URL deve ter no máximo 2048 caracteres." }),
  description: z.string().trim().max(200, { error: "A descrição deve ter no máximo 200 caracteres." }).refine(noNul).default(""),
  eventTypes: z
    .array(z.enum(webhookEventTypes, { error: "Evento desconhecido." }))
    .min(1, { error: "Escolha pelo menos um evento." })
    .max(20)
    .transform((s) => [...new Set(s)].sort()),
  isActive: z.boolean().default(true),
});
export type WebhookSubscriptionInput = z.infer<typeof webhookSubscriptionInput>;

export const webhookDeliveryListInput = z.object({
  subscriptionId: z.uuid(),
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(100).default(25),
});

/** The delivery job's body (signed by the Scheduler like every job). */
export const webhookDeliveryJobSchema = z.object({ tenantId: z.uuid(), deliveryId: z.uuid() });
export type WebhookDeliveryJob = z.infer<typeof webhookDeliveryJobSchema>;
