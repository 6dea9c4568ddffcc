import { z } from "zod";
import { FLOW_ISSUE, OPTION_LABEL_MAX, SCHEDULING_URL_MAX, SYNONYM_MAX, SYNONYMS_PER_OPTION, stepKinds, bantFields, stepFields, bandBoundaries } from "./plain/flow";
export { OPTION_LABEL_MAX, SYNONYM_MAX, SYNONYMS_PER_OPTION, stepKinds, bantFields, stepFields, bandBoundaries } from "./plain/flow";

// A qualification flow is stored as JSON and versioned; the bot engine in core runs it.
// Structure is checked here with zod; graph rules (dangling links, loops, …) by validateFlow.

const idSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, { error: "Use apenas letras, números, _ ou -." });

export type StepKind = (typeof stepKinds)[number];
export type BantField = (typeof bantFields)[number];
export type StepField = (typeof stepFields)[number];

export const optionSchema = z.object({
  id: idSchema,
  label: z
    .string()
    .trim()
    .min(1)
    .max(OPTION_LABEL_MAX, { error: `O rótulo deve ter no máximo ${OPTION_LABEL_MAX} caracteres.` }),
  text: z.string().trim().min(1),
  score: z.number().int(),
  // Tenant's own ways leads say this option ("eu que assino"); read like the built-in rules
  // (accents, inflections, small typos). Optional: flows saved before synonyms stay valid.
  synonyms: z
    .array(z.string().trim().min(1).max(SYNONYM_MAX, { error: `Cada sinônimo deve ter no máximo ${SYNONYM_MAX} caracteres.` }))
    .max(SYNONYMS_PER_OPTION, { error: `No máximo ${SYNONYMS_PER_OPTION} sinônimos por opção.` })
    .optional(),
});

export const keywordSchema = z.object({
  keyword: z.string().trim().min(1),
  score: z.number().int(),
});

// Maps a free-text number (e.g. a budget) to one of the step's options.
export const bandsSchema = z.object({
  boundary: z.enum(bandBoundaries),
  ranges: z
    .array(
      z.object({
        optionId: idSchema,
        min: z.number().finite().optional(),
        max: z.number().finite().optional(),
      }),
    )
    .min(1),
});

export const stepSchema = z.object({
  id: idSchema,
  kind: z.enum(stepKinds),
  question: z.string().trim().min(1),
  field: z.enum(stepFields).optional(),
  options: z.array(optionSchema).optional(),
  keywords: z.array(keywordSchema).optional(),
  bands: bandsSchema.optional(),
  // null or absent ends the flow after this step.
  next: idSchema.nullable().optional(),
  nextByOption: z.record(z.string(), idSchema).optional(),
  timeoutSeconds: z.number().int().positive().optional(),
  invalidAnswerLimit: z.number().int().nonnegative().optional(),
  skippable: z.boolean().optional(),
});

export const outcomeActionSchema = z.object({
  // Thank-you text sent to the lead when the flow ends this way.
  message: z.string().trim().min(1),
  // What happens to the conversation afterwards.
  action: z.enum(["handoff", "close"]),
  tags: z.array(z.string().trim().min(1)).default([]),
});

/**
 * A scheduling link as an admin saves it (a flow's, an inbox's): an http(s) page the lead can open,
 * never javascript:, data: or a bare word. {name}, {email} and {leadId} may stand in it.
 */
export const schedulingUrlSchema = z
  .url({ protocol: /^https?$/, error: "Informe uma URL http(s) completa, como https://calendly.com/sua-empresa/30min." })
  .max(SCHEDULING_URL_MAX, { error: `A URL deve ter no máximo ${SCHEDULING_URL_MAX} caracteres.` });

export const flowSchema = z.object({
  id: z.string().min(1).optional(),
  name: z.string().trim().min(1).max(120),
  version: z.number().int().positive(),
  minScore: z.number().int().nonnegative().default(70),
  startStep: idSchema,
  invalidAnswerLimit: z.number().int().nonnegative().default(2),
  steps: z.array(stepSchema).min(1),
  outcomes: z.object({ qualified: outcomeActionSchema, notQualified: outcomeActionSchema }),
  // Template; {name}, {email} and {leadId} are replaced (URL-encoded) when offered.
  schedulingUrl: z.string().trim().min(1).optional(),
  timeoutFallback: z.enum(["handoff", "close"]),
});

