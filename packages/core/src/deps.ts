import type { Database } from "@vendaflow/db/create-db";
import type { AiModel, AiTranscriber } from "./ports/ai-model";
import type { AppLinks } from "./links";
import type { Calendar } from "./ports/calendar";
import type { ChatNotifier } from "./ports/chat";
import type { Clock } from "./ports/clock";
import type { CrmSync } from "./ports/crm-sync";
import type { DomainHost } from "./ports/domains";
import type { CounterStore } from "./ports/counter-store";
import type { EmailSender } from "./ports/email";
import type { Helpdesk } from "./ports/helpdesk";
import type { WhatsAppSender } from "./ports/messaging";
import type { OutboundWebhook } from "./ports/outbound-webhook";
import type { Payments } from "./ports/payments";
import type { Scheduler } from "./ports/scheduler";
import type { FileStorage } from "./ports/storage";

/**
 * Everything a core service may reach outside its arguments: built once per process by the app
 * (apps/web/lib/server/deps.ts) from the validated environment, and by tests with their own
 * adapters. A service declares the part it uses (`Pick<AppDeps, "db" | "now">`) so callers and
 * tests pass only that. A new outside service adds its port in ./ports and one field here.
 */
export interface AppDeps {
  db: Database;
  now: Clock;
  email: EmailSender;
  counters: CounterStore;
  scheduler: Scheduler;
  whatsapp: WhatsAppSender;
  /** Conversation files (WhatsApp media, agents' documents). */
  storage: FileStorage;
  payments: Payments;
  links: AppLinks;
  /** Tenants' webhooks (automations' "call webhook"). */
  webhooks: OutboundWebhook;
  /** Tenants' Calendly / Cal.com accounts (scheduling), opened with each connection's token. */
  calendar: Calendar;
  /** Tenants' custom domains on the hosting platform (Vercel); null: an operator adds them by hand (docs/production.md). */
  domains: DomainHost | null;
  /** Tenants' Slack (notifications, slash command answers), opened with each connection's token or webhook URL. */
  chat: ChatNotifier;
  /** Tenants' Chatwoot (the handed-off conversations' mirror), opened with each connection's token. */
  helpdesk: Helpdesk;
  /** Tenants' Pipedrive / HubSpot accounts (CRM sync), opened with each connection's credentials. */
  crm: CrmSync;
  /** The keyring of stored credentials (AES-256-GCM): `id:base64` entries, the first encrypts (inboxes/credentials.ts). */
  encryptionKey: string;
  /** Signs widget visitor tokens. */
  tokenSecret: string;
  /** The platform's Meta app: used by inboxes that do not bring their own. */
  platformWhatsApp: {
    accessToken: string;
    appSecret: string;
    verifyToken: string;
    /**
     * Embedded Signup (core/whatsapp/embedded-signup.ts), when configured: the app's id (the code
     * exchange's client_id) and what the browser needs to open Meta's popup. Unset: numbers on the
     * platform app cannot be connected.
     */
    signup?: { appId: string; configId: string; sdkUrl: string; apiVersion: string } | null;
  };
  bot: { maxReminders: number; defaultTimeoutSeconds: number };
  /** The optional AI layer (core/assist): off when `model` is null (no AI_PROVIDER) or `killSwitch` is set. */
  ai: AiLayerConfig;
}

export interface AiLayerConfig {
  model: AiModel | null;
  /** Confidence below which a model's choice is refused and the options are asked again. */
  threshold: number;
  timeoutMs: number;
  /** The operator's switch for the whole platform (AI_KILL_SWITCH): rules only, no model calls. */
  killSwitch: boolean;
  /** Voice notes to text (AI_TRANSCRIPTION_MODEL); absent or null: audio stays audio. */
  transcriber?: AiTranscriber | null;
  /** The transcription call's own bound (longer than a classification: audio goes up first). */
  transcriptionTimeoutMs?: number;
}

/** Defaults: a threshold strict enough that the model only settles clear paraphrases. */
export const AI_LAYER_DEFAULTS = { threshold: 0.75, timeoutMs: 3000 } as const;

/** No model: the rules alone (pnpm dev without AI_PROVIDER, seeds, benches). */
export const AI_LAYER_OFF: AiLayerConfig = { model: null, ...AI_LAYER_DEFAULTS, killSwitch: false };
