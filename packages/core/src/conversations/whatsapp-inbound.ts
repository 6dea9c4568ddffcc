import { createHash } from "node:crypto";
import { isTransientDbError } from "@vendaflow/db/errors";
import { withTenant } from "@vendaflow/db/with-tenant";
import type { WhatsAppEvent, WhatsAppHistoryEvent, WhatsAppParseIssue } from "@vendaflow/validators/whatsapp";
import type { AppDeps } from "../deps";
import { recordInboundMedia } from "../media/inbound-media";
import { transcribesVoiceNotes } from "../media/voice-note";
import { applyAccountUpdate } from "../whatsapp/account-update";
import { applyTemplateStatus } from "../whatsapp/templates";
import { applyDeliveryStatus } from "./delivery-status";
import { receiveInbound, recordInbound, type InboundMessage } from "./inbound";
import type { ProcessingWork } from "./process";
import { recordEcho, recordHistory } from "./whatsapp-coexistence";
import { campaignOf, describeContent } from "./whatsapp-content";
import { applyMessageEdit, applyMessageRevoke } from "./whatsapp-edits";
import { applyIdentityChange } from "./whatsapp-identity-change";

export { describeContent } from "./whatsapp-content";

export interface InboxRoute {
  tenantId: string;
  inboxId: string;
}

/**
 * Where a webhook's events may go, decided by the path it came in on (the app that signed it): a
 * number's events to the inbox owning that number, a template update (per WABA, not per number) to
 * the tenants this app serves for that WABA. An inbox on its own Meta app signs with a secret its
 * tenant typed, so its path must never reach another tenant's rows.
 */
export interface WhatsAppRouting {
  number(phoneNumberId: string): Promise<InboxRoute | null>;
  templates(wabaId: string): Promise<string[]>;
  /**
   * account_update (whatsapp/account-update.ts): the tenants whose platform-app inboxes use the
   * WABA. The platform's path only: an own-app path leaves it unset and such events are ignored.
   */
  accountUpdates?(wabaId: string): Promise<string[]>;
}

/** An event the database refused for a reason a retry would not change; logged, recorded, skipped. */
export interface FailedEvent {
  kind: WhatsAppEvent["kind"];
  id: string;
  tenantId: string;
  error: string;
}

const eventId = (ev: WhatsAppEvent) => (ev.kind === "template_status" ? `${ev.templateId}:${ev.status}` : ev.kind === "account_update" ? `${ev.wabaId}:${ev.event}` : ev.wamid);

/**
 * Keeps what could not be used, with its reason, as an ignored/failed inbound event of the tenant
 * (visible to support), once per element even if Meta redelivers the body.
 */
async function recordUnusable(deps: Pick<AppDeps, "db">, route: InboxRoute, what: { key: string; kind: string; status: "ignored" | "failed"; reason: string; path?: string; id?: string }) {
  const id = `${what.status === "failed" ? "failed" : "skipped"}:${createHash("sha256").update(what.key).digest("base64url").slice(0, 40)}`;
  await withTenant(deps.db, route.tenantId, (tx) =>
    tx
      .insertInto("inbound_events")
      .values({ tenant_id: route.tenantId, inbox_id: route.inboxId, provider: "whatsapp", provider_event_id: id, kind: what.kind.slice(0, 20), payload: JSON.stringify({ path: what.path ?? null, id: what.id ?? null }), status: what.status, error: what.reason.slice(0, 2000) })
      .onConflict((oc) => oc.columns(["tenant_id", "provider", "provider_event_id"]).doNothing())
      .execute(),
  );
}

/**
 * Persists a webhook's events, each routed to the inbox owning its phone_number_id, and records
 * the parser's issues with their tenant when it is known. Lead messages become pending inbound
 * events (returned, to process after answering Meta), their media files pending downloads (also
 * returned); statuses, edits, revokes, echoes, history and
 * identity changes are applied at once and never reach the bot. Repeated deliveries change nothing.
 * A database error a retry could fix is thrown (the route asks Meta to redeliver); any other
 * failure of one event is recorded and the rest of the batch goes on.
 */
