import { z } from "zod";
import { noNul } from "./sanitize";

// Limits match webhook_receipts (db/migrations/0005_webhook_receipts.sql); Postgres refuses NUL.

/** What a provider's event must yield to be recorded once: who sent it, its id and its type. */
export const webhookReceiptSchema = z.object({
  provider: z.string().min(1).max(30).regex(/^[a-z0-9_-]+$/, "provider: letras minúsculas, dígitos, _ ou -"),
  eventId: z.string().min(1, "Evento sem id.").max(255, "Id do evento longo demais (máx. 255).").refine(noNul, "Id do evento com caractere nulo."),
  eventType: z.string().min(1, "Evento sem tipo.").max(100, "Tipo do evento longo demais (máx. 100).").refine(noNul, "Tipo do evento com caractere nulo."),
});
export type WebhookReceipt = z.infer<typeof webhookReceiptSchema>;
