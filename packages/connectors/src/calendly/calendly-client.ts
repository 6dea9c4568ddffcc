import { CalendarAuthError, type CalendarAccount, type CalendarClient } from "@vendaflow/core/ports/calendar";

/** Calendly API v2 (https://api.calendly.com), personal access token as Bearer. */
export const CALENDLY_API_BASE = "https://api.calendly.com";

/** The events a connection subscribes to: booked, canceled (a reschedule sends both) and no-shows. */
export const CALENDLY_EVENTS = ["invitee.created", "invitee.canceled", "invitee_no_show.created"] as const;

type Json = Record<string, unknown>;

/**
 * Plain fetch (Calendly ships no Node SDK). A 401 is a rejected token; other errors carry
 * Calendly's `{title, message}`. Timeouts keep a slow provider from holding the caller.
 */
export function calendlyClient(token: string, base = CALENDLY_API_BASE, timeoutMs = 10_000): CalendarClient {
  async function call(method: string, pathOrUrl: string, body?: Json): Promise<Json | null> {
    const url = pathOrUrl.startsWith("http") ? pathOrUrl.replace(CALENDLY_API_BASE, base) : `${base}${pathOrUrl}`;
    const res = await fetch(url, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (res.status === 204) return null;
    const json = (await res.json().catch(() => ({}))) as Json;
    if (res.status === 401) throw new CalendarAuthError();
    if (!res.ok) throw new Error(`Calendly respondeu ${res.status}: ${String(json.message ?? json.title ?? "erro")}`);
    return json;
  }
  return {
    provider: "calendly",
    async account() {
      const me = (await call("GET", "/users/me"))!.resource as Json;
      return { ref: String(me.uri), organizationRef: me.current_organization ? String(me.current_organization) : null, name: String(me.name ?? ""), handle: null };
    },
    async eventTypes(account: CalendarAccount) {
      const res = await call("GET", `/event_types?user=${encodeURIComponent(account.ref)}&active=true&count=100`);
      return ((res!.collection as Json[]) ?? []).map((e) => ({ ref: String(e.uri), name: String(e.name), bookingUrl: String(e.scheduling_url), durationMinutes: typeof e.duration === "number" ? e.duration : null }));
    },
    async subscribe({ account, callbackUrl, secret }) {
      const res = await call("POST", "/webhook_subscriptions", {
        url: callbackUrl,
        events: [...CALENDLY_EVENTS],
        organization: account.organizationRef,
        user: account.ref,
        scope: "user",
        signing_key: secret,
      });
      return { ref: String((res!.resource as Json).uri) };
    },
    async unsubscribe(ref: string) {
      await call("DELETE", ref);
    },
  };
}
