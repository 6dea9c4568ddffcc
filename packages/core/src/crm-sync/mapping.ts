import { normalizePhone } from "@vendaflow/validators/crm";
import { crmContactFields, crmDealFields, crmFieldMapping, type CrmContactField, type CrmDealField, type CrmFieldMapping } from "@vendaflow/validators/crm-sync";
import type { CrmContactFields, CrmDealFields } from "../ports/crm-sync";

// Pure rules of the CRM sync (unit-tested in mapping.test.ts): which fields travel, how they are
// spelled on each side, and who wins when both sides changed.

/** Every field on and no stage pairs: what a new connection starts with. */
export const DEFAULT_MAPPING: CrmFieldMapping = { contact: {}, deal: {}, stages: [] };

/** A stored mapping (jsonb) read leniently: anything unreadable is the default. */
export function readMapping(stored: unknown): CrmFieldMapping {
  const r = crmFieldMapping.safeParse(stored ?? {});
  return r.success ? r.data : DEFAULT_MAPPING;
}

export const contactFieldOn = (m: CrmFieldMapping, f: CrmContactField) => m.contact[f] !== false;
export const dealFieldOn = (m: CrmFieldMapping, f: CrmDealField) => m.deal[f] !== false;

/** The mapping as the page shows it: every field with its state, the stage pairs. */
export const mappingView = (m: CrmFieldMapping) => ({
  contact: Object.fromEntries(crmContactFields.map((f) => [f, contactFieldOn(m, f)])) as Record<CrmContactField, boolean>,
  deal: Object.fromEntries(crmDealFields.map((f) => [f, dealFieldOn(m, f)])) as Record<CrmDealField, boolean>,
  stages: m.stages,
});

export interface LocalLead {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  company: string | null;
  updated_at: Date;
}

export interface LocalDeal {
  id: string;
  title: string;
  value_cents: number;
  stage_id: string;
  pipeline_id: string;
  status: string;
  lead_id: string | null;
  updated_at: Date;
}

const clean = (s: string | null | undefined, max: number): string | null => {
  const t = (s ?? "").trim();
  return t ? t.slice(0, max) : null;
};

/** Our lead as the remote contact's fields (only the fields turned on). */
export function contactToRemote(lead: LocalLead, m: CrmFieldMapping): CrmContactFields {
  const out: CrmContactFields = {};
  if (contactFieldOn(m, "name")) out.name = clean(lead.name, 255);
  if (contactFieldOn(m, "email")) out.email = clean(lead.email, 255);
  if (contactFieldOn(m, "phone")) out.phone = clean(lead.phone, 50);
  if (contactFieldOn(m, "company")) out.company = clean(lead.company, 255);
  return out;
}

/** A well-formed address or nothing (a remote may hold anything in its e-mail field). */
const email = (s: string | null | undefined) => {
  const t = clean(s, 255)?.toLowerCase() ?? null;
  return t && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(t) ? t : null;
};

/**
 * The remote contact as our lead's columns (only the fields turned on and present remotely). A
 * phone is stored as the CRM stores it (E.164, Brazilian numbers normalised); one that does not
 * normalise is left out rather than stored unreadable.
 */
export function contactFromRemote(f: CrmContactFields, m: CrmFieldMapping): Partial<Pick<LocalLead, "name" | "email" | "phone" | "company">> {
  const out: Partial<Pick<LocalLead, "name" | "email" | "phone" | "company">> = {};
  if (contactFieldOn(m, "name") && f.name !== undefined) out.name = clean(f.name, 255);
  if (contactFieldOn(m, "email") && f.email !== undefined) {
    const e = email(f.email);
    if (e || !f.email) out.email = e;
  }
  if (contactFieldOn(m, "phone") && f.phone !== undefined) {
    const p = f.phone ? normalizePhone(f.phone) : null;
    if (p || !f.phone) out.phone = p;
  }
  if (contactFieldOn(m, "company") && f.company !== undefined) out.company = clean(f.company, 255);
  return out;
}

export const remoteStageOf = (m: CrmFieldMapping, localStageId: string) => m.stages.find((p) => p.localStageId === localStageId)?.remoteStageId ?? null;
export const localStageOf = (m: CrmFieldMapping, remoteStageId: string | null | undefined) => (remoteStageId ? (m.stages.find((p) => p.remoteStageId === remoteStageId)?.localStageId ?? null) : null);

