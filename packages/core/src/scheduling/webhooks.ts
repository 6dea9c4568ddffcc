import { sql } from "kysely";
import { withTenant } from "@vendaflow/db/with-tenant";
import { calcomWebhookSchema, calendlyWebhookSchema, type CalendarProviderName } from "@vendaflow/validators/scheduling";
import { afterCommit, runAfterCommit } from "../after-commit";
import type { AppDeps } from "../deps";
import type { InboundWebhook } from "../webhooks/receive-once";
import { fromCalcom, fromCalendly, type BookingEvent } from "./booking-events";
import { loadConnection, type LoadedConnection } from "./connections";
import { applyBookingEvent } from "./meetings";

/** The route key in /api/webhooks/{provider}/{key} (base64url of 24 random bytes). */
const ROUTE_KEY = /^[A-Za-z0-9_-]{32,64}$/;

/** The connection a webhook route key names (app_resolve_calendar_webhook), with its signing secret. */
export async function resolveCalendarConnection(deps: Pick<AppDeps, "db" | "encryptionKey">, provider: CalendarProviderName, key: string): Promise<{ tenantId: string; connection: LoadedConnection } | null> {
  if (!ROUTE_KEY.test(key)) return null;
  const { rows } = await sql<{ tenant_id: string; connection_id: string }>`select * from app_resolve_calendar_webhook(${provider}, ${key})`.execute(deps.db);
  const r = rows[0];
  if (!r) return null;
  const connection = await withTenant(deps.db, r.tenant_id, (tx) => loadConnection(tx, deps, { id: r.connection_id }));
  return connection ? { tenantId: r.tenant_id, connection } : null;
}

/** Checks the provider's signature over the raw body with the connection's secret (from connectors). */
export type CalendarSignatureCheck = (rawBody: string, headers: Headers, secret: string) => boolean;

function calendarHook<S extends typeof calendlyWebhookSchema | typeof calcomWebhookSchema>(
  deps: AppDeps,
  route: { tenantId: string; connection: LoadedConnection } | null,
  spec: { provider: CalendarProviderName; schema: S; identify: InboundWebhook<S>["identify"]; normalise: (event: ReturnType<S["parse"]>) => BookingEvent | null },
  verify: CalendarSignatureCheck,
): InboundWebhook<S> {
  const after = afterCommit();
  return {
    provider: spec.provider,
    // An unknown route key has no secret: refused like a bad signature, nothing stored.
    verify: (raw, headers) => (route ? verify(raw, headers, route.connection.secrets.webhookSecret) : false),
    schema: spec.schema,
    identify: spec.identify,
    tenantOf: async () => route?.tenantId ?? null,
    async handle(tx, event, tenantId) {
      const ev = spec.normalise(event as ReturnType<S["parse"]>);
      if (ev && route) await applyBookingEvent(tx, { tenantId, connectionId: route.connection.id, now: deps.now(), after }, ev);
    },
    afterCommit: (_event, tenantId) => runAfterCommit(deps, tenantId, after),
  };
}

/**
 * Calendly: no event id on the wire, so a delivery is (event, resource URI): an invitee is
 * created once and canceled once, and its no-show has its own URI. Replays inside the signature's
 * timestamp tolerance are duplicates of that receipt.
 */
export const calendlyWebhook = (deps: AppDeps, route: { tenantId: string; connection: LoadedConnection } | null, verify: CalendarSignatureCheck) =>
  calendarHook(deps, route, { provider: "calendly", schema: calendlyWebhookSchema, identify: (e) => ({ eventId: `${e.event}:${e.payload.uri}`, eventType: e.event }), normalise: fromCalendly }, verify);

/** Cal.com signs no timestamp: the receipt of (booking uid, trigger) is what stops a replay. */
export const calcomWebhook = (deps: AppDeps, route: { tenantId: string; connection: LoadedConnection } | null, verify: CalendarSignatureCheck) =>
  calendarHook(
    deps,
    route,
    {
      provider: "calcom",
      schema: calcomWebhookSchema,
      identify: (e) => ({ eventId: `${e.payload.uid ?? e.payload.bookingUid ?? e.createdAt ?? "sem-uid"}:${e.triggerEvent}`, eventType: e.triggerEvent }),
      normalise: fromCalcom,
    },
    verify,
  );
