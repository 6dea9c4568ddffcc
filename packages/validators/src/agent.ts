import { z } from "zod";
import { templateKeySchema } from "./inbox";

/** Agent actions on one conversation (packages/api routers/agent.ts). */
export const conversationRef = z.object({ conversationId: z.uuid() });

export const handBackInput = conversationRef.extend({ stepId: z.string().min(1).max(100) });
export const assignInput = conversationRef.extend({ userId: z.uuid().nullable() });
/** Notes and replies land in messages.text (text); 4000 keeps them readable and bounded. */
export const agentNoteInput = conversationRef.extend({ text: z.string().trim().min(1, "Escreva a nota.").max(4000, "Nota longa demais (máx. 4000 caracteres).") });
export const agentReplyInput = z.union([
  conversationRef.extend({ text: z.string().trim().min(1, "Escreva a mensagem.").max(4000, "Mensagem longa demais (máx. 4000 caracteres).") }),
  conversationRef.extend({ templateKey: templateKeySchema }),
]);

/**
 * "Adicionar ao lead" on a contact card a lead sent (WhatsApp `contacts`): the agent picks which of
 * the card's fields to use, by position in the stored card (never free text), and whether they
 * complete this conversation's lead (only its empty fields) or make a new lead.
 */
export const contactCardActionInput = z
  .object({
    messageId: z.uuid(),
    card: z.number().int().min(0).max(19),
    mode: z.enum(["complete", "create"]),
    name: z.boolean().default(false),
    phone: z.number().int().min(0).max(19).nullable().default(null),
    email: z.number().int().min(0).max(19).nullable().default(null),
  })
  .refine((v) => v.name || v.phone !== null || v.email !== null, { error: "Escolha ao menos um dado do cartão.", path: ["name"] });
export type ContactCardActionInput = z.infer<typeof contactCardActionInput>;
