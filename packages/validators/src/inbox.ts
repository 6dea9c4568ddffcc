import { z } from "zod";
import { CHANNELS, CONVERSATION_FILTER_LIMITS, CONVERSATION_STATUS_FILTERS, TEMPLATE_KEYS, TRANSCRIPT_PAGE_SIZE } from "./plain/inbox";
import { schedulingUrlSchema } from "./flow";
import { WA_DISCONNECT_REASONS } from "./plain/whatsapp-account";
export { ACTIVE_CONVERSATION_STATUSES, CHANNELS, CONVERSATION_FILTER_LIMITS, CONVERSATION_STATUS_FILTERS, CONVERSATION_STATUSES, TEMPLATE_KEYS, TRANSCRIPT_PAGE_SIZE, TRANSCRIPT_REFRESH_LIMIT, WINDOW_TEMPLATE_KEYS } from "./plain/inbox";

export const channelSchema = z.enum(CHANNELS, { error: "Canal inválido: use web, whatsapp ou api." });
export type Channel = z.infer<typeof channelSchema>;

/** A template approved at Meta, used outside the 24-hour window. */
export const waTemplateSchema = z.object({
  name: z.string().trim().min(1, "Informe o nome do template.").max(512),
  language: z.string().trim().min(2).max(10).default("pt_BR"),
  /** Body parameters; {name} and {link} are filled per lead. */
  params: z.array(z.string().max(200)).max(10).default([]),
});

export const templateKeySchema = z.enum(TEMPLATE_KEYS);
export type TemplateKey = z.infer<typeof templateKeySchema>;

const originSchema = z
  .string()
  .trim()
  .regex(/^https?:\/\/[a-z0-9.-]+(:\d+)?$/i, "Use uma origem como https://www.suaempresa.com.br (sem caminho).")
  .transform((s) => s.toLowerCase());

export const inboxSettingsSchema = z.object({
  allowedOrigins: z.array(originSchema).max(20).default([]),
  schedulingUrl: z.union([z.url("Informe uma URL válida."), z.literal("")]).default(""),
  templates: z.partialRecord(templateKeySchema, waTemplateSchema).default({}),
  /** Meta's throughput for the number: 80 messages/s by default, up to 1,000 once Meta upgrades it. */
  waThroughput: z.number({ error: "Informe a vazão em mensagens por segundo." }).int().min(20, "A vazão mínima é 20 mensagens/s.").max(1000, "A vazão máxima da Meta é 1.000 mensagens/s.").optional(),
  /** The number is also used in the WhatsApp Business app (coexistence): Meta fixes it at 20 messages/s. */
  waCoexistence: z.boolean().optional(),
  /**
   * An approved AUTHENTICATION template (copy-code button) for one-time codes outside the 24-hour
   * window, e.g. the LGPD request code of a lead known only on WhatsApp. Its body and button take the code.
   */
  authTemplate: waTemplateSchema.pick({ name: true, language: true }).optional(),
  /** The WhatsApp Business Account the number belongs to: its templates are synced from it. */
  waBusinessAccountId: z.string().trim().regex(/^\d{5,64}$/, "O ID da conta do WhatsApp Business (WABA) tem só dígitos.").optional(),
  /**
   * The number as Meta described it when it was checked (GET /<phone-number-id>, at creation and
   * when the WABA changes): shown in the inbox list. Set by the server only; inboxSettingsInput drops them.
   */
  waDisplayPhoneNumber: z.string().max(40).optional(),
  waVerifiedName: z.string().max(255).optional(),
  /**
   * Meta said (account_update webhook, core/whatsapp/account-update.ts) that the platform can no
   * longer send for this platform-app number: why, Meta's event and when. Set and cleared by the
   * server only; inboxSettingsInput drops it. Sending is refused with a delivery error while set.
   */
  waDisconnected: z
    .object({ reason: z.enum(WA_DISCONNECT_REASONS), event: z.string().max(60), at: z.string().max(40) })
    .optional(),
  /**
   * Meta's ACCOUNT_VIOLATION / ACCOUNT_RESTRICTION (plain/whatsapp-account.ts WaRestriction): shown
   * on the card as a warning while unexpired; sending goes on. Server only, like waDisconnected.
   */
  waRestriction: z
    .object({
      event: z.string().max(60),
      at: z.string().max(40),
      violationType: z.string().max(100).optional(),
      restrictions: z.array(z.object({ type: z.string().max(100), expiresAt: z.string().max(40).optional() })).max(20),
    })
    .optional(),
  /**
   * Meta's time (entry.time, epoch seconds) of the last account_update applied to this inbox, per
   * kind of state (account-update.ts): an older event delivered late is ignored. Server only.
   */
  waEventAt: z.partialRecord(z.enum(["partner", "deleted", "ban", "offboard", "restriction"]), z.number().int()).optional(),
  /** The demo seed's made-up number (no Meta behind it): never asked to reconnect. Server only. */
  waDemo: z.boolean().optional(),
  /**
   * The qualification offered as a WhatsApp Flow form (core/whatsapp/flow-form.ts): the Flow the
   * tenant created at Meta from the downloaded Flow JSON, by its id, and the button's text.
   */
  flowForm: z
    .object({
      enabled: z.boolean(),
      flowId: z.string().trim().regex(/^\d{1,64}$/, "O ID do Flow da Meta tem só dígitos."),
      cta: z.string().trim().max(20, "O botão do formulário tem no máximo 20 caracteres.").regex(/^[^\p{Extended_Pictographic}]*$/u, "O botão do formulário não pode ter emoji.").default(""),
    })
    .optional(),
});
export type InboxSettings = z.infer<typeof inboxSettingsSchema>;
export type WaDisconnected = NonNullable<InboxSettings["waDisconnected"]>;
export type WaEventKind = keyof NonNullable<InboxSettings["waEventAt"]>;

