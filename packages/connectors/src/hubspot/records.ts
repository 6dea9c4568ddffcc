import type { RemoteCrmRecord } from "@vendaflow/core/ports/crm-sync";
import { hubspotObject, type HubSpotWebhookEvent } from "@vendaflow/validators/crm-sync";

// HubSpot's CRM v3 wire shapes as CRM records (docs/integrations.md, CRM sync: HubSpot).

/** The properties the sync reads and writes, per object type. */
export const HUBSPOT_CONTACT_PROPERTIES = ["firstname", "lastname", "email", "phone", "company"] as const;
export const HUBSPOT_DEAL_PROPERTIES = ["dealname", "amount", "dealstage", "pipeline"] as const;

const time = (s: string | null | undefined) => {
  const d = s ? new Date(s) : null;
  return d && !Number.isNaN(d.getTime()) ? d : null;
};

/** Our one name field as HubSpot's two: the first word is the first name, the rest the last name. */
export function splitName(name: string | null): { firstname: string; lastname: string } {
  const n = (name ?? "").trim().replace(/\s+/g, " ");
  const i = n.indexOf(" ");
  return i < 0 ? { firstname: n, lastname: "" } : { firstname: n.slice(0, i), lastname: n.slice(i + 1) };
}

const has = (p: Record<string, unknown>, k: string) => Object.prototype.hasOwnProperty.call(p, k);

/** A CRM v3 contact; its version is `updatedAt` (milliseconds: one write, one version). */
export function contactRecord(raw: unknown): RemoteCrmRecord<"contact"> | null {
  const o = hubspotObject.safeParse(raw);
  if (!o.success || o.data.archived) return null;
  const p = o.data.properties;
  const name = [p.firstname, p.lastname].map((x) => (x ?? "").trim()).filter(Boolean).join(" ");
  return {
    kind: "contact",
    id: o.data.id,
    version: o.data.updatedAt ?? "",
    updatedAt: time(o.data.updatedAt) ?? new Date(0),
    fields: {
      ...(has(p, "firstname") || has(p, "lastname") ? { name: name || null } : {}),
      ...(has(p, "email") ? { email: p.email || null } : {}),
      ...(has(p, "phone") ? { phone: p.phone || null } : {}),
      ...(has(p, "company") ? { company: p.company || null } : {}),
    },
  };
}

/** A CRM v3 deal: `amount` in currency units (a decimal string) → cents; its first associated contact. */
export function dealRecord(raw: unknown): RemoteCrmRecord<"deal"> | null {
  const o = hubspotObject.safeParse(raw);
  if (!o.success || o.data.archived) return null;
  const p = o.data.properties;
  const amount = p.amount === null || p.amount === undefined || p.amount === "" ? null : Number(p.amount);
  const contacts = o.data.associations?.contacts?.results;
  return {
    kind: "deal",
    id: o.data.id,
    version: o.data.updatedAt ?? "",
    updatedAt: time(o.data.updatedAt) ?? new Date(0),
    fields: {
      ...(has(p, "dealname") ? { title: p.dealname || null } : {}),
      ...(has(p, "amount") ? { valueCents: amount === null || !Number.isFinite(amount) ? null : Math.round(amount * 100) } : {}),
      ...(has(p, "dealstage") ? { stageId: p.dealstage || null } : {}),
      ...(contacts ? { contactId: contacts[0]?.id ?? null } : {}),
    },
  };
}

/** What a webhook event asks of the sync: unlink a deleted object, read a changed one, or nothing. */
export function hubspotEventAction(ev: HubSpotWebhookEvent): { kind: "contact" | "deal"; action: "deleted" | "changed" } | null {
  const [object, what] = ev.subscriptionType.split(".");
  if (object !== "contact" && object !== "deal") return null;
  if (what === "deletion" || what === "privacyDeletion") return { kind: object, action: "deleted" };
  if (what === "creation" || what === "propertyChange" || what === "restore" || what === "merge" || what === "associationChange") return { kind: object, action: "changed" };
  return null;
}

/** The delivery's event id (unique per event; a retry carries the same one). */
export const hubspotEventId = (ev: HubSpotWebhookEvent) => ({ eventId: `${ev.portalId}:${ev.eventId}`.slice(0, 255), eventType: ev.subscriptionType.slice(0, 100) });
