import { z } from "zod";
import { noNul } from "./sanitize";

// Chatwoot mirror (docs/integrations.md): the tenant's connection, the mirror job, and the fields
// we read from Chatwoot's webhook (`message_created`). Limits match db/migrations/0137_chatwoot.sql.

const chatwootId = (error: string) => z.coerce.number({ error }).int({ error }).positive({ error }).max(2_147_483_647, { error });

export const connectChatwootInput = z.object({
  baseUrl: z.url({ protocol: /^https?$/, error: "URL inválida (ex.: https://app.chatwoot.com ou a URL da sua instalação)." }).max(2048).refine(noNul),
  accountId: chatwootId("Informe o número da conta (o número depois de /accounts/ na URL do Chatwoot)."),
  inboxId: chatwootId("Informe o número da caixa de entrada do tipo API (Configurações → Caixas de entrada)."),
  apiToken: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{8,255}$/, { error: "Cole o token de acesso do perfil (Perfil → Token de acesso)." })
    .max(255),
});
export type ConnectChatwootInput = z.infer<typeof connectChatwootInput>;

/** One attempt of mirroring a conversation into Chatwoot (contact, conversation, messages not yet there). */
export const chatwootMirrorJobSchema = z.object({
  tenantId: z.uuid(),
  conversationId: z.uuid(),
  /** Unique per queued mirror: the retries of one run share it. */
  runId: z.uuid(),
  attempt: z.number().int().min(0).max(20).default(0),
  /** How often this run found another one posting to the conversation and waited. */
  waits: z.number().int().min(0).max(100).default(0),
});
export type ChatwootMirrorJob = z.infer<typeof chatwootMirrorJobSchema>;

/**
 * The fields we read from a Chatwoot webhook (Settings → Integrations → Webhooks, or an API
 * inbox's webhook URL). Only `message_created` with `message_type` "outgoing", not private, acts;
 * every other event is acknowledged and ignored. Chatwoot sends more fields: they are dropped.
 */
export const chatwootWebhookSchema = z.object({
  event: z.string().max(64),
  id: z.union([z.number().int().nonnegative(), z.string().regex(/^\d{1,18}$/).transform(Number)]).optional(),
  content: z.string().max(100_000).nullish(),
  /** "incoming", "outgoing", "activity", "template" (or their numbers 0–3 in older payloads). */
  message_type: z.union([z.string().max(20), z.number().int()]).nullish(),
  private: z.boolean().nullish(),
  content_type: z.string().max(40).nullish(),
  conversation: z.object({ id: z.number().int().nonnegative() }).nullish(),
  sender: z.object({ name: z.string().max(255).nullish(), type: z.string().max(40).nullish() }).nullish(),
  attachments: z.array(z.object({ data_url: z.string().max(2048).nullish(), file_type: z.string().max(40).nullish() })).max(20).nullish(),
});
export type ChatwootWebhookEvent = z.infer<typeof chatwootWebhookSchema>;
