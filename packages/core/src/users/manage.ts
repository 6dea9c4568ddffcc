import { sql } from "kysely";
import { assertQuota } from "../billing/quotas";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { Role } from "@vendaflow/validators/users";
import { recordAudit, type AuditMeta } from "../audit/record";
import { revokeUserSessions } from "../auth/sessions";
import { issueToken } from "../auth/tokens";
import type { AppDeps } from "../deps";
import { tenantMail } from "../email/sender";
import { inviteMail } from "../email/templates";
import { DomainError } from "../errors";
import { ACTIVE_CONVERSATION_STATUSES } from "@vendaflow/validators/plain/inbox";
import { releaseAgentConversations, type ReleasedConversation } from "../routing/release";
import type { Tenant } from "../tenancy/tenants";
import { assertWorkChoice, countOpenWork, transferOpenWork, type OpenWork, type WorkChoice } from "./transfer-work";

export const ROLE_LABELS: Record<Role, string> = { admin: "administrador", agent: "agente", viewer: "leitor" };

const userColumns = ["id", "email", "name", "role", "is_active", "email_verified_at", "last_login_at", "created_at", "password_hash"] as const;

/**
 * The tenant's people. With `heldConversations` (admins, who may deactivate someone) each row also
 * counts the pending and open conversations assigned to the person: what deactivating them sends
 * back to the queue (the confirmation says how many).
 */
export async function listUsers(tx: TenantTx, opts: { heldConversations?: boolean } = {}) {
  const rows = await tx
    .selectFrom("users")
    .select(userColumns)
    .$if(Boolean(opts.heldConversations), (qb) =>
      qb.select((eb) =>
        eb
          .selectFrom("conversations as c")
          .select(eb.fn.countAll<string>().as("n"))
          .whereRef("c.assigned_to", "=", "users.id")
          .where("c.status", "in", ACTIVE_CONVERSATION_STATUSES)
          .as("held"),
      ),
    )
    // Whether the user signs in with a second factor (the users table's "2FA" badge; an admin may reset it).
    .select((eb) => eb.exists(eb.selectFrom("user_two_factor as f").select("f.id").whereRef("f.user_id", "=", "users.id").where("f.enabled_at", "is not", null)).as("twoFactor"))
    .orderBy("created_at")
    .execute();
  return rows.map(({ password_hash, twoFactor, held, ...u }: (typeof rows)[number] & { held?: string | null }) => ({
    ...u,
    role: u.role as Role,
    invitePending: password_hash === null,
    twoFactor: Boolean(twoFactor),
    /** Null unless asked for (`heldConversations`). */
    openConversations: held === undefined ? null : Number(held ?? 0),
  }));
}

// User rows are locked FOR NO KEY UPDATE (nothing here changes a key): it serialises role changes and
// deactivations as FOR UPDATE did, without excluding the FOR KEY SHARE that assigning a conversation
// to the user takes (the foreign-key check), which would deadlock with a deactivation's routing work
// (routing/release.ts) waiting on that conversation.
async function getUser(tx: TenantTx, userId: string, lock = true) {
  const q = tx.selectFrom("users").select(["id", "email", "name", "role", "is_active"]).where("id", "=", userId);
  const u = await (lock ? q.forNoKeyUpdate() : q).executeTakeFirst();
  if (!u) throw new DomainError("NOT_FOUND", "Usuário não encontrado.");
  return u;
}

/**
 * Locks, in id order and before anything is read, the rows a change of this person goes on to lock:
 * them, whoever takes their work, and, when they are an admin, every active admin (the last-admin
 * check). Two admins changing people at once then queue instead of deadlocking: crossing a pair
 * (A's work to B while B's goes to A; the second finds its target deactivated), or deactivating two
 * admins (each one's check locks the other). The checks after it (getUser, assertNotLastAdmin,
 * assertTarget) read again on purpose: a new statement's snapshot sees what the lock waited for (one
 * of these rows changed meanwhile, or a new admin), and the locks they ask for are already held.
 */
async function lockForChange(tx: TenantTx, userId: string, to?: string | null) {
  await tx
    .selectFrom("users")
    .select("id")
    .where((eb) =>
      eb.or([
        eb("id", "in", to ? [userId, to] : [userId]),
        eb.and([eb("role", "=", "admin"), eb("is_active", "=", true), eb.exists(eb.selectFrom("users as me").select("me.id").where("me.id", "=", userId).where("me.role", "=", "admin"))]),
      ]),
    )
    .orderBy("id")
    .forNoKeyUpdate()
    .execute();
}

/** What the person holds, for the transfer dialog; an unknown id (or another tenant's, hidden by RLS) is NOT_FOUND, as deactivating it is. */
export async function userOpenWork(tx: TenantTx, userId: string): Promise<OpenWork> {
  await getUser(tx, userId, false);
  return countOpenWork(tx, userId);
}

/** The tenant must keep at least one active admin; checked under a lock on the admin rows. */
async function assertNotLastAdmin(tx: TenantTx, userId: string) {
  const admins = await tx.selectFrom("users").select("id").where("role", "=", "admin").where("is_active", "=", true).orderBy("id").forNoKeyUpdate().execute();
  if (admins.length === 1 && admins[0]!.id === userId) {
    throw new DomainError("PRECONDITION_FAILED", "Não é possível remover o último administrador. Promova outra pessoa antes.");
  }
}

