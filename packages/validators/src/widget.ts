import { z } from "zod";

/** Wire contract between apps/widget (browser) and /api/widget/* (apps/web). */

export const widgetOptionSchema = z.object({ id: z.string(), label: z.string(), text: z.string() });
export type WidgetOption = z.infer<typeof widgetOptionSchema>;

export const widgetMessageSchema = z.object({
  id: z.string(),
  /** Monotonic across the platform; the client resumes with ?after=<seq>. */
  seq: z.number().int(),
  sender: z.enum(["lead", "bot", "agent", "system"]),
  contentType: z.string(),
  text: z.string().nullable(),
  options: z.array(widgetOptionSchema).optional(),
  /** A booking offer: the widget opens the scheduling page inline when the visitor asks (docs/scheduling.md). */
  booking: z.object({ url: z.string(), provider: z.enum(["calendly", "calcom"]).nullable(), label: z.string().optional() }).optional(),
  /** A lead message's own id from its sender (the send's clientMessageId), so a client knows it was stored. */
  clientMessageId: z.string().optional(),
  createdAt: z.string(),
});
export type WidgetMessage = z.infer<typeof widgetMessageSchema>;
export type WidgetSender = WidgetMessage["sender"];

export const widgetStartInput = z.object({
  publicKey: z.string().min(10).max(64),
  /** A returning visitor sends the token it was given, to see its history. */
  visitorToken: z.string().max(1000).optional(),
});
export type WidgetStartInput = z.input<typeof widgetStartInput>;

export const widgetThemeSchema = z.object({ name: z.string(), botName: z.string(), primaryColor: z.string(), logoUrl: z.string() });
export type WidgetTheme = z.infer<typeof widgetThemeSchema>;

export const widgetConsentTextSchema = z.object({
  version: z.string(),
  service: z.string(),
  marketing: z.string(),
});
export type WidgetConsentText = z.infer<typeof widgetConsentTextSchema>;

export const widgetStartOutput = z.object({
  visitorToken: z.string(),
  theme: widgetThemeSchema,
  consent: widgetConsentTextSchema,
  /** The tenant's privacy page (/privacidade: its notice, the encarregado, data subject requests), linked from the notice. */
  privacyUrl: z.string(),
  /** True once the visitor accepted the service notice; the chat stays locked until then. */
  consented: z.boolean(),
  messages: z.array(widgetMessageSchema),
});
export type WidgetStartOutput = z.infer<typeof widgetStartOutput>;

export const widgetConsentInput = z.object({
  version: z.string().max(40),
  service: z.literal(true, { error: "É preciso aceitar o aviso de privacidade para conversar." }),
  marketing: z.boolean(),
});
export type WidgetConsentInput = z.input<typeof widgetConsentInput>;

export const widgetSendInput = z
  .object({
    /** Client-generated id: a retried send is stored once. */
    clientMessageId: z.string().min(8).max(64),
    text: z.string().trim().min(1, "Digite uma mensagem.").max(2000, "Mensagem longa demais (máx. 2000 caracteres).").optional(),
    optionId: z.string().max(100).optional(),
  })
  .refine((v) => v.text !== undefined || v.optionId !== undefined, { message: "Envie um texto ou escolha uma opção.", path: ["text"] });
export type WidgetSendInput = z.input<typeof widgetSendInput>;

export const widgetSendOutput = z.object({ message: widgetMessageSchema });
export type WidgetSendOutput = z.infer<typeof widgetSendOutput>;
export const widgetMessagesOutput = z.object({ messages: z.array(widgetMessageSchema), typing: z.boolean() });
export type WidgetMessagesOutput = z.infer<typeof widgetMessagesOutput>;

/**
 * A message sequence number from a query string or a Last-Event-ID header: a safe positive integer,
 * else 0 (from the start). Anything else (1e400, 2^70, "abc", -1) must not reach Postgres' bigint.
 */
export function seqAfter(raw: string | null | undefined): number {
  const n = Number(raw ?? 0);
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
}
