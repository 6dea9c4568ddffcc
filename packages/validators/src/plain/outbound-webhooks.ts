// outbound-webhooks.ts's plain values (no zod): what client components import, so their bundles stay free of zod.
// outbound-webhooks.ts re-exports them; the schemas there are built from them.

export const webhookEventTypes = ["lead.created", "lead.qualified", "conversation.handed_off", "deal.stage_changed", "deal.won", "deal.lost", "meeting.scheduled"] as const;
