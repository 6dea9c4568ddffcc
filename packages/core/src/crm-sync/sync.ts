import { withTenant, type TenantTx } from "@vendaflow/db/with-tenant";
import type { CrmSyncPullJob, CrmSyncPushJob } from "@vendaflow/validators/crm-sync";
import type { AfterCommit } from "../after-commit";
import { recordAudit } from "../audit/record";
import type { AppDeps } from "../deps";
import { isCrmAuthError, isCrmRateLimited, type CrmClient, type CrmObjectKind, type RemoteCrmRecord } from "../ports/crm-sync";
import { applyRemoteRecord } from "./apply";
import { crmClientFor, loadCrmConnection, type LoadedCrmConnection } from "./connections";
import { CRM_BUSY_PULL_RETRY_SECONDS, crmPullJob, crmPushJob } from "./jobs";
import { contactToRemote, dealToRemote, pushRetryDelay, retryAfterDelay, type LocalDeal, type LocalLead } from "./mapping";

export type CrmSyncDeps = Pick<AppDeps, "db" | "now" | "scheduler" | "crm" | "encryptionKey">;

/** Outbox rows per read; a run keeps reading until the outbox is empty or this many rounds. */
const BATCH = 25;
const MAX_ROUNDS = 8;
/** Remote pages per object kind per pull. */
const MAX_PAGES = 10;
/** How long one run may hold a connection (a crashed run frees it after this). */
const LEASE_SECONDS = 120;

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 500);

/**
 * After a CRM write (the crm router's mutations): a push run per connection with pending changes,
 * queued for after the commit. One indexed read; nothing when no connection exists. Writes from
 * elsewhere (the bot, imports) are in the outbox too and go with the next run or scheduled pull.
 */
export async function queueCrmSyncPush(tx: TenantTx, tenantId: string, after: AfterCommit) {
  const rows = await tx.selectFrom("crm_sync_outbox").select("connection_id").where("next_attempt_at", "is", null).groupBy("connection_id").execute();
  for (const r of rows) after.jobs.push(crmPushJob({ tenantId, connectionId: r.connection_id, attempt: 0 }));
  return rows.length;
}

/** Claims the connection for one run (push or pull): null when it is gone, inactive or another run holds it. */
async function claim(deps: CrmSyncDeps, tenantId: string, connectionId: string): Promise<LoadedCrmConnection | "busy" | null> {
  return withTenant(deps.db, tenantId, async (tx) => {
    const c = await loadCrmConnection(tx, deps, { id: connectionId });
    if (!c || !c.is_active) return null;
    const now = deps.now();
    const got = await tx
      .updateTable("crm_sync_connections")
      .set({ push_lease_until: new Date(now.getTime() + LEASE_SECONDS * 1000) })
      .where("id", "=", c.id)
      .where((eb) => eb.or([eb("push_lease_until", "is", null), eb("push_lease_until", "<", now)]))
      .returning("id")
      .executeTakeFirst();
    return got ? c : "busy";
  });
}

const release = (deps: CrmSyncDeps, tenantId: string, connectionId: string) =>
  withTenant(deps.db, tenantId, (tx) => tx.updateTable("crm_sync_connections").set({ push_lease_until: null }).where("id", "=", connectionId).execute());

const noteError = (deps: CrmSyncDeps, tenantId: string, connectionId: string, error: string | null, extra: Record<string, Date> = {}) =>
  withTenant(deps.db, tenantId, (tx) =>
    tx
      .updateTable("crm_sync_connections")
      .set(error === null ? { last_error: null, last_error_at: null, ...extra } : { last_error: error, last_error_at: deps.now(), ...extra })
      .where("id", "=", connectionId)
      .execute(),
  );

interface OutboxItem {
  entity_type: string;
  entity_id: string;
  queued_at: Date;
  attempts: number;
  link: { remote_id: string; remote_version: string; local_version: Date | null } | null;
  lead?: LocalLead;
  deal?: LocalDeal;
  contactRemoteId?: string | null;
}

