import { z } from "zod";
import { emailSchema } from "./auth";

/** API leads are stored as "api:<externalLeadId>" in leads.visitor_id (varchar 64). */
export const API_LEAD_PREFIX = "api:";
export const EXTERNAL_LEAD_ID_MAX = 64 - API_LEAD_PREFIX.length;

export const apiLeadRef = z.object({
  externalLeadId: z.string().trim().min(1, "Informe externalLeadId.").max(EXTERNAL_LEAD_ID_MAX, `externalLeadId longo demais (máx. ${EXTERNAL_LEAD_ID_MAX} caracteres).`),
});

export const apiInboxSendInput = apiLeadRef
  .extend({
    clientMessageId: z.string().min(8).max(64),
    text: z.string().trim().min(1).max(4000, "Mensagem longa demais (máx. 4000 caracteres).").optional(),
    optionId: z.string().max(100).optional(),
    name: z.string().trim().max(255, "Nome longo demais (máx. 255 caracteres).").optional(),
    email: emailSchema.optional(),
  })
  .refine((v) => v.text !== undefined || v.optionId !== undefined, { message: "Envie text ou optionId.", path: ["text"] });

export const apiInboxMessagesInput = apiLeadRef.extend({ after: z.number().int().min(0).default(0) });