export type FlowOption = z.infer<typeof optionSchema>;
export type FlowKeyword = z.infer<typeof keywordSchema>;
export type FlowBands = z.infer<typeof bandsSchema>;
export type FlowStep = z.infer<typeof stepSchema>;
export type OutcomeAction = z.infer<typeof outcomeActionSchema>;
export type Flow = z.infer<typeof flowSchema>;
export type FlowInput = z.input<typeof flowSchema>;

// Bot progress through one flow version, stored beside the conversation.
export const answerValueSchema = z.union([z.string(), z.number(), z.null()]);

// How an answer was read, so the score can be explained (LGPD art. 20) and the simulator can
// show the path: a button, the option's number, its exact text, a tenant synonym, an amount in a
// band, a built-in rule, need keywords, a partial text match, a skip, or the AI layer.
export const decisionVias = ["button", "number", "exact", "synonym", "band", "rule", "keyword", "text", "skip", "contact", "ai"] as const;
export type DecisionVia = (typeof decisionVias)[number];

export const keywordHitSchema = z.object({
  keyword: z.string().max(200),
  score: z.number().int(),
  evidence: z.string().max(200),
});

export const answerDecisionSchema = z.object({
  via: z.enum(decisionVias),
  // The rule or synonym that fired ("decision_maker", "horizon", "upper"…).
  rule: z.string().max(200).optional(),
  // The lead's words that decided it, as the rules read them.
  evidence: z.string().max(500).optional(),
  keywords: z.array(keywordHitSchema).max(50).optional(),
  confidence: z.number().min(0).max(1).optional(),
  model: z.string().max(200).optional(),
});
export type AnswerDecision = z.infer<typeof answerDecisionSchema>;
export type KeywordHit = z.infer<typeof keywordHitSchema>;

export const botAnswerSchema = z.object({
  // null when the lead skipped the step.
  value: answerValueSchema,
  optionId: z.string().optional(),
  score: z.number().int(),
  raw: z.string(),
  decision: answerDecisionSchema.optional(),
});

export const botStatuses = ["active", "completed", "handed_off", "opted_out"] as const;

export const botStateSchema = z.object({
  flowVersion: z.number().int().positive(),
  stepId: z.string().nullable(),
  // Bumped on every transition; scheduled timeouts carry it so stale ones are ignored.
  revision: z.number().int().nonnegative(),
  answers: z.record(z.string(), botAnswerSchema),
  score: z.number().int(),
  invalidCount: z.number().int().nonnegative(),
  reminderCount: z.number().int().nonnegative(),
  status: z.enum(botStatuses),
  contact: z.object({
    name: z.string().optional(),
    email: z.string().optional(),
    phone: z.string().optional(),
  }),
  path: z.array(z.string()),
  // The bot offered a person after signs of frustration; it offers once per conversation.
  humanOffered: z.boolean().optional(),
});

export type AnswerValue = z.infer<typeof answerValueSchema>;
export type BotAnswer = z.infer<typeof botAnswerSchema>;
export type BotStatus = (typeof botStatuses)[number];
export type BotState = z.infer<typeof botStateSchema>;

export interface FlowIssue {
  stepId: string;
  message: string;
}

/** Successor ids of a step; null stands for the end of the flow. */
export function stepTargets(step: FlowStep): (string | null)[] {
  const fallback = step.next ?? null;
  if (step.kind !== "options" || !step.options?.length) return [fallback];
  const targets = step.options.map((o) => step.nextByOption?.[o.id] ?? fallback);
  if (step.skippable) targets.push(fallback);
  return targets;
}

function duplicates(ids: string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const id of ids) (seen.has(id) ? dup : seen).add(id);
  return [...dup];
}