/**
 * Settings as an admin saves them: the scheduling link must be an http(s) page, and what Meta said
 * of the number is not theirs to write (dropped, kept by the server). Stored settings
 * are read with inboxSettingsSchema, which keeps accepting what earlier versions saved.
 */
export const inboxSettingsInput = inboxSettingsSchema.omit({ waDisplayPhoneNumber: true, waVerifiedName: true, waDisconnected: true, waRestriction: true, waEventAt: true, waDemo: true }).extend({
  schedulingUrl: z.union([schedulingUrlSchema, z.literal("")]).default(""),
});

export const createInboxInput = z.discriminatedUnion("channel", [
  z.object({ channel: z.literal("web"), name: z.string().trim().min(2, "Dê um nome à caixa de entrada.").max(255), settings: inboxSettingsInput.default({ allowedOrigins: [], schedulingUrl: "", templates: {} }) }),
  z.object({ channel: z.literal("api"), name: z.string().trim().min(2, "Dê um nome à caixa de entrada.").max(255), settings: inboxSettingsInput.default({ allowedOrigins: [], schedulingUrl: "", templates: {} }) }),
  z.object({
    channel: z.literal("whatsapp"),
    name: z.string().trim().min(2, "Dê um nome à caixa de entrada.").max(255),
    phoneNumberId: z.string().trim().max(32, "O phone_number_id da Meta tem até 32 dígitos.").regex(/^\d{5,32}$/, "O phone_number_id da Meta tem só dígitos."),
    /** Without these, the platform's Meta app and token are used. */
    ownApp: z
      .object({
        accessToken: z.string().trim().min(10, "Informe o token de acesso.").max(2000, "Token de acesso longo demais."),
        appSecret: z.string().trim().min(8, "Informe o app secret.").max(255, "App secret longo demais."),
      })
      .optional(),
    settings: inboxSettingsInput.default({ allowedOrigins: [], schedulingUrl: "", templates: {} }),
  }),
]);
export type CreateInboxInput = z.infer<typeof createInboxInput>;

export const updateInboxInput = z.object({
  inboxId: z.uuid(),
  name: z.string().trim().min(2).max(255),
  settings: inboxSettingsInput,
  isActive: z.boolean(),
});

export const conversationListInput = z.object({
  /** One status, or "active": pending and open together (the open work "Carga da equipe" counts). */
  status: z.enum(CONVERSATION_STATUS_FILTERS).optional(),
  inboxId: z.uuid().optional(),
  /** Conversations assigned to this user (agent inbox "Minhas" passes the signed-in user's id). */
  assigneeId: z.uuid().optional(),
  /** Only conversations nobody is assigned to (ignored together with assigneeId). */
  unassigned: z.boolean().optional(),
  teamId: z.uuid().optional(),
  channel: channelSchema.optional(),
  /** One of the lead's tags (case-insensitive, exact). */
  tag: z.string().trim().max(CONVERSATION_FILTER_LIMITS.tag).optional(),
  minScore: z.number().int().min(0).max(CONVERSATION_FILTER_LIMITS.score).optional(),
  maxScore: z.number().int().min(0).max(CONVERSATION_FILTER_LIMITS.score).optional(),
  /** Case-insensitive: lead name, phone, e-mail or any message text of the conversation. */
  search: z.string().trim().max(CONVERSATION_FILTER_LIMITS.search).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(100).default(25),
});

/**
 * An older page of a transcript: the messages before `before` (the seq of the oldest one shown),
 * newest first in the read, returned oldest first. messages.seq is a bigint identity, read as a number.
 */
export const conversationMessagesInput = z.object({
  conversationId: z.uuid(),
  before: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  limit: z.number().int().min(1).max(TRANSCRIPT_PAGE_SIZE).default(TRANSCRIPT_PAGE_SIZE),
});
export type ConversationMessagesInput = z.infer<typeof conversationMessagesInput>;

/**
 * The older messages a timeline shows, re-read with its newest page: seq in [from, before), the
 * newest TRANSCRIPT_REFRESH_LIMIT of them, returned oldest first.
 */
export const conversationMessageRangeInput = z.object({
  conversationId: z.uuid(),
  from: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  before: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
});
export type ConversationMessageRangeInput = z.infer<typeof conversationMessageRangeInput>;

/**
 * Body of the maintenance sweep /api/jobs/inbound-recovery: how old a pending inbound event, and
 * how overdue a lead file's download must be to be taken (unset: MEDIA_SWEEP_GRACE_SECONDS,
 * core/conversations/recovery.ts).
 */
export const inboundRecoveryJobSchema = z.object({ olderThanSeconds: z.number().int().min(0).max(86400).default(30), mediaGraceSeconds: z.number().int().min(0).max(86400).optional() });
