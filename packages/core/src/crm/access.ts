import { DomainError } from "../errors";

/** Who is acting: viewers read; agents work their own and unassigned records; admins everything. */
export interface Actor {
  userId: string;
  role: "admin" | "agent" | "viewer";
}

/** Refuses a write to a record owned by someone else (agents) and any write by a viewer. */
export function assertCanWork(actor: Actor, ownerId: string | null) {
  if (actor.role === "admin") return;
  if (actor.role === "viewer") throw new DomainError("FORBIDDEN", "Seu perfil só pode consultar o CRM.");
  if (ownerId !== null && ownerId !== actor.userId) throw new DomainError("FORBIDDEN", "Este registro pertence a outro agente.");
}

/** Agents may take a record or leave it unassigned; giving it to someone else is an admin's call. */
export function assertCanAssign(actor: Actor, ownerId: string | null) {
  if (actor.role === "admin" || ownerId === null || ownerId === actor.userId) return;
  throw new DomainError("FORBIDDEN", "Apenas administradores atribuem registros a outros agentes.", { field: "ownerId" });
}