async function readBatch(tx: TenantTx, c: LoadedCrmConnection, now: Date): Promise<OutboxItem[]> {
  const rows = await tx
    .selectFrom("crm_sync_outbox")
    .select(["entity_type", "entity_id", "queued_at", "attempts"])
    .where("connection_id", "=", c.id)
    .where((eb) => eb.or([eb("next_attempt_at", "is", null), eb("next_attempt_at", "<=", now)]))
    // Leads before deals, so a deal's contact is linked before the deal names it.
    .orderBy("entity_type", "desc")
    .orderBy("queued_at")
    .limit(BATCH)
    .execute();
  if (!rows.length) return [];
  const ids = (t: string) => rows.filter((r) => r.entity_type === t).map((r) => r.entity_id);
  const leads = ids("lead").length ? await tx.selectFrom("leads").select(["id", "name", "email", "phone", "company", "updated_at"]).where("id", "in", ids("lead")).execute() : [];
  const deals = ids("deal").length
    ? await tx.selectFrom("deals").select(["id", "title", "value_cents", "stage_id", "pipeline_id", "status", "lead_id", "updated_at"]).where("id", "in", ids("deal")).where("deleted_at", "is", null).execute()
    : [];
  const links = await tx
    .selectFrom("crm_sync_links")
    .select(["entity_type", "local_id", "remote_id", "remote_version", "local_version"])
    .where("connection_id", "=", c.id)
    .where((eb) =>
      eb.or([
        eb("local_id", "in", rows.map((r) => r.entity_id)),
        ...(deals.some((d) => d.lead_id) ? [eb.and([eb("entity_type", "=", "lead"), eb("local_id", "in", deals.flatMap((d) => (d.lead_id ? [d.lead_id] : [])))])] : []),
      ]),
    )
    .execute();
  const linkOf = (t: string, id: string) => links.find((l) => l.entity_type === t && l.local_id === id) ?? null;
  return rows.map((r) => ({
    ...r,
    link: linkOf(r.entity_type, r.entity_id),
    lead: r.entity_type === "lead" ? leads.find((l) => l.id === r.entity_id) : undefined,
    deal: r.entity_type === "deal" ? (deals.find((d) => d.id === r.entity_id) as LocalDeal | undefined) : undefined,
    contactRemoteId: r.entity_type === "deal" ? (linkOf("lead", deals.find((d) => d.id === r.entity_id)?.lead_id ?? "")?.remote_id ?? null) : undefined,
  }));
}

/** Drops the outbox row if nothing re-queued it meanwhile (a newer change keeps it for the next round). */
const done = (tx: TenantTx, c: LoadedCrmConnection, item: OutboxItem) =>
  tx.deleteFrom("crm_sync_outbox").where("connection_id", "=", c.id).where("entity_type", "=", item.entity_type).where("entity_id", "=", item.entity_id).where("queued_at", "=", item.queued_at).execute();

