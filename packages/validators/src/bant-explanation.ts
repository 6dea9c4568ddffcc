import { z } from "zod";
import { answerDecisionSchema, answerValueSchema, bantFields, decisionVias, keywordHitSchema } from "./flow";

// The BANT score explained per answer: what the lead typed, how the bot read it and how many
// points it earned. Answers a data subject's request under LGPD art. 20 (automated decisions)
// and is what the lead and conversation pages show; the CRM's full lead score adds to it.

export const bantExplanationItemSchema = z.object({
  field: z.enum(bantFields),
  stepId: z.string(),
  points: z.number().int(),
  /** The best the step can give (the highest option, or every keyword), when the flow is known. */
  maxPoints: z.number().int().optional(),
  /** What the lead typed or tapped; null when the step was skipped or nothing was recorded. */
  answer: z.string().nullable(),
  value: answerValueSchema,
  optionId: z.string().optional(),
  optionText: z.string().optional(),
  via: z.enum(decisionVias).optional(),
  rule: answerDecisionSchema.shape.rule,
  evidence: answerDecisionSchema.shape.evidence,
  keywords: z.array(keywordHitSchema).optional(),
  confidence: answerDecisionSchema.shape.confidence,
  model: answerDecisionSchema.shape.model,
  /** One pt-BR sentence: why these points. */
  reason: z.string(),
});

export const bantExplanationSchema = z.object({
  total: z.number().int(),
  items: z.array(bantExplanationItemSchema),
});

export type BantExplanationItem = z.infer<typeof bantExplanationItemSchema>;
export type BantExplanation = z.infer<typeof bantExplanationSchema>;
