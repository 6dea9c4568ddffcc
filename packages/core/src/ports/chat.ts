/**
 * A Block Kit message as plain JSON (https://api.slack.com/block-kit): `text` is the fallback
 * shown in notifications and by clients without blocks. Built by core (slack/blocks.ts), sent
 * as is by the adapter.
 */
export interface ChatMessage {
  text: string;
  blocks: Record<string, unknown>[];
  /** Slash command answers: "ephemeral" (only the caller sees it) or "in_channel". */
  responseType?: "ephemeral" | "in_channel";
}

/** Where a notification goes: a bot token and a channel (chat.postMessage) or an incoming webhook URL. */
export type ChatTarget = { kind: "bot"; token: string; channel: string } | { kind: "webhook"; url: string };

/** The workspace a bot token opens (auth.test). */
export interface ChatWorkspace {
  teamId: string;
  teamName: string;
}

/**
 * Team chat (Slack). Adapter: `connectors/slack/slack-chat.ts` — the official `@slack/web-api`
 * WebClient for bot tokens (its `slackApiUrl` points at the stand-in in tests) and the SSRF guard
 * (`connectors/http/safe-fetch.ts`) for incoming webhook URLs and slash commands' response_url,
 * which come from tenants and payloads. A refused token throws `ChatAuthError`; any other failure
 * throws an Error with the service's message.
 */
export interface ChatNotifier {
  post(target: ChatTarget, message: ChatMessage): Promise<void>;
  /** Checks a bot token and names its workspace. */
  identify(token: string): Promise<ChatWorkspace>;
  /** A slash command's delayed answer (POST to its response_url). */
  respond(responseUrl: string, message: ChatMessage): Promise<void>;
}

export class ChatAuthError extends Error {
  constructor(message = "Token recusado pelo Slack") {
    super(message);
    this.name = "ChatAuthError";
  }
}

export const isChatAuthError = (err: unknown): err is ChatAuthError => err instanceof Error && err.name === "ChatAuthError";
