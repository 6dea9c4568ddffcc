import { sql } from "kysely";
import type { Database } from "@vendaflow/db/create-db";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import { MAX_PREVIOUS_SLUGS, slugSchema } from "@vendaflow/validators/tenancy";
import { recordAudit, type AuditMeta } from "../audit/record";
import { invalidateAfterCommit, type AfterCommit } from "../after-commit";
import { revokeTenantSessions } from "../auth/sessions";
import { tenantsByHost } from "../cache/hot-reads";
import type { AppDeps } from "../deps";
import { DomainError } from "../errors";
import { assertRateLimit, waitText } from "../rate-limit/assert-rate-limit";
import { RATE_LIMIT_POLICIES } from "../rate-limit/policies";
import type { Tenant } from "./tenants";

export const SLUG_TAKEN_MESSAGE = "Este endereço já está em uso. Escolha outro.";

export type SlugChangeDeps = Pick<AppDeps, "counters" | "now">;

const CHANGES = RATE_LIMIT_POLICIES["slug-change:tenant"];
const tooManyChanges = (wait: string) =>
  `O endereço do espaço pode ser alterado até ${CHANGES.limit} vezes em ${CHANGES.windowMs / 3600_000} horas. Tente novamente em ${wait}.`;

/**
 * Counts one change of the workspace's address against `slug-change:tenant` (3 in 24 h). Over it:
 * TOO_MANY_REQUESTS saying so (the policy's state and retryAfterSeconds in the details, as every
 * refusal of the limiter); Redis down: SERVICE_UNAVAILABLE (fails closed).
 */
async function countChange(deps: SlugChangeDeps, tenantId: string) {
  try {
    await assertRateLimit(deps.counters, "slug-change:tenant", tenantId, deps.now().getTime());
  } catch (err) {
    if (err instanceof DomainError && err.code === "TOO_MANY_REQUESTS") throw new DomainError("TOO_MANY_REQUESTS", tooManyChanges(waitText(Number(err.details?.retryAfterSeconds))), err.details);
    throw err;
  }
}

/**
 * Serialises every claim of one address until the commit (a signup, an address change): the check
 * below and the write become one step per address, and the loser of a race reads the winner's
 * commit and gets the typed refusal. The unique index covers current slugs only; nothing in the
 * schema stops an alias (previous_slugs) from being taken as someone's slug, this check does.
 */
export async function lockSlug(tx: Database | TenantTx, slug: string) {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`tenant-slug:${slug}`}, 0))`.execute(tx);
}

/** Whether a tenant other than `exceptTenantId` holds the address, as its current slug or an alias. */
export async function slugTaken(tx: Database | TenantTx, slug: string, exceptTenantId: string | null): Promise<boolean> {
  let q = tx
    .selectFrom("tenants")
    .select("id")
    .where((eb) => eb.or([eb("slug", "=", slug), eb("previous_slugs", "@>", sql<string[]>`array[${slug}]::text[]`)]));
  if (exceptTenantId) q = q.where("id", "!=", exceptTenantId);
  return (await q.limit(1).executeTakeFirst()) !== undefined;
}

/** The aliases after moving from `current` to `next`: the old address first, the oldest beyond the cap freed. */
export function nextPreviousSlugs(current: string, previous: string[], next: string): { kept: string[]; freed: string[] } {
  const all = [current, ...previous.filter((s) => s !== next && s !== current)];
  return { kept: all.slice(0, MAX_PREVIOUS_SLUGS), freed: all.slice(MAX_PREVIOUS_SLUGS) };
}

export interface SlugChange {
  slug: string;
  previousSlugs: string[];
  /** Aliases dropped by this change (beyond MAX_PREVIOUS_SLUGS): any tenant may take them now. */
  freed: string[];
  changed: boolean;
  /** Live sessions of the workspace ended by the change (every user's, the caller's too). */
  sessionsEnded: number;
}

/**
 * Moves the workspace to a new address. The old one stays an alias (tenantForHost resolves it;
 * pages there redirect, API routes and the widget keep answering), so installed snippets and sent
 * links keep working. Going back to one of its own aliases is allowed (it leaves the list). The
 * caller checks the admin role; every process's cached tenant (by host) is dropped after the commit.
 *
 * A change counts against `slug-change:tenant` (3 in 24 h; a refused address or the current one
 * again does not count) and ends the workspace's subdomain sessions in the same transaction: the
 * old host would otherwise keep accepting its cookies on /api/trpc (only pages redirect), and nobody
 * is signed in at the new one yet (cookies are per host). Sessions on the verified custom domain
 * stay (revokeTenantSessions): their host is unchanged. API keys and the widget are not sessions.
 */
export async function changeSlug(deps: SlugChangeDeps, tx: TenantTx, tenant: Pick<Tenant, "id">, newSlug: string, meta: AuditMeta, after?: AfterCommit): Promise<SlugChange> {
  const parsed = slugSchema.safeParse(newSlug);
  if (!parsed.success) throw new DomainError("BAD_REQUEST", parsed.error.issues[0]?.message ?? "Endereço inválido.", { field: "slug" });
  const slug = parsed.data;
  await lockSlug(tx, slug);
  // Read under a row lock: the caller's copy may come from the host cache, and two changes of the
  // same tenant must not both build on the same list.
  const row = await tx.selectFrom("tenants").select(["slug", "previous_slugs"]).where("id", "=", tenant.id).forUpdate().executeTakeFirstOrThrow();
  if (row.slug === slug) return { slug, previousSlugs: row.previous_slugs, freed: [], changed: false, sessionsEnded: 0 };
  if (await slugTaken(tx, slug, tenant.id)) throw new DomainError("CONFLICT", SLUG_TAKEN_MESSAGE, { field: "slug" });
  // Counted under the row lock, once the change is known to go ahead: two racing changes of one
  // tenant are counted one after the other.
  await countChange(deps, tenant.id);
  const { kept, freed } = nextPreviousSlugs(row.slug, row.previous_slugs, slug);
  try {
    await tx
      .updateTable("tenants")
      .set({ slug, previous_slugs: sql<string[]>`${kept}::text[]`, updated_at: sql<Date>`now()` })
      .where("id", "=", tenant.id)
      .execute();
  } catch (err) {
    // A signup that committed the slug before we took the lock's turn (it holds the same lock, so
    // this is a safety net, not the rule).
    if ((err as { code?: string }).code === "23505") throw new DomainError("CONFLICT", SLUG_TAKEN_MESSAGE, { field: "slug" });
    throw err;
  }
  const sessionsEnded = await revokeTenantSessions(tx, tenant.id);
  await recordAudit(tx, tenant.id, meta, {
    action: "tenant.slug_changed", entityType: "tenant", entityId: tenant.id,
    before: { slug: row.slug, previousSlugs: row.previous_slugs }, after: { slug, previousSlugs: kept, freed, sessionsEnded },
  });
  invalidateAfterCommit(after, tenantsByHost);
  return { slug, previousSlugs: kept, freed, changed: true, sessionsEnded };
}