/** One record out: the remote's newer write wins instead (applied here, audited); else create or update remotely and link. */
async function pushOne(deps: CrmSyncDeps, tenantId: string, c: LoadedCrmConnection, client: CrmClient, item: OutboxItem): Promise<"pushed" | "remote_newer" | "gone"> {
  const kind: CrmObjectKind = item.entity_type === "lead" ? "contact" : "deal";
  const local = item.lead ?? item.deal;
  if (!local) {
    await withTenant(deps.db, tenantId, (tx) => done(tx, c, item));
    return "gone";
  }
  let remoteId = item.link?.remote_id ?? null;
  if (item.link) {
    const remote = await client.get(kind, item.link.remote_id);
    if (!remote) remoteId = null;
    else if (remote.version !== item.link.remote_version && remote.updatedAt.getTime() > local.updated_at.getTime()) {
      await withTenant(deps.db, tenantId, async (tx) => {
        await applyRemoteRecord(tx, tenantId, c, remote, deps.now());
        await done(tx, c, item);
      });
      return "remote_newer";
    } else if (remote.version !== item.link.remote_version) {
      // Both sides changed since the last sync and ours is the later write: ours goes out, theirs is recorded.
      await withTenant(deps.db, tenantId, (tx) =>
        recordAudit(tx, tenantId, {}, {
          action: "crm_sync.conflict",
          entityType: item.entity_type,
          entityId: item.entity_id,
          after: { provider: c.provider, remoteId: remote.id, winner: "local", localUpdatedAt: local.updated_at.toISOString(), remoteUpdatedAt: remote.updatedAt.toISOString(), discarded: remote.fields },
        }),
      );
    }
  }
  const fields = item.lead ? contactToRemote(item.lead, c.mapping) : dealToRemote(item.deal!, c.mapping, item.contactRemoteId ?? null);
  const rec: RemoteCrmRecord = await client.push(kind, remoteId, fields);
  const now = deps.now();
  await withTenant(deps.db, tenantId, async (tx) => {
    await tx
      .insertInto("crm_sync_links")
      .values({ tenant_id: tenantId, connection_id: c.id, entity_type: item.entity_type, local_id: item.entity_id, remote_id: rec.id, remote_version: rec.version.slice(0, 64), remote_updated_at: rec.updatedAt, local_version: local.updated_at, synced_at: now })
      .onConflict((oc) => oc.columns(["connection_id", "entity_type", "local_id"]).doUpdateSet({ remote_id: rec.id, remote_version: rec.version.slice(0, 64), remote_updated_at: rec.updatedAt, local_version: local.updated_at, synced_at: now }))
      .execute();
    await done(tx, c, item);
  });
  return "pushed";
}

export interface DrainResult {
  status: "done" | "rate_limited" | "auth_failed" | "partial";
  pushed: number;
  failed: number;
  retryInSeconds?: number;
}

/**
 * Pushes the connection's outbox while the run holds it: rounds of BATCH until empty. A 429 stops
 * the run and comes back after the remote's Retry-After; a refused token stops it for good (the
 * card shows it); any other failure backs that record off (10 s … 1 h) and the run goes on.
 */
async function drain(deps: CrmSyncDeps, tenantId: string, c: LoadedCrmConnection, client: CrmClient): Promise<DrainResult> {
  let pushed = 0;
  let failed = 0;
  let lastError: string | null = null;
  let retryIn: number | undefined;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const items = await withTenant(deps.db, tenantId, (tx) => readBatch(tx, c, deps.now()));
    if (!items.length) break;
    for (const item of items) {
      try {
        if ((await pushOne(deps, tenantId, c, client, item)) !== "gone") pushed++;
      } catch (err) {
        if (isCrmRateLimited(err)) {
          const wait = retryAfterDelay(err.retryAfterSeconds);
          await noteError(deps, tenantId, c.id, `Limite de requisições do provedor atingido; nova tentativa em ${wait} s.`);
          return { status: "rate_limited", pushed, failed, retryInSeconds: wait };
        }
        if (isCrmAuthError(err)) {
          await noteError(deps, tenantId, c.id, `Credenciais recusadas: ${errorText(err)} Conecte de novo.`);
          return { status: "auth_failed", pushed, failed };
        }
        failed++;
        lastError = errorText(err);
        const wait = pushRetryDelay(item.attempts);
        retryIn = Math.min(retryIn ?? wait, wait);
        await withTenant(deps.db, tenantId, (tx) =>
          tx
            .updateTable("crm_sync_outbox")
            .set({ attempts: item.attempts + 1, next_attempt_at: new Date(deps.now().getTime() + wait * 1000), last_error: lastError })
            .where("connection_id", "=", c.id)
            .where("entity_type", "=", item.entity_type)
            .where("entity_id", "=", item.entity_id)
            .execute(),
        );
      }
    }
    if (items.length < BATCH) break;
  }
  await noteError(deps, tenantId, c.id, lastError, pushed ? { last_push_at: deps.now() } : {});
  return { status: failed ? "partial" : "done", pushed, failed, ...(retryIn === undefined ? {} : { retryInSeconds: retryIn }) };
}

