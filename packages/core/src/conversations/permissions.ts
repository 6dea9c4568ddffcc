import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { Role } from "@vendaflow/validators/users";
import { DomainError } from "../errors";

export interface Actor {
  userId: string;
  role: Role;
  name: string;
}

/**
 * Who may act on a conversation: viewers never; admins always; agents on conversations assigned to
 * them, or unassigned ones of their teams (or of no team). Enforced here, mirrored by the UI.
 */
export async function assertCanHandle(tx: TenantTx, actor: Actor, conv: { assigned_to: string | null; team_id: string | null }) {
  if (actor.role === "admin") return;
  if (actor.role !== "agent") throw new DomainError("FORBIDDEN", "Leitores não podem responder nem alterar conversas.");
  if (conv.assigned_to === actor.userId) return;
  if (conv.assigned_to) throw new DomainError("FORBIDDEN", "Esta conversa está atribuída a outra pessoa.");
  if (!conv.team_id) return;
  const member = await tx.selectFrom("team_members").select("id").where("team_id", "=", conv.team_id).where("user_id", "=", actor.userId).executeTakeFirst();
  if (!member) throw new DomainError("FORBIDDEN", "Esta conversa é de uma equipe da qual você não faz parte.");
}
