import { sql } from "kysely";
import { withTenant } from "@vendaflow/db/with-tenant";
import type { WaDisconnected } from "@vendaflow/validators/inbox";
import type { WhatsAppAccountUpdateEvent } from "@vendaflow/validators/whatsapp";
import { recordAudit } from "../audit/record";
import { inboxesById } from "../cache/hot-reads";
import type { AppDeps } from "../deps";

/**
 * What an account_update event means for the platform-app inboxes of its WABA: `disconnect` with a
 * reason (the platform can no longer send for it), `clear` the reasons it ends, or nothing.
 * PARTNER_REMOVED / PARTNER_APP_UNINSTALLED: the business removed the platform (its token is
 * revoked); ACCOUNT_DELETED: the WABA is gone; DISABLED_UPDATE with DISABLE: Meta banned it
 * (REINSTATE lifts that ban only); ACCOUNT_OFFBOARDED: the number left Cloud API (device change or
 * re-registration; ACCOUNT_RECONNECTED ends it). Violations, restrictions and the rest do not stop
 * sending by themselves: Meta refuses what it refuses, on the message.
 */
export function accountUpdateEffect(ev: Pick<WhatsAppAccountUpdateEvent, "event" | "banState">): { disconnect: WaDisconnected["reason"] } | { clear: WaDisconnected["reason"][] } | null {
  switch (ev.event) {
    case "PARTNER_REMOVED":
    case "PARTNER_APP_UNINSTALLED":
      return { disconnect: "partner_removed" };
    case "ACCOUNT_DELETED":
      return { disconnect: "account_deleted" };
    case "ACCOUNT_OFFBOARDED":
      return { disconnect: "offboarded" };
    case "ACCOUNT_RECONNECTED":
      return { clear: ["offboarded"] };
    case "DISABLED_UPDATE":
      if (ev.banState === "DISABLE") return { disconnect: "banned" };
      if (ev.banState === "REINSTATE") return { clear: ["banned"] };
      return null;
    default:
      return null;
  }
}

/** The delivery error's and the card's pt-BR words for each reason. */
export const DISCONNECTED_TEXT: Record<WaDisconnected["reason"], string> = {
  partner_removed: "A Meta informou que a empresa removeu o acesso da plataforma a esta conta do WhatsApp Business; reconecte com a Meta para voltar a enviar.",
  account_deleted: "A Meta informou que esta conta do WhatsApp Business foi excluída; reconecte com a Meta usando uma conta ativa.",
  banned: "A Meta desativou esta conta do WhatsApp Business por violação das políticas; nada é enviado até a Meta reativá-la.",
  offboarded: "A Meta desconectou este número da API (troca de aparelho ou novo registro do número); nada é enviado até ele ser reconectado.",
};

/**
 * Applies an account_update to the platform-app WhatsApp inboxes that use its WABA in each of
 * `tenantIds` (app_platform_tenants_for_waba: the tenants the platform's path may reach for that
 * WABA), each tenant in its own RLS-bound transaction. An inbox whose state would not change is
 * left alone, so Meta's redeliveries change nothing (no write, no audit row). Returns how many
 * inboxes changed.
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
      for (const row of rows) {
        // Written back as stored, only this key changed.
        const settings = { ...(row.settings as Record<string, unknown>) };
        const before = (settings.waDisconnected as WaDisconnected | undefined) ?? null;
        let after: WaDisconnected | null;
        if ("disconnect" in effect) after = before?.reason === effect.disconnect ? before : { reason: effect.disconnect, event: ev.event, at: ev.at.toISOString() };
        else after = before && effect.clear.includes(before.reason) ? null : before;
        if (after === before) continue;
        if (after) settings.waDisconnected = after;
        else delete settings.waDisconnected;
        await tx.updateTable("inboxes").set({ settings: JSON.stringify(settings), updated_at: sql<Date>`now()` }).where("id", "=", row.id).execute();
        await recordAudit(tx, tenantId, {}, { action: "whatsapp.account_update", entityType: "inbox", entityId: row.id, before: { waDisconnected: before }, after: { waDisconnected: after, event: ev.event, wabaId: ev.wabaId } });
        ids.push(row.id);
      }
      return ids;
    });
    // Readers in this process (read receipts, media) stop using the old inbox; sending reads the row.
    for (const id of touched) await inboxesById.invalidate(deps.counters, `${tenantId}:${id}`);
    changed += touched.length;
  }
  return changed;
}
