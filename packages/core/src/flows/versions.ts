import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { Flow, FlowIssue } from "@vendaflow/validators/flow";
import { recordAudit, type AuditMeta } from "../audit/record";
import { invalidateAfterCommit, type AfterCommit } from "../after-commit";
import { defaultFlows } from "../cache/hot-reads";
import { defaultBantFlow } from "../bot/default-flow";
import { DomainError } from "../errors";
import { checkDraft } from "./check";

// Versioning of qualification flows. Rows sharing a flow_key are the versions of one flow; a row
// with published_at null is that flow's draft (at most one). Published rows are never changed, and
// a conversation references the row it started on (conversations.flow_id), so publishing a new
// version leaves conversations in progress on theirs.

export interface FlowSummary {
  flowKey: string;
  name: string;
  /** Newest published version; null while the flow only has a draft. */
  version: number | null;
  publishedAt: Date | null;
  hasDraft: boolean;
  isDefault: boolean;
  updatedAt: Date;
}

export interface FlowForEdit {
  flowKey: string;
  /** The draft's row when there is one, else the newest published row. */
  id: string;
  isDraft: boolean;
  version: number;
  publishedVersion: number | null;
  isDefault: boolean;
  definition: Flow;
  /** The stored definition could not be read and the seed flow was opened in its place. */
  recovered: boolean;
}

type Row = { id: string; flow_key: string; name: string; version: number; is_default: boolean; published_at: Date | null; created_at: Date; definition: unknown };

const rowsOf = (tx: TenantTx, flowKey: string) =>
  tx.selectFrom("qualification_flows").select(["id", "flow_key", "name", "version", "is_default", "published_at", "created_at", "definition"]).where("flow_key", "=", flowKey);

/** Locks every version of one flow, so concurrent saves and publishes of it run one at a time. */
async function lockedRows(tx: TenantTx, flowKey: string): Promise<Row[]> {
  const rows = await rowsOf(tx, flowKey).orderBy("version", "desc").forUpdate().execute();
  if (!rows.length) throw new DomainError("NOT_FOUND", "Fluxo não encontrado.");
  return rows;
}

const draftOf = (rows: Row[]) => rows.find((r) => r.published_at === null);
const latestPublished = (rows: Row[]) => rows.filter((r) => r.published_at !== null).sort((a, b) => b.version - a.version)[0];

function refuse(issues: FlowIssue[]): never {
  const message = issues.length === 1 ? issues[0]!.message : `O fluxo tem ${issues.length} problemas. Corrija-os antes de continuar.`;
  throw new DomainError("BAD_REQUEST", message, { issues });
}

/** Validates a definition for storage; refuses with every issue, each naming its step. */
function validDefinition(definition: unknown): Flow {
  const { flow, issues } = checkDraft(definition);
  if (issues.length || !flow) refuse(issues);
  return flow;
}

/** One row per flow: its newest published version and whether a draft is pending. */
export async function listFlows(tx: TenantTx): Promise<FlowSummary[]> {
  const rows = await tx
    .selectFrom("qualification_flows")
    .select(["flow_key", "name", "version", "is_default", "published_at", "created_at"])
    .orderBy("created_at")
    .execute();
  const byKey = new Map<string, typeof rows>();
  for (const r of rows) byKey.set(r.flow_key, [...(byKey.get(r.flow_key) ?? []), r]);
  const out: FlowSummary[] = [];
  for (const [flowKey, versions] of byKey) {
    const draft = versions.find((r) => r.published_at === null);
    const published = versions.filter((r) => r.published_at !== null).sort((a, b) => b.version - a.version)[0];
    const shown = draft ?? published!;
    out.push({
      flowKey,
      name: shown.name,
      version: published?.version ?? null,
      publishedAt: published?.published_at ?? null,
      hasDraft: !!draft,
      isDefault: published?.is_default ?? draft?.is_default ?? false,
      updatedAt: versions.reduce((d, r) => (r.created_at > d ? r.created_at : d), shown.created_at),
    });
  }
  return out.sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.name.localeCompare(b.name, "pt-BR"));
}

