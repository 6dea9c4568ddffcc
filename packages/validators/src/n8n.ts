import { z } from "zod";
import { noNul } from "./sanitize";

// n8n (docs/integrations.md): the tenant's n8n instance that /api/n8n/trigger/{workflow} forwards
// to, and the entities /api/n8n/data/{entity}/{id} reads. Limits match db/migrations/0120_slack.sql.

/** An n8n Webhook node's path (its production URL is {base}/webhook/{path}). */
export const n8nWorkflowId = z.string().max(200).regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,199}$/, { error: "Identificador de workflow inválido (letras, números, - e _)." });

export const n8nTriggerInput = z.object({
  workflow: n8nWorkflowId,
  /** Forwarded as the JSON body, with tenant_id and user_id added (the seed's contract). */
  payload: z.record(z.string().max(200), z.unknown()).default({}),
});
export type N8nTriggerInput = z.infer<typeof n8nTriggerInput>;

export const n8nConnectionInput = z.object({
  baseUrl: z.url({ protocol: /^https?$/, error: "URL inválida (ex.: https://n8n.suaempresa.com.br)." }).max(2048).refine(noNul),
  /** n8n Webhook node "Header Auth": the header's name and value (optional). */
  authHeaderName: z.string().trim().regex(/^[A-Za-z0-9-]{1,100}$/, { error: "Nome de cabeçalho inválido." }).max(100).optional().or(z.literal("").transform(() => undefined)),
  authHeaderValue: z.string().max(500).refine(noNul).optional(),
});
export type N8nConnectionInput = z.infer<typeof n8nConnectionInput>;

/** What /api/n8n/data/{entity}/{id} reads, each behind its API key scope. */
export const n8nEntities = ["lead", "contact", "company", "deal", "conversation"] as const;
export type N8nEntity = (typeof n8nEntities)[number];
