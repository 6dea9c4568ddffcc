import { sql } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { CrmFieldMapping, CrmProvider } from "@vendaflow/validators/crm-sync";
import { recordAudit } from "../audit/record";
import type { RemoteCrmRecord } from "../ports/crm-sync";
import { changedOnly, contactFromRemote, dealFromRemote, decideConflict, overwrites, type LocalDeal, type LocalLead } from "./mapping";

export type ApplyOutcome = "echo" | "stale" | "applied" | "unchanged" | "created" | "kept_local" | "unlinked" | "skipped";

export interface SyncConnectionRef {
  id: string;
  provider: CrmProvider;
  mapping: CrmFieldMapping;
}

const entityOf = (kind: RemoteCrmRecord["kind"]) => (kind === "contact" ? "lead" : "deal") as "lead" | "deal";

/**
 * Writes made by the sync itself are tagged for the rest of the transaction's sync work: the
 * capture triggers (0135) see app.crm_sync_origin = 'sync' and queue no push, so an applied remote
 * change never echoes back. The tag is cleared afterwards (the transaction may go on).
 */
export async function asSync<T>(tx: TenantTx, fn: () => Promise<T>): Promise<T> {
  await sql`select set_config('app.crm_sync_origin', 'sync', true)`.execute(tx);
  try {
    return await fn();
  } finally {
    await sql`select set_config('app.crm_sync_origin', '', true)`.execute(tx);
  }
}

/**
 * The link after a sync step. It never goes back to an older remote version (a slower concurrent
 * step, e.g. a late webhook racing the push that wrote a newer one, committing last).
 */
async function upsertLink(tx: TenantTx, tenantId: string, c: SyncConnectionRef, entity: "lead" | "deal", localId: string, rec: RemoteCrmRecord, localVersion: Date | null, now: Date) {
  const set = { remote_id: rec.id, remote_version: rec.version.slice(0, 64), remote_updated_at: rec.updatedAt, local_version: localVersion, synced_at: now };
  await tx
    .insertInto("crm_sync_links")
    .values({ tenant_id: tenantId, connection_id: c.id, entity_type: entity, local_id: localId, ...set })
    .onConflict((oc) =>
      oc
        .columns(["connection_id", "entity_type", "local_id"])
        .doUpdateSet(set)
        .where((eb) => eb.or([eb("crm_sync_links.remote_updated_at", "is", null), eb("crm_sync_links.remote_updated_at", "<=", rec.updatedAt), eb("crm_sync_links.remote_id", "!=", rec.id)])),
    )
    .execute();
}

/** The local record keeps its value (it is the later writer): its push is queued if it was not already. */
async function keepLocal(tx: TenantTx, tenantId: string, c: SyncConnectionRef, entity: "lead" | "deal", localId: string, rec: RemoteCrmRecord, localUpdatedAt: Date) {
  await tx
    .insertInto("crm_sync_outbox")
    .values({ tenant_id: tenantId, connection_id: c.id, entity_type: entity, entity_id: localId })
    .onConflict((oc) => oc.columns(["connection_id", "entity_type", "entity_id"]).doNothing())
    .execute();
  await recordAudit(tx, tenantId, {}, {
    action: "crm_sync.conflict",
    entityType: entity,
    entityId: localId,
    after: { provider: c.provider, remoteId: rec.id, winner: "local", localUpdatedAt: localUpdatedAt.toISOString(), remoteUpdatedAt: rec.updatedAt.toISOString(), discarded: rec.fields },
  });
}

/**
 * One remote change (a webhook or a pulled page) applied to our record, in the caller's tenant
 * transaction. Our own push coming back (same remote version as the link) changes nothing. Last
 * writer wins (mapping.ts decideConflict); every local value the remote overwrites is audited
 * (`crm_sync.overwrite`, or `crm_sync.conflict` when ours had changed too). An unknown remote
 * contact becomes a lead (or is linked to the lead with its e-mail), an unknown deal a deal.
 */
export async function applyRemoteRecord(tx: TenantTx, tenantId: string, c: SyncConnectionRef, rec: RemoteCrmRecord, now: Date): Promise<ApplyOutcome> {
  const entity = entityOf(rec.kind);
  const link = await tx
    .selectFrom("crm_sync_links")
    .select(["local_id", "remote_version", "remote_updated_at", "local_version"])
    .where("connection_id", "=", c.id)
    .where("entity_type", "=", entity)
    .where("remote_id", "=", rec.id)
    .executeTakeFirst();
  if (rec.deleted) {
    if (!link) return "skipped";
    await tx.deleteFrom("crm_sync_links").where("connection_id", "=", c.id).where("entity_type", "=", entity).where("remote_id", "=", rec.id).execute();
    return "unlinked";
  }
  const standing: Standing = !link ? "newer" : link.remote_version === rec.version ? "same" : link.remote_updated_at && rec.updatedAt.getTime() < link.remote_updated_at.getTime() ? "older" : "newer";
  return asSync(tx, () =>
    rec.kind === "contact" ? applyContact(tx, tenantId, c, rec as RemoteCrmRecord<"contact">, link ?? null, standing, now) : applyDeal(tx, tenantId, c, rec as RemoteCrmRecord<"deal">, link ?? null, standing, now),
  );
}