/** What the editor opens: the draft if any, else the newest published version. */
export async function getFlowForEdit(tx: TenantTx, flowKey: string): Promise<FlowForEdit> {
  const rows = await rowsOf(tx, flowKey).orderBy("version", "desc").execute();
  if (!rows.length) throw new DomainError("NOT_FOUND", "Fluxo não encontrado.");
  const draft = draftOf(rows);
  const published = latestPublished(rows);
  // A definition the editor cannot read (hand-inserted, older format) falls back to the next
  // candidate and finally to the seed flow, so the admin can always repair it from the editor.
  const candidates = [draft, published].filter((r): r is Row => !!r);
  let chosen: { row: Row; definition: Flow } | null = null;
  for (const row of candidates) {
    const { flow } = checkDraft(row.definition);
    if (flow) {
      chosen = { row, definition: flow };
      break;
    }
  }
  const row = chosen?.row ?? candidates[0]!;
  const definition = chosen?.definition ?? { ...structuredClone(defaultBantFlow), name: row.name };
  return {
    flowKey,
    id: row.id,
    isDraft: row.published_at === null,
    version: row.version,
    publishedVersion: published?.version ?? null,
    isDefault: published?.is_default ?? row.is_default,
    definition: { ...definition, version: row.version },
    recovered: !chosen,
  };
}

/**
 * Saves the flow's draft: creates it (and, with flowKey null, the flow itself) or replaces it.
 * The draft carries the version it will get when published (newest published + 1).
 */
export async function saveDraft(tx: TenantTx, tenantId: string, flowKey: string | null, definition: unknown, meta: AuditMeta) {
  const flow = validDefinition(definition);
  if (flowKey === null) {
    const stored = { ...flow, version: 1 };
    delete stored.id;
    const row = await tx
      .insertInto("qualification_flows")
      .values({ tenant_id: tenantId, name: flow.name, version: 1, definition: JSON.stringify(stored), is_default: false, published_at: null, created_by: meta.actorUserId ?? null })
      .returning(["id", "flow_key"])
      .executeTakeFirstOrThrow();
    await recordAudit(tx, tenantId, meta, { action: "flow.create", entityType: "qualification_flow", entityId: row.id, after: { flowKey: row.flow_key, version: 1, definition: stored } });
    return { id: row.id, flowKey: row.flow_key, version: 1 };
  }

  const rows = await lockedRows(tx, flowKey);
  const draft = draftOf(rows);
  const version = (latestPublished(rows)?.version ?? 0) + 1;
  const stored = { ...flow, version };
  delete stored.id;
  if (draft) {
    await tx
      .updateTable("qualification_flows")
      .set({ name: flow.name, version, definition: JSON.stringify(stored), created_by: meta.actorUserId ?? null })
      .where("id", "=", draft.id)
      .execute();
    await recordAudit(tx, tenantId, meta, { action: "flow.save_draft", entityType: "qualification_flow", entityId: draft.id, before: { flowKey, version: draft.version, definition: draft.definition }, after: { flowKey, version, definition: stored } });
    return { id: draft.id, flowKey, version };
  }
  const row = await tx
    .insertInto("qualification_flows")
    .values({ tenant_id: tenantId, flow_key: flowKey, name: flow.name, version, definition: JSON.stringify(stored), is_default: latestPublished(rows)?.is_default ?? false, published_at: null, created_by: meta.actorUserId ?? null })
    .returning("id")
    .executeTakeFirstOrThrow();
  await recordAudit(tx, tenantId, meta, { action: "flow.save_draft", entityType: "qualification_flow", entityId: row.id, after: { flowKey, version, definition: stored } });
  return { id: row.id, flowKey, version };
}

/**
 * Publishes the draft as version newest + 1. Earlier versions stay as they are: conversations keep
 * the flow_id they started on, and new conversations pick the newest published default version.
 */
export async function publishDraft(tx: TenantTx, tenantId: string, flowKey: string, meta: AuditMeta, now: Date, after?: AfterCommit) {
  const rows = await lockedRows(tx, flowKey);
  const draft = draftOf(rows);
  if (!draft) throw new DomainError("PRECONDITION_FAILED", "Não há rascunho para publicar. Salve o rascunho primeiro.");
  const flow = validDefinition(draft.definition);
  const previous = latestPublished(rows);
  const version = (previous?.version ?? 0) + 1;
  const isDefault = previous?.is_default ?? draft.is_default;
  const publishedAt = now;
  const stored = { ...flow, version };
  delete stored.id;
  await tx
    .updateTable("qualification_flows")
    .set({ name: flow.name, version, definition: JSON.stringify(stored), is_default: isDefault, published_at: publishedAt })
    .where("id", "=", draft.id)
    .execute();
  await recordAudit(tx, tenantId, meta, {
    action: "flow.publish",
    entityType: "qualification_flow",
    entityId: draft.id,
    before: previous ? { flowKey, id: previous.id, version: previous.version } : undefined,
    after: { flowKey, id: draft.id, version, name: flow.name, isDefault },
  });
  // New conversations take the newest default version: every process forgets the one it cached.
  if (isDefault) invalidateAfterCommit(after, defaultFlows, tenantId);
  return { id: draft.id, flowKey, version, publishedAt, isDefault };
}