export async function inviteUser(deps: AppDeps, tx: TenantTx, tenant: Tenant, inviter: { id: string; name: string }, input: { email: string; role: Role }, meta: AuditMeta) {
  const existing = await tx.selectFrom("users").select(["id", "password_hash", "is_active"]).where("email_key", "=", input.email).executeTakeFirst();
  if (existing && existing.password_hash !== null) throw new DomainError("CONFLICT", "Este e-mail já faz parte da equipe.", { field: "email" });
  // A new person, or a cancelled invite sent again (deactivated people do not count against the plan).
  if (!existing?.is_active) await assertQuota(tx, "users", deps.now());
  const user = existing
    ? await tx.updateTable("users").set({ role: input.role, is_active: true, updated_at: sql<Date>`now()` }).where("id", "=", existing.id).returning("id").executeTakeFirstOrThrow()
    : await tx.insertInto("users").values({ tenant_id: tenant.id, email: input.email, role: input.role }).returning("id").executeTakeFirstOrThrow();
  const token = await issueToken(tx, tenant.id, user.id, "invite", deps.now());
  await recordAudit(tx, tenant.id, meta, { action: "user.invite", entityType: "user", entityId: user.id, after: input });
  const mail = inviteMail({ name: tenant.name, theme: tenant.theme }, inviter.name, ROLE_LABELS[input.role], deps.links.tenantUrl(tenant.slug, `/accept-invite?token=${token}`));
  // Turned away for now by the mail server, the invite still stands: its e-mail is retried (email/retry.ts) and the admin told.
  const queued = await deps.email.send(tenantMail(tenant, input.email, mail));
  return { id: user.id, mailQueued: Boolean(queued) };
}

export async function changeRole(tx: TenantTx, tenantId: string, userId: string, role: Role, meta: AuditMeta) {
  await lockForChange(tx, userId);
  const user = await getUser(tx, userId);
  if (user.role === role) return;
  if (user.role === "admin") await assertNotLastAdmin(tx, userId);
  await tx.updateTable("users").set({ role, updated_at: sql<Date>`now()` }).where("id", "=", userId).execute();
  await revokeUserSessions(tx, userId);
  await recordAudit(tx, tenantId, meta, { action: "user.role_change", entityType: "user", entityId: userId, before: { role: user.role }, after: { role } });
}

export interface ActiveChange {
  /** Deactivation only: the user's pending and open conversations, sent back to routing (routing/release.ts). */
  released: ReleasedConversation[];
  /** Deactivation only: the open deals and activities moved to `work.to` (or left without owner). */
  moved: OpenWork;
}

/**
 * Activates or deactivates a user. Deactivating ends their sessions, voids the links already mailed
 * and takes them out of routing in the same transaction: they go offline and their pending and open
 * conversations go back to the queue, re-routed by the tenant's rules to another agent when one can
 * take them. Their open deals and activities ("Transferir carteira", transfer-work.ts) go to `work.to`
 * or are left without owner; when they hold any, `work` must say which (the confirmation asks).
 */
export async function setActive(tx: TenantTx, tenantId: string, userId: string, active: boolean, meta: AuditMeta, now: Date, work?: WorkChoice): Promise<ActiveChange> {
  if (!active) await lockForChange(tx, userId, work?.to);
  const user = await getUser(tx, userId);
  const none = { deals: 0, activities: 0 };
  if (user.is_active === active) return { released: [], moved: none };
  if (!active && user.role === "admin") await assertNotLastAdmin(tx, userId);
  if (active) await assertQuota(tx, "users", now);
  await tx.updateTable("users").set({ is_active: active, updated_at: sql<Date>`now()` }).where("id", "=", userId).execute();
  let released: ReleasedConversation[] = [];
  let moved = none;
  if (!active) {
    assertWorkChoice(await countOpenWork(tx, userId), work);
    if (work) moved = await transferOpenWork(tx, tenantId, meta.actorUserId ?? "", userId, work, now);
    await revokeUserSessions(tx, userId);
    // Deactivating is how an admin cancels an invite: the links already mailed (invite, reset,
    // verification) stop working, or accepting would bring the person back.
    await tx.updateTable("auth_tokens").set({ used_at: now }).where("user_id", "=", userId).where("used_at", "is", null).execute();
    released = await releaseAgentConversations(tx, tenantId, userId, "agent_deactivated", meta, now);
  }
  const after = active
    ? { is_active: true }
    : { is_active: false, releasedConversations: released.length, reassigned: released.filter((r) => r.result.kind === "assigned").length, openDeals: moved.deals, openActivities: moved.activities, transferTo: work?.to ?? null };
  await recordAudit(tx, tenantId, meta, { action: active ? "user.reactivate" : "user.deactivate", entityType: "user", entityId: userId, before: { is_active: user.is_active }, after });
  return { released, moved };
}

/**
 * "Transferir carteira" for someone already deactivated (before deactivating asked, or since given
 * work by hand): their open deals and activities go to `work.to`, or are left without owner.
 */
export async function transferInactiveUserWork(tx: TenantTx, tenantId: string, userId: string, work: WorkChoice, meta: AuditMeta, now: Date): Promise<OpenWork> {
  await lockForChange(tx, userId, work.to);
  const user = await getUser(tx, userId);
  if (user.is_active) throw new DomainError("PRECONDITION_FAILED", "Esta pessoa está ativa: desative-a para transferir a carteira dela.");
  const moved = await transferOpenWork(tx, tenantId, meta.actorUserId ?? "", userId, work, now);
  await recordAudit(tx, tenantId, meta, { action: "user.transfer_work", entityType: "user", entityId: userId, after: { openDeals: moved.deals, openActivities: moved.activities, transferTo: work.to } });
  return moved;
}
