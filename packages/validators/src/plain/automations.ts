// automations.ts's plain values (no zod): what client components import, so their bundles stay free of zod.
// automations.ts re-exports them; the schemas there are built from them.

export const automationTriggers = ["lead_created", "score_changed", "stage_changed", "deal_won", "deal_lost", "meeting_scheduled", "meeting_canceled", "meeting_no_show", "meeting_outcome", "conversation_handed_off"] as const;

export const conditionOps = ["eq", "neq", "gt", "gte", "lt", "lte", "contains", "is_set", "not_set"] as const;

/** The entity each trigger is about: lead triggers act on the lead, deal triggers on the deal. */
export const triggerEntity: Record<(typeof automationTriggers)[number], "lead" | "deal"> = {
  lead_created: "lead",
  score_changed: "lead",
  stage_changed: "deal",
  deal_won: "deal",
  deal_lost: "deal",
  meeting_scheduled: "lead",
  meeting_canceled: "lead",
  meeting_no_show: "lead",
  meeting_outcome: "lead",
  conversation_handed_off: "lead",
};

/**
 * The built-in fields conditions compare as numbers, money in cents: a condition on them needs a
 * number (core checks it at save; the editor offers a number or BRL input for them).
 */
export const numericConditionFields = { score: "number", previous_score: "number", bant_score: "number", probability: "number", value_cents: "money" } as const satisfies Record<string, "number" | "money">;

export const numericConditionKind = (field: string): "number" | "money" | undefined => (numericConditionFields as Record<string, "number" | "money">)[field];
