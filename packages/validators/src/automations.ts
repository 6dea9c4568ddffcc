import { z } from "zod";
import { CUSTOM_OPTION_MAX } from "./custom-fields";
import { noNul } from "./sanitize";
import { automationTriggers, conditionOps } from "./plain/automations";
import { slackChannel } from "./slack";
export { automationTriggers, conditionOps, numericConditionFields, numericConditionKind, triggerEntity } from "./plain/automations";

// CRM automations: a trigger, conditions on the entity's fields (custom fields included) and
// actions, run asynchronously by a job with retries, logged per run, with loop protection.

const text = (label: string, max: number) =>
  z.string().trim().min(1, { error: `Informe ${label}.` }).max(max, { error: `${label} deve ter no máximo ${max} caracteres.` }).refine(noNul, { error: `${label} contém caracteres inválidos.` });

export type AutomationTrigger = (typeof automationTriggers)[number];

export type ConditionOp = (typeof conditionOps)[number];
/**
 * A field of the entity: "score", "bant_score", "source", "stage", "tags" (lead); "value_cents",
 * "stage", "status", "tags" (deal); "custom.<field id>" for custom fields; "previous_score" on score_changed.
 */
const fieldPath = z.string().regex(/^(custom\.[0-9a-f-]{36}|[a-z_]{1,40})$/, { error: "Campo desconhecido." });
export const automationConditionSchema = z.object({
  field: fieldPath,
  op: z.enum(conditionOps, { error: "Operador desconhecido." }),
  value: z.union([z.string().max(200).refine(noNul), z.number().finite(), z.boolean(), z.null()]).default(null),
});
export type AutomationCondition = z.infer<typeof automationConditionSchema>;

export const automationActionSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("create_task"), subject: text("o assunto da tarefa", 255), dueInHours: z.number().int().min(0).max(24 * 90).default(24), assignTo: z.union([z.literal("owner"), z.uuid()]).nullable().default("owner") }),
  z.object({ type: z.literal("update_field"), field: z.string().regex(/^custom\.[0-9a-f-]{36}$/, { error: "Escolha um campo personalizado." }), value: z.union([z.string().max(1000).refine(noNul), z.number().finite(), z.boolean(), z.array(z.string().max(CUSTOM_OPTION_MAX).refine(noNul)).max(100)]) }),
  z.object({ type: z.literal("assign_owner"), userId: z.uuid({ error: "Escolha um usuário." }) }),
  z.object({ type: z.literal("add_tag"), tag: z.string().trim().toLowerCase().min(1).max(50).refine(noNul) }),
  z.object({ type: z.literal("send_email"), to: z.union([z.literal("owner"), z.email({ error: "E-mail inválido." }).max(255)]), subject: text("o assunto do e-mail", 200), body: text("o texto do e-mail", 5000) }),
  z.object({ type: z.literal("call_webhook"), url: z.url({ protocol: /^https?$/, error: "URL inválida (use http ou https)." }).max(2000) }),
  /**
   * A message to the tenant's connected Slack channel, or to `channel` when the connection is a bot
   * token (an incoming webhook posts to its own channel only), with a button to the record
   * (docs/integrations.md). "" is the connection's channel.
   */
  z.object({ type: z.literal("send_slack"), text: text("a mensagem", 2000), channel: z.union([z.literal(""), slackChannel()]).default("") }),
  /**
   * Moves the deal (deal triggers) or the lead's most recent open deal in the stage's pipeline
   * (lead triggers: meeting_scheduled, meeting_outcome…) to a stage, as a manual move does; a
   * stage of kind "lost" needs the loss reason.
   */
  z.object({ type: z.literal("move_deal_stage"), stageId: z.uuid({ error: "Escolha uma etapa." }), lostReasonId: z.uuid({ error: "Escolha o motivo da perda." }).nullable().default(null) }),
]);
export type AutomationAction = z.infer<typeof automationActionSchema>;

export const automationInput = z.object({
  name: text("o nome da automação", 120),
  trigger: z.enum(automationTriggers, { error: "Gatilho desconhecido." }),
  conditions: z.array(automationConditionSchema).max(20, { error: "No máximo 20 condições." }).default([]),
  actions: z.array(automationActionSchema).min(1, { error: "Adicione pelo menos uma ação." }).max(10, { error: "No máximo 10 ações." }),
  isActive: z.boolean().default(true),
  /** Loop protection: at most this many runs per entity per hour. */
  maxPerEntityPerHour: z.number().int().min(1).max(20).default(3),
});
export type AutomationInput = z.infer<typeof automationInput>;

export const automationRunStatuses = ["pending", "running", "retrying", "succeeded", "failed", "skipped", "loop_blocked"] as const;
export const automationJobSchema = z.object({ tenantId: z.uuid(), runId: z.uuid() });
export type AutomationJob = z.infer<typeof automationJobSchema>;

export const automationRunsInput = z.object({
  automationId: z.uuid(),
  limit: z.number().int().min(1).max(100).default(25),
  cursor: z.string().regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z\|[0-9a-f-]{36}$/, { error: "Cursor inválido." }).nullish(),
});
