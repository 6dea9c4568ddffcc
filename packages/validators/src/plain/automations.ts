// automations.ts's plain values (no zod): what client components import, so their bundles stay free of zod.
// automations.ts re-exports them; the schemas there are built from them.

export const automationTriggers = ["lead_created", "score_changed", "stage_changed", "deal_won", "deal_lost", "meeting_scheduled", "meeting_canceled", "meeting_no_show", "meeting_outcome", "conversation_handed_off"] as const;

export const conditionOps = ["eq", "neq", "gt", "gte", "lt", "lte", "contains", "is_set", "not_set"] as const;