/** Graph and content rules zod cannot express. Empty list = publishable. Messages are pt-BR. */
export function validateFlow(flow: Flow): FlowIssue[] {
  const issues: FlowIssue[] = [];
  const add = (stepId: string, message: string) => issues.push({ stepId, message });
  const byId = new Map(flow.steps.map((s) => [s.id, s] as const));

  for (const id of duplicates(flow.steps.map((s) => s.id))) {
    add(id, `Etapa "${id}": existe mais de uma etapa com este id.`);
  }

  if (!byId.has(flow.startStep)) {
    add(flow.startStep, `A etapa inicial "${flow.startStep}" não existe.`);
  }

  for (const step of flow.steps) {
    const name = `Etapa "${step.id}"`;
    const optionIds = new Set((step.options ?? []).map((o) => o.id));

    if (step.kind === "options" && !step.options?.length) {
      add(step.id, `${name}: etapa de opções sem nenhuma opção.`);
    }
    for (const id of duplicates((step.options ?? []).map((o) => o.id))) {
      add(step.id, `${name}: a opção "${id}" aparece mais de uma vez.`);
    }
    for (const option of step.options ?? []) {
      if (option.label.length > OPTION_LABEL_MAX) {
        add(
          step.id,
          `${name}: o rótulo da opção "${option.id}" tem ${option.label.length} caracteres (máximo ${OPTION_LABEL_MAX}).`,
        );
      }
    }
    if (step.next && !byId.has(step.next)) {
      add(step.id, `${name}: a próxima etapa "${step.next}" não existe.`);
    }
    for (const [optionId, target] of Object.entries(step.nextByOption ?? {})) {
      if (!optionIds.has(optionId)) {
        add(step.id, `${name}: o desvio usa a opção "${optionId}", que não existe nesta etapa.`);
      }
      if (!byId.has(target)) {
        add(step.id, `${name}: a opção "${optionId}" leva à etapa "${target}", que não existe.`);
      }
    }
    for (const range of step.bands?.ranges ?? []) {
      if (!optionIds.has(range.optionId)) {
        add(step.id, `${name}: uma faixa de valores aponta para a opção "${range.optionId}", que não existe.`);
      }
    }
  }

  // Checked here, not in flowSchema, so flows stored before the rule still load and run.
  if (flow.schedulingUrl !== undefined && !schedulingUrlSchema.safeParse(flow.schedulingUrl).success) {
    add(FLOW_ISSUE, `Configurações do fluxo: a URL de agendamento deve ser um endereço http(s) completo, como https://calendly.com/sua-empresa/30min, com no máximo ${SCHEDULING_URL_MAX} caracteres.`);
  }

  // Reachability from the start.
  const reachable = new Set<string>();
  const queue = byId.has(flow.startStep) ? [flow.startStep] : [];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    const step = byId.get(id);
    if (!step || reachable.has(id)) continue;
    reachable.add(id);
    for (const target of stepTargets(step)) {
      if (target !== null && byId.has(target)) queue.push(target);
    }
  }
  for (const step of flow.steps) {
    if (byId.has(flow.startStep) && !reachable.has(step.id)) {
      add(step.id, `Etapa "${step.id}": não é alcançável a partir da etapa inicial "${flow.startStep}".`);
    }
  }

  // A step can finish if some path leads to the end; dangling links are reported above, not twice here.
  const canFinish = new Set<string>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const step of byId.values()) {
      if (canFinish.has(step.id)) continue;
      if (stepTargets(step).some((t) => t === null || !byId.has(t) || canFinish.has(t))) {
        canFinish.add(step.id);
        changed = true;
      }
    }
  }
  for (const step of byId.values()) {
    if (!canFinish.has(step.id)) {
      add(step.id, `Etapa "${step.id}": faz parte de um ciclo sem saída; nenhum caminho leva ao fim do fluxo.`);
    }
  }

  return issues;
}

/** Body of the job callback /api/jobs/bot-timeout: a question asked at `revision` went unanswered. */
export const botTimeoutJobSchema = z.object({ tenantId: z.uuid(), conversationId: z.uuid(), revision: z.number().int().min(0) });
export type BotTimeoutJob = z.infer<typeof botTimeoutJobSchema>;
