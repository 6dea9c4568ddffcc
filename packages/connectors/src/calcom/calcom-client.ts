import { CalendarAuthError, type CalendarClient } from "@vendaflow/core/ports/calendar";

/** Cal.com API v2, API key as Bearer; each resource pins its `cal-api-version`. */
export const CALCOM_API_BASE = "https://api.cal.com/v2";
/** Where booking pages live when an event type does not say (`{base}/{username}/{slug}`). */
export const CALCOM_PUBLIC_BASE = "https://cal.com";

const VERSIONS = { eventTypes: "2024-06-14", slots: "2024-09-04", bookings: "2024-08-13" } as const;
export const CALCOM_TRIGGERS = ["BOOKING_CREATED", "BOOKING_RESCHEDULED", "BOOKING_CANCELLED", "BOOKING_NO_SHOW_UPDATED"] as const;

type Json = Record<string, unknown>;

/** Plain fetch (Cal.com's API v2 has no official Node SDK). Responses are `{status, data}` / `{status:"error", error}`. */
export function calcomClient(token: string, base = CALCOM_API_BASE, timeoutMs = 10_000): CalendarClient {
  async function call(method: string, path: string, version: string | null, body?: Json): Promise<unknown> {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(version ? { "cal-api-version": version } : {}), ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const json = (await res.json().catch(() => ({}))) as Json;
    if (res.status === 401) throw new CalendarAuthError();
    if (!res.ok || json.status !== "success") throw new Error(`Cal.com respondeu ${res.status}: ${String((json.error as Json | undefined)?.message ?? "erro")}`);
    return json.data;
  }
  return {
    provider: "calcom",
    async account() {
      const me = (await call("GET", "/me", null)) as Json;
      return { ref: String(me.id), organizationRef: me.organizationId ? String(me.organizationId) : null, name: String(me.name ?? me.username ?? ""), handle: me.username ? String(me.username) : null };
    },
    async eventTypes(account) {
      const data = (await call("GET", `/event-types${account.handle ? `?username=${encodeURIComponent(account.handle)}` : ""}`, VERSIONS.eventTypes)) as Json[];
      return data.map((e) => ({
        ref: String(e.id),
        name: String(e.title),
        bookingUrl: typeof e.bookingUrl === "string" ? e.bookingUrl : `${CALCOM_PUBLIC_BASE}/${account.handle ?? ""}/${String(e.slug)}`,
        durationMinutes: typeof e.lengthInMinutes === "number" ? e.lengthInMinutes : null,
      }));
    },
    async subscribe({ callbackUrl, secret }) {
      const data = (await call("POST", "/webhooks", null, { subscriberUrl: callbackUrl, triggers: [...CALCOM_TRIGGERS], active: true, secret })) as Json;
      return { ref: String(data.id) };
    },
    async unsubscribe(ref) {
      await call("DELETE", `/webhooks/${encodeURIComponent(ref)}`, null);
    },
    async freeSlots(eventTypeRef, from, to, timeZone) {
      const q = new URLSearchParams({ eventTypeId: eventTypeRef, start: from.toISOString(), end: to.toISOString(), timeZone });
      const byDay = (await call("GET", `/slots?${q}`, VERSIONS.slots)) as Record<string, { start: string }[]>;
      return Object.values(byDay)
        .flat()
        .map((s) => new Date(s.start))
        .filter((d) => !Number.isNaN(d.getTime()))
        .sort((a, b) => a.getTime() - b.getTime());
    },
    async book(input) {
      const data = (await call("POST", "/bookings", VERSIONS.bookings, {
        start: input.start.toISOString(),
        eventTypeId: Number(input.eventTypeRef),
        attendee: { name: input.name, email: input.email, timeZone: input.timeZone, language: "pt-BR" },
        metadata: input.metadata,
      })) as Json;
      return { externalId: String(data.uid), title: String(data.title ?? ""), startsAt: new Date(String(data.start)), endsAt: new Date(String(data.end)), joinUrl: typeof data.meetingUrl === "string" ? data.meetingUrl : null };
    },
  };
}
