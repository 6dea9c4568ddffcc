// scheduling.ts's plain values (no zod): what client components import, so their bundles stay free of zod.
// scheduling.ts re-exports them; the schemas there are built from them.

export const calendarProviders = ["calendly", "calcom"] as const;

export const meetingStatuses = ["scheduled", "rescheduled", "canceled", "completed", "no_show"] as const;

/** What came of a meeting that took place: feeds the `meeting_outcome` automations. */
export const meetingOutcomes = ["advanced", "proposal", "follow_up", "not_interested"] as const;