/** The push job: one run of a connection's outbox; a 429 or a backed-off record schedules the next run. */
export async function runCrmPush(deps: CrmSyncDeps, job: CrmSyncPushJob): Promise<DrainResult | { status: "not_connected" | "busy" }> {
  const c = await claim(deps, job.tenantId, job.connectionId);
  if (!c) return { status: "not_connected" };
  if (c === "busy") return { status: "busy" };
  let result: DrainResult;
  try {
    result = await drain(deps, job.tenantId, c, crmClientFor(deps, c));
  } finally {
    await release(deps, job.tenantId, c.id);
  }
  if (result.retryInSeconds !== undefined && job.attempt < 50) {
    await deps.scheduler.schedule(crmPushJob({ ...job, attempt: job.attempt + 1 }, result.retryInSeconds));
  }
  return result;
}

const cursorColumn = { contact: "pull_cursor_contacts", deal: "pull_cursor_deals" } as const;

/**
 * The scheduled pull (every CRM_PULL_INTERVAL_SECONDS, the next one scheduled first so a failure
 * does not end the chain): contacts, then deals, changed since the connection's cursors, applied
 * as webhooks are; then the outbox is pushed. Stops where a 429 stops it; the next pull resumes.
 */
export async function runCrmPull(deps: CrmSyncDeps, job: CrmSyncPullJob) {
  const exists = await withTenant(deps.db, job.tenantId, (tx) => tx.selectFrom("crm_sync_connections").select("id").where("id", "=", job.connectionId).where("is_active", "=", true).executeTakeFirst());
  if (!exists) return { status: "not_connected" as const };
  await deps.scheduler.schedule(crmPullJob({ tenantId: job.tenantId, connectionId: job.connectionId }, deps.now()));
  const c = await claim(deps, job.tenantId, job.connectionId);
  if (!c) return { status: "not_connected" as const };
  if (c === "busy") {
    // A push run holds the connection: the changes a webhook asked for are read again shortly (once per slot), not only at the next pull.
    await deps.scheduler.schedule(crmPullJob({ tenantId: job.tenantId, connectionId: job.connectionId }, deps.now(), CRM_BUSY_PULL_RETRY_SECONDS, "busy"));
    return { status: "busy" as const };
  }
  const client = crmClientFor(deps, c);
  const applied: Record<string, number> = {};
  try {
    for (const kind of ["contact", "deal"] as const) {
      let since: Date | null = c[cursorColumn[kind]];
      let page: string | null = null;
      for (let n = 0; n < MAX_PAGES; n++) {
        const res: { records: RemoteCrmRecord[]; cursor: string | null } = await client.changes(kind, since, page);
        await withTenant(deps.db, job.tenantId, async (tx) => {
          let max = since;
          for (const rec of res.records) {
            const outcome = await applyRemoteRecord(tx, job.tenantId, c, rec, deps.now());
            applied[outcome] = (applied[outcome] ?? 0) + 1;
            if (!max || rec.updatedAt > max) max = rec.updatedAt;
          }
          if (max && max !== since) await tx.updateTable("crm_sync_connections").set({ [cursorColumn[kind]]: max }).where("id", "=", c.id).execute();
        });
        page = res.cursor;
        if (!page) break;
      }
      since = null;
    }
    const pushed = await drain(deps, job.tenantId, c, client);
    await withTenant(deps.db, job.tenantId, (tx) => tx.updateTable("crm_sync_connections").set({ last_pull_at: deps.now() }).where("id", "=", c.id).execute());
    return { status: "pulled" as const, applied, pushed };
  } catch (err) {
    if (isCrmRateLimited(err)) {
      const wait = retryAfterDelay(err.retryAfterSeconds);
      await noteError(deps, job.tenantId, c.id, `Limite de requisições do provedor atingido; a sincronização continua em ${wait} s.`);
      await deps.scheduler.schedule(crmPullJob({ tenantId: job.tenantId, connectionId: job.connectionId }, deps.now(), wait));
      return { status: "rate_limited" as const, applied, retryInSeconds: wait };
    }
    await noteError(deps, job.tenantId, c.id, isCrmAuthError(err) ? `Credenciais recusadas: ${errorText(err)} Conecte de novo.` : errorText(err));
    return { status: "failed" as const, applied };
  } finally {
    await release(deps, job.tenantId, c.id);
  }
}
