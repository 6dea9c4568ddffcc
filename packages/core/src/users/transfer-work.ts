import type { TenantTx } from "@vendaflow/db/with-tenant";
import { meetingLinesFollowDealOwner } from "../crm/meeting-lines";
import { isWork } from "../crm/work";
import { DomainError } from "../errors";
import { notify, notifyDealsAssigned } from "../notifications/notifications";

// "Transferir carteira": a person's open work (their open deals and their open activities, as
// "Atividades" counts work: crm/work.ts) goes to someone else, or is left without an owner, when
// they are deactivated (users/manage.ts setActive) or later, for someone deactivated before.

/** What a person holds: open deals they own and open activities assigned to them. */
export interface OpenWork {
  deals: number;
  activities: number;
}

/** Where the work goes: an active admin or agent of the tenant, or nobody (null). */
export interface WorkChoice {
  to: string | null;
}

export async function countOpenWork(tx: TenantTx, userId: string): Promise<OpenWork> {
  const row = await tx
    .selectNoFrom((eb) => [
      eb.selectFrom("deals").select(eb.fn.countAll<string>().as("n")).where("owner_id", "=", userId).where("status", "=", "open").where("deleted_at", "is", null).as("deals"),
      eb
        .selectFrom("activities as a")
        .select(eb.fn.countAll<string>().as("n"))
        .where("a.assigned_to", "=", userId)
        .where("a.completed_at", "is", null)
        .where(isWork)
        .as("activities"),
    ])
    .executeTakeFirstOrThrow();
  return { deals: Number(row.deals ?? 0), activities: Number(row.activities ?? 0) };
}

/** Refuses a target that is the same person, unknown here (another tenant's people are not visible), inactive or a viewer. */
async function assertTarget(tx: TenantTx, fromUserId: string, to: string) {
  if (to === fromUserId) throw new DomainError("BAD_REQUEST", "Escolha outra pessoa: este trabalho já é dela.", { field: "transferTo" });
  const u = await tx.selectFrom("users").select(["role", "is_active"]).where("id", "=", to).forNoKeyUpdate().executeTakeFirst();
  if (!u) throw new DomainError("BAD_REQUEST", "Pessoa não encontrada nesta conta.", { field: "transferTo" });
  if (!u.is_active) throw new DomainError("BAD_REQUEST", "Escolha uma pessoa ativa: quem está desativado não trabalha negócios nem atividades.", { field: "transferTo" });
  if (u.role === "viewer") throw new DomainError("BAD_REQUEST", "Leitores não podem ser responsáveis por negócios: escolha um agente ou administrador.", { field: "transferTo" });
}

/**
 * Moves the person's open deals (owner) and open activities (assignee) to `choice.to`, or leaves
 * them without one (null). Deals' booked-meeting lines follow the owner (crm/meeting-lines.ts). The
 * new owner hears of it once per kind, with the count (not when they moved it to themselves).
 * Returns the counts moved.
 */
export async function transferOpenWork(tx: TenantTx, tenantId: string, actorUserId: string, fromUserId: string, choice: WorkChoice, now: Date): Promise<OpenWork> {
  if (choice.to) await assertTarget(tx, fromUserId, choice.to);
  // Locked in id order first, as a bulk action locks its selection (crm/bulk.ts): the two queue on the same deals instead of deadlocking.
  const held = await tx
    .selectFrom("deals")
    .select("id")
    .where("owner_id", "=", fromUserId)
    .where("status", "=", "open")
    .where("deleted_at", "is", null)
    .orderBy("id")
    .forNoKeyUpdate()
    .execute();
  const deals = held.length ? await tx.updateTable("deals").set({ owner_id: choice.to, updated_at: now }).where("id", "in", held.map((d) => d.id)).returning("id").execute() : [];
  const activities = await tx
    .updateTable("activities as a")
    .set({ assigned_to: choice.to, updated_at: now })
    .where("a.assigned_to", "=", fromUserId)
    .where("a.completed_at", "is", null)
    .where(isWork)
    .returning("a.id")
    .execute();
  // After the person's own lines moved: what is left to follow the deals is their lines nobody held.
  await meetingLinesFollowDealOwner(tx, deals.map((d) => ({ dealId: d.id, from: fromUserId })), choice.to, now);
  const moved = { deals: deals.length, activities: activities.length };
  if (choice.to && moved.deals) await notifyDealsAssigned(tx, tenantId, choice.to, actorUserId, { count: moved.deals }, now);
  if (choice.to && moved.activities && choice.to !== actorUserId) await notify(tx, tenantId, choice.to, "activities_assigned", { count: moved.activities }, now);
  return moved;
}

/** Nothing held, or an explicit choice: deactivating someone who holds work must say where it goes. */
export function assertWorkChoice(held: OpenWork, choice: WorkChoice | undefined) {
  if ((held.deals || held.activities) && choice === undefined) {
    throw new DomainError("PRECONDITION_FAILED", "Esta pessoa tem negócios abertos ou atividades pendentes: escolha para quem transferi-los ou deixe-os sem responsável.", { field: "transferTo" });
  }
}

