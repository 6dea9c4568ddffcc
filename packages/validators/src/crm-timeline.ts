import { z } from "zod";

// The merged timeline of one CRM record (lead, contact, company or deal): exactly one target.

const uuid = z.uuid({ error: "Identificador inválido." });

export const timelineInput = z
  .object({
    dealId: uuid.optional(),
    leadId: uuid.optional(),
    contactId: uuid.optional(),
    companyId: uuid.optional(),
    cursor: z.string().max(100).optional(),
    limit: z.number().int().min(1).max(100).default(20),
  })
  .refine((v) => [v.dealId, v.leadId, v.contactId, v.companyId].filter(Boolean).length === 1, { error: "Informe um registro: lead, contato, empresa ou negócio." });
export type TimelineInput = z.infer<typeof timelineInput>;
