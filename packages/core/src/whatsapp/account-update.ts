import { sql } from "kysely";
import { withTenant } from "@vendaflow/db/with-tenant";
import type { InboxSettings, WaDisconnected, WaEventKind } from "@vendaflow/validators/inbox";
import type { WaDisconnectReason, WaRestriction } from "@vendaflow/validators/plain/whatsapp-account";
import type { WhatsAppAccountUpdateEvent } from "@vendaflow/validators/whatsapp";
import { recordAudit } from "../audit/record";
import { inboxesById } from "../cache/hot-reads";
import type { AppDeps } from "../deps";

type Change = { disconnect: WaDisconnectReason } | { clear: WaDisconnectReason[] } | { violation: string } | { restrictions: NonNullable<WhatsAppAccountUpdateEvent["restrictions"]> };

/**
 * What an account_update event means for the platform-app inboxes of its WABA, and which kind of
 * state it is about (`on`: events of one kind are ordered by Meta's time, settings.waEventAt).
 * PARTNER_REMOVED / PARTNER_APP_UNINSTALLED: the business removed the platform (its token is
 * revoked); ACCOUNT_DELETED: the WABA is gone; DISABLED_UPDATE with DISABLE: Meta banned it
 * (REINSTATE lifts that ban only); ACCOUNT_OFFBOARDED: the number left Cloud API (device change or
 * re-registration; ACCOUNT_RECONNECTED ends it). ACCOUNT_VIOLATION / ACCOUNT_RESTRICTION are a
 * warning (settings.waRestriction), not a disconnection: Meta refuses per message what they forbid;
 * an ACCOUNT_RESTRICTION without restriction_info lifts the restriction. The rest changes nothing.
 */
export function accountUpdateEffect(ev: Pick<WhatsAppAccountUpdateEvent, "event" | "banState" | "violationType" | "restrictions">): ({ on: WaEventKind } & Change) | null {
  switch (ev.event) {
    case "PARTNER_REMOVED":
    case "PARTNER_APP_UNINSTALLED":
      return { on: "partner", disconnect: "partner_removed" };
    case "ACCOUNT_DELETED":
      return { on: "deleted", disconnect: "account_deleted" };
    case "ACCOUNT_OFFBOARDED":
      return { on: "offboard", disconnect: "offboarded" };
    case "ACCOUNT_RECONNECTED":
      return { on: "offboard", clear: ["offboarded"] };
    case "DISABLED_UPDATE":
      if (ev.banState === "DISABLE") return { on: "ban", disconnect: "banned" };
      if (ev.banState === "REINSTATE") return { on: "ban", clear: ["banned"] };
      return null;
    case "ACCOUNT_VIOLATION":
      return { on: "restriction", violation: ev.violationType ?? "" };
    case "ACCOUNT_RESTRICTION":
      return { on: "restriction", restrictions: ev.restrictions ?? [] };
    default:
      return null;
  }
}

/** Equal as JSON, whatever the key order (jsonb gives the stored settings back with its own). */
function sameJson(a: unknown, b: unknown): boolean {
  const stable = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(stable) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).sort(([x], [y]) => (x < y ? -1 : 1)).map(([k, x]) => [k, stable(x)])) : v;
  return JSON.stringify(stable(a ?? null)) === JSON.stringify(stable(b ?? null));
}

/** The inbox's settings after the event (the same object when nothing changes), and whether its state changed (audited). */
export function applyEffect(settings: InboxSettings, effect: { on: WaEventKind } & Change, ev: Pick<WhatsAppAccountUpdateEvent, "event" | "at">): { settings: InboxSettings; changed: boolean } {
  const at = Math.floor(ev.at.getTime() / 1000);
  const last = settings.waEventAt?.[effect.on];
  // Meta does not promise order: an event older than the last one of its kind (a DISABLE after its REINSTATE) is stale.
  if (last !== undefined && at < last) return { settings, changed: false };
  const next: InboxSettings = { ...settings };
  if ("violation" in effect || "restrictions" in effect) {
    const before = settings.waRestriction;
    const after: WaRestriction | undefined =
      "violation" in effect
        ? { event: ev.event, at: ev.at.toISOString(), violationType: effect.violation, restrictions: before?.restrictions ?? [] }
        : effect.restrictions.length
          ? { event: ev.event, at: ev.at.toISOString(), violationType: before?.violationType, restrictions: effect.restrictions }
          : undefined;
    if (after) next.waRestriction = after;
    else delete next.waRestriction;
  } else {
    const before = settings.waDisconnected;
    let after: WaDisconnected | undefined;
    if ("disconnect" in effect) after = before?.reason === effect.disconnect ? before : { reason: effect.disconnect, event: ev.event, at: ev.at.toISOString() };
    else after = before && effect.clear.includes(before.reason) ? undefined : before;
    if (after) next.waDisconnected = after;
    else delete next.waDisconnected;
  }
  const changed = !sameJson(next.waDisconnected, settings.waDisconnected) || !sameJson(next.waRestriction, settings.waRestriction);
  // A redelivery (same time, same state) writes nothing; a newer event is remembered even when the state stays.
  if (!changed && last === at) return { settings, changed: false };
  next.waEventAt = { ...settings.waEventAt, [effect.on]: at };
  return { settings: next, changed };
}

/**
 * Applies an account_update to the platform-app WhatsApp inboxes (active or not: a reactivated
 * inbox shows the truth) that use its WABA in each of `tenantIds` (app_platform_account_tenants_for_waba),
 * each tenant in its own RLS-bound transaction. A state change is audited; an event older than the
 * last one of its kind, or a redelivery, writes nothing. Returns how many inboxes changed state.
 */
export async function applyAccountUpdate(deps: Pick<AppDeps, "db" | "counters">, ev: WhatsAppAccountUpdateEvent, tenantIds: string[]): Promise<number> {
  const effect = accountUpdateEffect(ev);
  if (!effect) return 0;
  let changed = 0;
  for (const tenantId of tenantIds) {
    const touched = await withTenant(deps.db, tenantId, async (tx) => {
      const rows = await tx
        .selectFrom("inboxes")
        .select(["id", "settings"])
        .where("channel", "=", "whatsapp")
        .where("webhook_key", "is", null)
        .where(sql<boolean>`settings ->> 'waBusinessAccountId' = ${ev.wabaId}`)
        .forUpdate()
        .execute();
      const ids: string[] = [];
      let n = 0;
      for (const row of rows) {
        // Written back as stored, only these keys changed.
        const before = row.settings as InboxSettings;
        const after = applyEffect(before, effect, ev);
        if (after.settings === before) continue;
        await tx.updateTable("inboxes").set({ settings: JSON.stringify(after.settings), updated_at: sql<Date>`now()` }).where("id", "=", row.id).execute();
        ids.push(row.id);
        if (!after.changed) continue;
        n++;
        const state = (s: InboxSettings) => ("disconnect" in effect || "clear" in effect ? { waDisconnected: s.waDisconnected ?? null } : { waRestriction: s.waRestriction ?? null });
        await recordAudit(tx, tenantId, {}, { action: "whatsapp.account_update", entityType: "inbox", entityId: row.id, before: state(before), after: { ...state(after.settings), event: ev.event, wabaId: ev.wabaId } });
      }
      return { ids, changed: n };
    });
    // Readers in this process (read receipts, media) stop using the old inbox; sending reads the row.
    for (const id of touched.ids) await inboxesById.invalidate(deps.counters, `${tenantId}:${id}`);
    changed += touched.changed;
  }
  return changed;
}
