// slack.ts's plain values (no zod): what client components import, so their bundles stay free of zod.
// slack.ts re-exports them; the schemas there are built from them.

/** The CRM events that can notify a Slack channel (the same names as outbound webhooks). */
export const slackNotifyEvents = ["lead.qualified", "conversation.handed_off", "deal.won"] as const;

export const slackModes = ["bot", "webhook"] as const;
