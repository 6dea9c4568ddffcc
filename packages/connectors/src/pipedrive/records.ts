import type { RemoteCrmRecord } from "@vendaflow/core/ports/crm-sync";
import { pipedriveDeal, pipedrivePerson, type PipedriveWebhook } from "@vendaflow/validators/crm-sync";

// Pipedrive's wire shapes (API v2 objects, webhooks v2) as CRM records, and back.

/** Pipedrive's update_time: RFC 3339 in API v2 ("2026-12-02T15:04:05Z"), "2026-12-02 15:04:05" (UTC) in v1. */
export function pipedriveTime(s: string | null | undefined): Date | null {
  if (!s) return null;
  const iso = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(s) ? `${s.replace(" ", "T")}Z` : s;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

const primary = (list: { value?: string | null; primary?: boolean | null }[] | null | undefined) => {
  if (!list?.length) return list ? null : undefined;
  return (list.find((x) => x.primary) ?? list[0])?.value ?? null;
};

/** An API v2 person; `company` when the caller resolved its organisation's name. */
export function personRecord(raw: unknown, company?: string | null): RemoteCrmRecord<"contact"> | null {
  const p = pipedrivePerson.safeParse(raw);
  if (!p.success) return null;
  const updatedAt = pipedriveTime(p.data.update_time) ?? new Date(0);
  return {
    kind: "contact",
    id: p.data.id,
    version: p.data.update_time ?? "",
    updatedAt,
    fields: {
      ...(p.data.name !== undefined ? { name: p.data.name ?? null } : {}),
      ...(p.data.emails !== undefined ? { email: primary(p.data.emails) ?? null } : {}),
      ...(p.data.phones !== undefined ? { phone: primary(p.data.phones) ?? null } : {}),
      ...(company !== undefined ? { company } : {}),
    },
  };
}

/** An API v2 deal: value in currency units → cents. */
export function dealRecord(raw: unknown): RemoteCrmRecord<"deal"> | null {
  const d = pipedriveDeal.safeParse(raw);
  if (!d.success) return null;
  return {
    kind: "deal",
    id: d.data.id,
    version: d.data.update_time ?? "",
    updatedAt: pipedriveTime(d.data.update_time) ?? new Date(0),
    fields: {
      ...(d.data.title !== undefined ? { title: d.data.title ?? null } : {}),
      ...(d.data.value !== undefined ? { valueCents: d.data.value === null ? null : Math.round(d.data.value * 100) } : {}),
      ...(d.data.stage_id !== undefined ? { stageId: d.data.stage_id ?? null } : {}),
      ...(d.data.person_id !== undefined ? { contactId: d.data.person_id ?? null } : {}),
    },
  };
}

/** A webhooks v2 delivery as the record it carries: persons and deals created or changed, or deleted; anything else null. */
export function pipedriveWebhookRecord(ev: PipedriveWebhook): RemoteCrmRecord | null {
  const entity = ev.meta.entity;
  if (entity !== "person" && entity !== "deal") return null;
  const kind = entity === "person" ? "contact" : "deal";
  if (ev.meta.action === "delete" || ev.meta.action === "deleted") {
    return { kind, id: ev.meta.entity_id, version: "", updatedAt: pipedriveTime(ev.meta.timestamp) ?? new Date(0), fields: {}, deleted: true };
  }
  if (!ev.data) return null;
  const rec = entity === "person" ? personRecord(ev.data) : dealRecord(ev.data);
  return rec && rec.id === ev.meta.entity_id ? rec : null;
}

/** The delivery's id (meta.id in v2), else the object and its update time: a repeat of one change is one event. */
export function pipedriveWebhookId(ev: PipedriveWebhook): { eventId: string; eventType: string } {
  const version = (ev.data as { update_time?: unknown } | null | undefined)?.update_time;
  const eventId = ev.meta.id ?? `${ev.meta.entity}:${ev.meta.entity_id}:${ev.meta.action}:${typeof version === "string" ? version : (ev.meta.timestamp ?? "")}`;
  return { eventId: eventId.slice(0, 255), eventType: `${ev.meta.action}.${ev.meta.entity}`.slice(0, 100) };
}