/** Our deal as the remote deal's fields; the stage only when it has a pair; its contact when linked. */
export function dealToRemote(deal: LocalDeal, m: CrmFieldMapping, contactRemoteId: string | null): CrmDealFields {
  const out: CrmDealFields = {};
  if (dealFieldOn(m, "title")) out.title = deal.title;
  if (dealFieldOn(m, "value")) out.valueCents = Number(deal.value_cents);
  if (dealFieldOn(m, "stage")) {
    const s = remoteStageOf(m, deal.stage_id);
    if (s) out.stageId = s;
  }
  if (contactRemoteId) out.contactId = contactRemoteId;
  return out;
}

/** Largest value_cents the deals table takes. */
export const MAX_VALUE_CENTS = 100_000_000_000_000;

/** The remote deal as our deal's columns: a stage without a pair is left as it is; money clamped to what a deal holds. */
export function dealFromRemote(f: CrmDealFields, m: CrmFieldMapping): { title?: string; value_cents?: number; stage_id?: string } {
  const out: { title?: string; value_cents?: number; stage_id?: string } = {};
  if (dealFieldOn(m, "title") && f.title !== undefined) {
    const t = clean(f.title, 255);
    if (t) out.title = t;
  }
  if (dealFieldOn(m, "value") && f.valueCents !== undefined && f.valueCents !== null && Number.isFinite(f.valueCents)) {
    out.value_cents = Math.min(MAX_VALUE_CENTS, Math.max(0, Math.round(f.valueCents)));
  }
  if (dealFieldOn(m, "stage")) {
    const s = localStageOf(m, f.stageId);
    if (s) out.stage_id = s;
  }
  return out;
}

/** An amount in currency units (what CRMs store) as integer cents, and back. */
export const amountToCents = (amount: number | string | null | undefined): number | null => {
  if (amount === null || amount === undefined || amount === "") return null;
  const n = typeof amount === "number" ? amount : Number(amount);
  return Number.isFinite(n) ? Math.round(n * 100) : null;
};
export const centsToAmount = (cents: number) => Math.round(cents) / 100;

export type ConflictDecision = "apply" | "keep_local";

/**
 * Last writer wins. A remote change is applied unless our record changed since the two sides were
 * last in step (`updatedAt` after `syncedLocalVersion`) *and* that local change is newer than the
 * remote one; then ours is kept (and pushed). A record never synced counts as changed locally.
 */
export function decideConflict(p: { localUpdatedAt: Date; syncedLocalVersion: Date | null; remoteUpdatedAt: Date }): { decision: ConflictDecision; conflict: boolean } {
  const localChanged = p.syncedLocalVersion === null || p.localUpdatedAt.getTime() > p.syncedLocalVersion.getTime();
  if (!localChanged) return { decision: "apply", conflict: false };
  return { decision: p.remoteUpdatedAt.getTime() >= p.localUpdatedAt.getTime() ? "apply" : "keep_local", conflict: true };
}

/** The local values a remote change overwrites: field → { from, to }, only where there was a value and it differs. */
export function overwrites<T extends Record<string, unknown>>(current: T, patch: Partial<T>): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const [k, to] of Object.entries(patch)) {
    const from = current[k];
    if (from === null || from === undefined || from === "") continue;
    if (String(from) !== String(to ?? "")) out[k] = { from, to: to ?? null };
  }
  return out;
}

/** Only the keys whose value changes. */
export function changedOnly<T extends Record<string, unknown>>(current: T, patch: Partial<T>): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(patch) as [keyof T, T[keyof T]][]) if (String(current[k] ?? "") !== String(v ?? "")) out[k] = v;
  return out;
}

/** Waits before the 2nd, 3rd… push of a record that failed (seconds); a 429 waits what the remote asks instead. */
export const CRM_PUSH_RETRY_SECONDS = [10, 60, 300, 900, 3600] as const;
export const pushRetryDelay = (attempts: number) => CRM_PUSH_RETRY_SECONDS[Math.min(attempts, CRM_PUSH_RETRY_SECONDS.length - 1)]!;
/** A Retry-After beyond this is capped (the job comes back and asks again). */
export const MAX_RETRY_AFTER_SECONDS = 3600;
export const retryAfterDelay = (seconds: number) => Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(1, Math.ceil(Number.isFinite(seconds) ? seconds : 60)));