export async function ingestWhatsApp(deps: AppDeps, events: WhatsAppEvent[], routing: WhatsAppRouting, issues: WhatsAppParseIssue[] = []) {
  /**
   * botActive: the bot will answer, so the lead is shown a read receipt and "digitando…" first.
   * done: messages already processed in their recording transaction (their replies go out with
   * finishProcessing); pending: at least one still needs processConversation.
   */
  const toProcess = new Map<string, { tenantId: string; inboxId: string; conversationId: string; lastWamid: string; botActive: boolean; done: ProcessingWork[]; pending: boolean }>();
  const failed: FailedEvent[] = [];
  /** Lead media to fetch from Meta once the webhook is answered (media/inbound-media). */
  const toDownload: { tenantId: string; mediaObjectId: string }[] = [];
  const routes = new Map<string, Promise<InboxRoute | null>>();
  const routeOf = (phoneNumberId: string) => {
    if (!routes.has(phoneNumberId)) routes.set(phoneNumberId, routing.number(phoneNumberId));
    return routes.get(phoneNumberId)!;
  };
  let unrouted = 0;
  const history = new Map<string, { inbox: InboxRoute; events: WhatsAppHistoryEvent[] }>();

  for (const ev of events) {
    // Template updates are per WhatsApp Business Account, not per number (whatsapp/templates).
    if (ev.kind === "template_status") {
      try {
        if ((await applyTemplateStatus(deps.db, ev, await routing.templates(ev.wabaId))) === 0) unrouted++;
      } catch (err) {
        if (isTransientDbError(err)) throw err;
        failed.push({ kind: ev.kind, id: eventId(ev), tenantId: "", error: err instanceof Error ? err.message : String(err) });
      }
      continue;
    }
    // Meta's news about a WABA (the business removed the platform, a ban…): its platform-app inboxes.
    if (ev.kind === "account_update") {
      try {
        if (routing.accountUpdates) await applyAccountUpdate(deps, ev, await routing.accountUpdates(ev.wabaId));
      } catch (err) {
        if (isTransientDbError(err)) throw err;
        failed.push({ kind: ev.kind, id: eventId(ev), tenantId: "", error: err instanceof Error ? err.message : String(err) });
      }
      continue;
    }
    const inbox = await routeOf(ev.phoneNumberId);
    if (!inbox) {
      unrouted++;
      continue;
    }
    try {
      switch (ev.kind) {
        case "status":
          await applyDeliveryStatus(deps, inbox.tenantId, inbox.inboxId, { wamid: ev.wamid, status: ev.status, at: ev.timestamp, error: ev.error, pricing: ev.pricing });
          break;
        case "edit":
          await applyMessageEdit(deps.db, inbox.tenantId, inbox.inboxId, ev);
          break;
        case "revoke":
          await applyMessageRevoke(deps.db, inbox.tenantId, inbox.inboxId, ev);
          break;
        case "identity_change":
          await applyIdentityChange(deps.db, inbox.tenantId, inbox.inboxId, ev);
          break;
        case "echo":
          await recordEcho(deps.db, inbox.tenantId, inbox.inboxId, ev);
          break;
        case "history": {
          const batch = history.get(inbox.inboxId) ?? { inbox, events: [] };
          batch.events.push(ev);
          history.set(inbox.inboxId, batch);
          break;
        }
        case "message": {
          const d = describeContent(ev.content);
          const m: InboundMessage = {
            tenantId: inbox.tenantId,
            inboxId: inbox.inboxId,
            who: { kind: "whatsapp", ...ev.user },
            provider: "whatsapp",
            providerEventId: ev.wamid,
            providerMessageId: ev.wamid,
            contentType: d.contentType,
            text: d.text,
            payload: ev.referral ? { ...d.payload, referral: ev.referral } : d.payload,
            input: d.input,
            at: ev.timestamp,
            campaign: campaignOf(ev.referral),
            // A voice note the AI layer will transcribe: the bot answers its text, not "I can't read files".
            ...(ev.content.type === "media" && ev.content.mediaType === "audio" && (await transcribesVoiceNotes(deps, inbox.tenantId)) ? { deferred: "transcription" as const } : {}),
          };
          // A file is recorded (its media row) before the bot sees it: two steps. Anything else
          // is processed in its recording transaction when the conversation is free. The media row
          // is tried on a redelivery too: a crash between the steps left the message without it,
          // and Meta redelivers a webhook it got no 200 for (an existing row adds nothing).
          const rec = ev.content.type === "media" ? { ...(await recordInbound(deps, m)), processed: null } : await receiveInbound(deps, m);
          if (ev.content.type === "media" && rec.messageId) {
            const c = ev.content;
            const mediaObjectId = await withTenant(deps.db, inbox.tenantId, (tx) => recordInboundMedia(tx, inbox.tenantId, rec.messageId, { kind: c.mediaType, mediaId: c.mediaId, mimeType: c.mimeType, filename: c.filename }, deps.now()));
            if (mediaObjectId) toDownload.push({ tenantId: inbox.tenantId, mediaObjectId });
          }
          if (!rec.duplicate) {
            const c = toProcess.get(rec.conversationId) ?? { tenantId: inbox.tenantId, inboxId: inbox.inboxId, conversationId: rec.conversationId, lastWamid: ev.wamid, botActive: false, done: [], pending: false };
            c.lastWamid = ev.wamid;
            c.botActive = rec.status === "bot";
            if (rec.processed) c.done.push(rec.processed);
            else c.pending = true;
            toProcess.set(rec.conversationId, c);
          }
          break;
        }
      }
    } catch (err) {
      if (isTransientDbError(err)) throw err;
      const error = err instanceof Error ? err.message : String(err);
      failed.push({ kind: ev.kind, id: eventId(ev), tenantId: inbox.tenantId, error });
      await recordUnusable(deps, inbox, { key: `${ev.kind}:${eventId(ev)}`, kind: ev.kind, status: "failed", reason: error, id: eventId(ev) });
    }
  }

  for (const { inbox, events: batch } of history.values()) {
    try {
      await recordHistory(deps.db, inbox.tenantId, inbox.inboxId, batch);
    } catch (err) {
      if (isTransientDbError(err)) throw err;
      const error = err instanceof Error ? err.message : String(err);
      failed.push({ kind: "history", id: batch[0]!.wamid, tenantId: inbox.tenantId, error });
      await recordUnusable(deps, inbox, { key: `history:${batch[0]!.wamid}`, kind: "history", status: "failed", reason: error });
    }
  }

  for (const issue of issues) {
    const inbox = issue.phoneNumberId ? await routeOf(issue.phoneNumberId) : null;
    if (inbox) await recordUnusable(deps, inbox, { key: `${issue.id ?? ""}:${issue.path}:${issue.reason}`, kind: "skipped", status: "ignored", reason: issue.reason, path: issue.path, id: issue.id });
  }

  return { toProcess: [...toProcess.values()], toDownload, unrouted, failed };
}
