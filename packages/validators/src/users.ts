import { z } from "zod";
import { emailSchema } from "./auth";

export const ROLES = ["admin", "agent", "viewer"] as const;
export const roleSchema = z.enum(ROLES, { error: "Papel inválido: use admin, agent ou viewer." });
export type Role = z.infer<typeof roleSchema>;

export const inviteUserInput = z.object({ email: emailSchema, role: roleSchema });
export const changeRoleInput = z.object({ userId: z.uuid(), role: roleSchema });
export const userIdInput = z.object({ userId: z.uuid() });
/**
 * Deactivating someone: where their open deals and activities go ("Transferir carteira"): another
 * person's id, or null to leave them without owner. Required when they hold any (core refuses).
 */
export const deactivateUserInput = z.object({ userId: z.uuid(), transferTo: z.uuid().nullable().optional() });
/** "Transferir carteira" of someone already deactivated: to this person, or null (without owner). */
export const transferWorkInput = z.object({ userId: z.uuid(), transferTo: z.uuid().nullable() });

export const auditListInput = z.object({
  action: z.string().max(100).optional(),
  entityType: z.string().max(50).optional(),
  actorUserId: z.uuid().optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(100).default(25),
});
