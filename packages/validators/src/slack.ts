import { z } from "zod";
import { noNul } from "./sanitize";
import { slackNotifyEvents, slackModes } from "./plain/slack";
export { slackNotifyEvents, slackModes } from "./plain/slack";

// Slack (docs/integrations.md): a tenant's connection (bot token or incoming webhook), the
// notification and slash-command jobs, and the slash command's wire shape (Slack POSTs it as
// application/x-www-form-urlencoded). Limits match db/migrations/0120_slack.sql.

export type SlackNotifyEvent = (typeof slackNotifyEvents)[number];

export type SlackMode = (typeof slackModes)[number];

const signingSecret = z
  .string()
  .trim()
  .regex(/^[0-9a-f]{16,128}$/i, { error: "O signing secret tem apenas letras de a a f e números (Basic Information → App Credentials)." })
  .max(128);

/** A Slack channel as people write it (#vendas, vendas) or its ID (C0123…), as chat.postMessage takes it; a new schema per field, so each is checked against its own column. */
export const slackChannel = () => z.string().trim().regex(/^(#?[a-z0-9_.-]{1,79}|[CGD][A-Z0-9]{6,20})$/, { error: "Informe o canal (ex.: #vendas ou o ID C0123…)." }).max(80);

/** An admin connects with a bot token + channel, or with an incoming webhook URL; the signing secret enables slash commands. */
export const connectSlackInput = z.discriminatedUnion("mode", [
  z.object({
    mode: z.literal("bot"),
    botToken: z.string().trim().regex(/^xoxb-[A-Za-z0-9-]{10,250}$/, { error: "O token do bot começa com xoxb-." }).max(255),
    channel: slackChannel(),
    signingSecret,
    events: z.array(z.enum(slackNotifyEvents)).max(3).default([...slackNotifyEvents]),
  }),
  z.object({
    mode: z.literal("webhook"),
    webhookUrl: z.url({ protocol: /^https?$/, error: "URL inválida (use a URL do Incoming Webhook, https://hooks.slack.com/…)." }).max(2048).refine(noNul),
    signingSecret: signingSecret.optional().or(z.literal("").transform(() => undefined)),
    events: z.array(z.enum(slackNotifyEvents)).max(3).default([...slackNotifyEvents]),
  }),
]);
export type ConnectSlackInput = z.infer<typeof connectSlackInput>;

/** One notification, built and sent by a job (retried by the Scheduler). */
export const slackNotifyJobSchema = z.object({
  tenantId: z.uuid(),
  event: z.enum(slackNotifyEvents),
  entityType: z.enum(["lead", "deal"]),
  entityId: z.uuid(),
  /** Unique per event: the retries of one notification share it. */
  notificationId: z.uuid(),
  attempt: z.number().int().min(0).max(20).default(0),
  data: z.record(z.string().max(60), z.unknown()).default({}),
});
export type SlackNotifyJob = z.infer<typeof slackNotifyJobSchema>;

/** A slash command's slow answer, POSTed to its response_url. */
export const slackCommandJobSchema = z.object({
  tenantId: z.uuid(),
  command: z.enum(["/pipeline", "/lead-status"]),
  text: z.string().max(500).default(""),
  responseUrl: z.url({ protocol: /^https$|^http$/ }).max(2048),
});
export type SlackCommandJob = z.infer<typeof slackCommandJobSchema>;

/** The fields we read from a slash command (Slack sends more; they are ignored). */
export const slackCommandSchema = z.object({
  team_id: z.string().max(32).default(""),
  channel_id: z.string().max(32).default(""),
  user_id: z.string().max(32).default(""),
  user_name: z.string().max(255).default(""),
  command: z.string().min(1).max(64),
  text: z.string().max(500).default(""),
  response_url: z.string().max(2048).default(""),
  trigger_id: z.string().max(255).default(""),
});
export type SlackCommand = z.infer<typeof slackCommandSchema>;

