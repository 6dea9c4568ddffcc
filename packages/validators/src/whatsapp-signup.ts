import { z } from "zod";
import { inboxSettingsInput } from "./inbox";

/**
 * What the inbox dialog sends once Meta's Embedded Signup popup finished (core/whatsapp/embedded-signup.ts):
 * the code FB.login gave and the number and WABA of the popup's FINISH message. The ids fit
 * inboxes.wa_phone_number_id (varchar 64; Meta's are at most 32 digits) and the settings' WABA.
 */
export const embeddedSignupInput = z.object({
  name: z.string().trim().min(2, "Dê um nome à caixa de entrada.").max(255),
  /** Meta's short-lived code: a few hundred characters of base64url. */
  code: z.string().trim().min(1, "A Meta não devolveu a autorização; conecte de novo.").max(2048).regex(/^[A-Za-z0-9_\-.#=]+$/, "A autorização da Meta veio num formato inesperado; conecte de novo."),
  phoneNumberId: z.string().trim().max(32, "O phone_number_id da Meta tem até 32 dígitos.").regex(/^\d{5,32}$/, "O phone_number_id da Meta tem só dígitos."),
  wabaId: z.string().trim().regex(/^\d{5,64}$/, "O ID da conta do WhatsApp Business (WABA) tem só dígitos."),
  /** The number's two-step verification pin, when it already has one; else the server sets one. */
  pin: z.string().trim().regex(/^\d{6}$/, "O PIN tem 6 dígitos.").optional(),
  settings: inboxSettingsInput.default({ allowedOrigins: [], schedulingUrl: "", templates: {} }),
});
export type EmbeddedSignupInput = z.infer<typeof embeddedSignupInput>;
