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
