import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { CreateIncidentInput, IncidentRisk, IncidentView } from "@vendaflow/validators/privacy";
import { recordAudit, type AuditMeta } from "../audit/record";
import { DomainError } from "../errors";
import type { Tenant } from "../tenancy/tenants";
import { incidentDaysLeft, incidentDeadline, incidentNotice } from "./incident-notice";
import { getPrivacySettings } from "./settings";

/** The tenant's register of security incidents with personal data (Res. ANPD 15/2024). */

type Row = Awaited<ReturnType<typeof rowsOf>>[number];
const rowsOf = (tx: TenantTx) => tx.selectFrom("privacy_incidents").selectAll().orderBy("known_at", "desc").limit(200).execute();
const iso = (d: Date | string | null) => (d == null ? null : new Date(d).toISOString());

function toView(r: Row, tenant: Tenant, dpo: { dpoName: string; dpoEmail: string; dpoPhone: string }, now: Date): IncidentView {
  const knownAt = new Date(r.known_at);
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    occurredAt: iso(r.occurred_at),
    knownAt: knownAt.toISOString(),
    dataCategories: r.data_categories,
    subjectsAffected: r.subjects_affected,
    measures: r.measures,
    risk: r.risk as IncidentRisk,
    deadline: incidentDeadline(knownAt),
    businessDaysLeft: incidentDaysLeft(knownAt, now),
    anpdNotifiedAt: iso(r.anpd_notified_at),
    subjectsNotifiedAt: iso(r.subjects_notified_at),
    notice: incidentNotice({
      company: tenant.name,
      dpo: { name: dpo.dpoName, email: dpo.dpoEmail, phone: dpo.dpoPhone },
      title: r.title,
      description: r.description,
      occurredAt: r.occurred_at ? new Date(r.occurred_at) : null,
      knownAt,
      dataCategories: r.data_categories,
      subjectsAffected: r.subjects_affected,
      measures: r.measures,
      risk: r.risk as IncidentRisk,
    }),
    createdAt: iso(r.created_at)!,
  };
}

export async function listIncidents(tx: TenantTx, tenant: Tenant, now: Date): Promise<IncidentView[]> {
  const dpo = await getPrivacySettings(tx);
  return (await rowsOf(tx)).map((r) => toView(r, tenant, dpo, now));
}

export async function createIncident(tx: TenantTx, tenant: Tenant, input: CreateIncidentInput, meta: AuditMeta, now: Date) {
  if (new Date(input.knownAt) > now) throw new DomainError("BAD_REQUEST", "A data de conhecimento não pode estar no futuro.", { field: "knownAt" });
  if (input.occurredAt && input.occurredAt > input.knownAt) throw new DomainError("BAD_REQUEST", "O incidente não pode ter ocorrido depois de ser conhecido.", { field: "occurredAt" });
  const row = await tx
    .insertInto("privacy_incidents")
    .values({
      tenant_id: tenant.id,
      title: input.title,
      description: input.description,
      occurred_at: input.occurredAt ? new Date(input.occurredAt) : null,
      known_at: new Date(input.knownAt),
      data_categories: input.dataCategories,
      subjects_affected: input.subjectsAffected,
      measures: input.measures,
      risk: input.risk,
      created_by: meta.actorUserId ?? null,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(tx, tenant.id, meta, { action: "privacy.incident_registered", entityType: "privacy_incident", entityId: row.id, after: { title: input.title, risk: input.risk, subjectsAffected: input.subjectsAffected } });
  return toView(row, tenant, await getPrivacySettings(tx), now);
}

export async function markIncidentNotified(tx: TenantTx, tenantId: string, input: { id: string; notified: "anpd" | "subjects" }, meta: AuditMeta, now: Date) {
  const col = input.notified === "anpd" ? "anpd_notified_at" : "subjects_notified_at";
  const res = await tx.updateTable("privacy_incidents").set({ [col]: now, updated_at: now }).where("id", "=", input.id).where(col, "is", null).executeTakeFirst();
  if (!res.numUpdatedRows) {
    const exists = await tx.selectFrom("privacy_incidents").select("id").where("id", "=", input.id).executeTakeFirst();
    throw exists ? new DomainError("CONFLICT", "Esta comunicação já foi registrada.") : new DomainError("NOT_FOUND", "Incidente não encontrado.");
  }
  await recordAudit(tx, tenantId, meta, { action: `privacy.incident_${input.notified}_notified`, entityType: "privacy_incident", entityId: input.id });
  return { ok: true as const };
}