type Link = { local_id: string; local_version: Date | null } | null;

/**
 * How a remote record stands against the link: `same` = the version the link holds (our own push
 * coming back, or a re-pull; but a remote clock in whole seconds gives two writes of one second
 * one version, so it is an echo only when it changes nothing here); `older` = before the version
 * the link holds, by the remote's own clock (a held or retried delivery of an older write).
 */
type Standing = "same" | "older" | "newer";

async function applyContact(tx: TenantTx, tenantId: string, c: SyncConnectionRef, rec: RemoteCrmRecord<"contact">, link: Link, standing: Standing, now: Date): Promise<ApplyOutcome> {
  const patch = contactFromRemote(rec.fields, c.mapping);
  const cols = ["id", "name", "email", "phone", "company", "updated_at", "anonymised_at"] as const;
  let lead: (LocalLead & { anonymised_at: Date | null }) | undefined = link ? await tx.selectFrom("leads").select(cols).where("id", "=", link.local_id).executeTakeFirst() : undefined;
  // An anonymised lead (LGPD) is never filled in again from a remote copy.
  if (lead?.anonymised_at) return "skipped";
  if (!lead && !link && patch.email) {
    lead = await tx.selectFrom("leads").select(cols).where("email_key", "=", patch.email).where("anonymised_at", "is", null).orderBy("created_at").limit(1).executeTakeFirst();
    // Already linked to another remote contact: a second remote with the same address becomes its own lead.
    if (lead && (await tx.selectFrom("crm_sync_links").select("remote_id").where("connection_id", "=", c.id).where("entity_type", "=", "lead").where("local_id", "=", lead.id).executeTakeFirst())) lead = undefined;
  }
  if (!lead) {
    const created = await tx
      .insertInto("leads")
      .values({ tenant_id: tenantId, name: patch.name ?? null, email: patch.email ?? null, phone: patch.phone ?? null, company: patch.company ?? null, source: "api", source_details: JSON.stringify({ crm: c.provider, remoteId: rec.id }), updated_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    await upsertLink(tx, tenantId, c, "lead", created.id, rec, now, now);
    return "created";
  }
  const { anonymised_at: _anonymised, ...current } = lead;
  return applyPatch<LocalLead>(tx, tenantId, c, rec, "lead", current, patch as Partial<LocalLead>, link, standing, now, (set) => tx.updateTable("leads").set({ ...set, updated_at: now }).where("id", "=", current.id).execute());
}

async function applyPatch<T extends { id: string; updated_at: Date }>(
  tx: TenantTx,
  tenantId: string,
  c: SyncConnectionRef,
  rec: RemoteCrmRecord,
  entity: "lead" | "deal",
  current: T,
  fullPatch: Partial<T>,
  link: Link,
  standing: Standing,
  now: Date,
  write: (patch: Partial<T>) => Promise<unknown>,
): Promise<ApplyOutcome> {
  const patch = changedOnly(current as Record<string, unknown>, fullPatch as Record<string, unknown>) as Partial<T>;
  const changes = Object.keys(patch).length > 0;
  const localChanged = !link?.local_version || current.updated_at.getTime() > link.local_version.getTime();
  // Our own write coming back, or a re-pull of the version we hold (what differs is ours, still to push): nothing to do.
  if (standing === "same" && (!changes || localChanged)) return "echo";
  if (standing === "older") {
    // Older than the remote version we hold (its own clock): it cannot win; dropped, audited when it differed.
    if (changes) await recordAudit(tx, tenantId, {}, { action: "crm_sync.conflict", entityType: entity, entityId: current.id, after: { provider: c.provider, remoteId: rec.id, winner: "local", stale: true, localUpdatedAt: current.updated_at.toISOString(), remoteUpdatedAt: rec.updatedAt.toISOString(), discarded: rec.fields } });
    return "stale";
  }
  const { decision, conflict } = decideConflict({ localUpdatedAt: current.updated_at, syncedLocalVersion: link?.local_version ?? null, remoteUpdatedAt: rec.updatedAt });
  if (decision === "keep_local" && changes) {
    await keepLocal(tx, tenantId, c, entity, current.id, rec, current.updated_at);
    await upsertLink(tx, tenantId, c, entity, current.id, rec, link?.local_version ?? null, now);
    return "kept_local";
  }
  if (!Object.keys(patch).length) {
    await upsertLink(tx, tenantId, c, entity, current.id, rec, current.updated_at, now);
    return "unchanged";
  }
  await write(patch);
  const ow = overwrites(current as Record<string, unknown>, patch as Record<string, unknown>);
  if (Object.keys(ow).length) {
    await recordAudit(tx, tenantId, {}, {
      action: conflict ? "crm_sync.conflict" : "crm_sync.overwrite",
      entityType: entity,
      entityId: current.id,
      before: Object.fromEntries(Object.entries(ow).map(([k, v]) => [k, v.from])),
      after: { ...Object.fromEntries(Object.entries(ow).map(([k, v]) => [k, v.to])), provider: c.provider, remoteId: rec.id, remoteUpdatedAt: rec.updatedAt.toISOString(), ...(conflict ? { winner: "remote", localUpdatedAt: current.updated_at.toISOString() } : {}) },
    });
  }
  await upsertLink(tx, tenantId, c, entity, current.id, rec, now, now);
  return "applied";
}

async function stageFacts(tx: TenantTx, stageId: string) {
  return tx.selectFrom("pipeline_stages").select(["id", "pipeline_id", "probability", "kind"]).where("id", "=", stageId).executeTakeFirst();
}

async function applyDeal(tx: TenantTx, tenantId: string, c: SyncConnectionRef, rec: RemoteCrmRecord<"deal">, link: Link, standing: Standing, now: Date): Promise<ApplyOutcome> {
  const patch = dealFromRemote(rec.fields, c.mapping);
  const contactLead = rec.fields.contactId
    ? await tx.selectFrom("crm_sync_links").select("local_id").where("connection_id", "=", c.id).where("entity_type", "=", "lead").where("remote_id", "=", rec.fields.contactId).executeTakeFirst()
    : undefined;
  const deal: LocalDeal | undefined = link
    ? await tx.selectFrom("deals").select(["id", "title", "value_cents", "stage_id", "pipeline_id", "status", "lead_id", "updated_at"]).where("id", "=", link.local_id).where("deleted_at", "is", null).executeTakeFirst()
    : undefined;
  if (!deal) {
    if (link) return "skipped";
    // A new remote deal: its mapped stage, else the first open stage of the default pipeline.
    const stage = patch.stage_id
      ? await stageFacts(tx, patch.stage_id)
      : await tx
          .selectFrom("pipeline_stages as s")
          .innerJoin("pipelines as p", "p.id", "s.pipeline_id")
          .select(["s.id", "s.pipeline_id", "s.probability", "s.kind"])
          .where("p.is_default", "=", true)
          .where("s.kind", "=", "open")
          .orderBy("s.position")
          .limit(1)
          .executeTakeFirst();
    if (!stage || stage.kind === "lost") return "skipped";
    const created = await tx
      .insertInto("deals")
      .values({
        tenant_id: tenantId,
        pipeline_id: stage.pipeline_id,
        stage_id: stage.id,
        title: patch.title ?? `Negócio ${rec.id}`,
        value_cents: patch.value_cents ?? 0,
        probability: stage.probability,
        status: stage.kind === "won" ? "won" : "open",
        won_at: stage.kind === "won" ? now : null,
        lead_id: contactLead?.local_id ?? null,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await upsertLink(tx, tenantId, c, "deal", created.id, rec, now, now);
    return "created";
  }
  const current = { ...deal, value_cents: Number(deal.value_cents) };
  return applyPatch(tx, tenantId, c, rec, "deal", current, patch as Partial<typeof current>, link, standing, now, async (set) => {
    const { stage_id, ...rest } = set;
    const values: Record<string, unknown> = { ...rest };
    if (stage_id) {
      const stage = await stageFacts(tx, stage_id);
      // A lost stage needs a loss reason only people give: the stage stays; the rest applies.
      if (stage && stage.kind !== "lost") {
        Object.assign(values, { stage_id: stage.id, pipeline_id: stage.pipeline_id, probability: stage.probability, stage_changed_at: now });
        Object.assign(values, stage.kind === "won" ? { status: "won", won_at: now, lost_at: null } : { status: "open", won_at: null, lost_at: null });
      }
    }
    await tx.updateTable("deals").set({ ...values, updated_at: now }).where("id", "=", current.id).execute();
  });
}
