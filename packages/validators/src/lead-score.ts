import { z } from "zod";
import { companySizes } from "./crm";
import { leadScoreFactKinds } from "./plain/lead-score";
export { leadScoreFactKinds, leadScoreFacts } from "./plain/lead-score";

// The CRM's lead score: the BANT score plus engagement (messages, replies, meetings) plus fit
// (company size, custom fields the tenant weights), explained per fact (LGPD art. 20).

const points = z.number().int().min(-100).max(100);
const count = z.number().int().min(0).max(1000);

/** A tenant's weights (lead_score_settings.weights). Missing keys take the defaults. */
export const leadScoreWeightsSchema = z.object({
  perMessage: points,
  maxMessages: count,
  perReply: points,
  maxReplies: count,
  perMeeting: points,
  maxMeetings: count,
  companySize: z.partialRecord(z.enum(companySizes), points),
  /** Custom field id → value (option text, "true"/"false" for booleans, "*" for any value) → points. */
  customFields: z.record(z.uuid(), z.record(z.string().min(1).max(200), points).refine((m) => Object.keys(m).length <= 50, { error: "Até 50 valores por campo." })).refine((m) => Object.keys(m).length <= 50, { error: "Até 50 campos pontuados." }),
});
export type LeadScoreWeights = z.infer<typeof leadScoreWeightsSchema>;

export const defaultLeadScoreWeights: LeadScoreWeights = {
  perMessage: 1,
  maxMessages: 10,
  perReply: 2,
  maxReplies: 5,
  perMeeting: 10,
  maxMeetings: 2,
  companySize: { "1-10": 0, "11-50": 5, "51-200": 10, "201-500": 15, "501-1000": 15, "1000+": 20 },
  customFields: {},
};

export const leadScoreFactSchema = z.object({
  kind: z.enum(leadScoreFactKinds),
  /** The BANT field, the custom field id, or the kind again. */
  key: z.string(),
  points: z.number().int(),
  /** One pt-BR sentence: which answer or fact, and how many points. */
  reason: z.string(),
});
export type LeadScoreFact = z.infer<typeof leadScoreFactSchema>;
export const leadScoreSchema = z.object({ total: z.number().int(), facts: z.array(leadScoreFactSchema) });
export type LeadScore = z.infer<typeof leadScoreSchema>;

export const leadScoreWeightsInput = leadScoreWeightsSchema.partial();

/** /api/jobs/lead-score-recompute: a run of the recompute the weights' save of this generation started. */
export const leadScoreRecomputeJobSchema = z.object({ tenantId: z.uuid(), generation: z.number().int().min(1) });
export type LeadScoreRecomputeJob = z.infer<typeof leadScoreRecomputeJobSchema>;
