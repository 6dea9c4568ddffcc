import { createHmac, randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local server speaking Cal.com API v2's wire format for what a connection uses (Bearer API
 * key, `cal-api-version` per resource, `{status:"success", data}` / `{status:"error", error}`):
 * `GET /v2/me`, `GET /v2/event-types`, `POST|DELETE /v2/webhooks`, `GET /v2/slots` (free starts
 * grouped by day of the asked time zone, with its offset) and `POST /v2/bookings` (a start no longer
 * free is Cal.com's 400 "already has booking at this time"). Bookings made through the API or the helpers deliver
 * the `BOOKING_*` webhooks Cal.com sends, signed `X-Cal-Signature-256` (hex HMAC of the body).
 */

type Obj = Record<string, unknown>;

export interface CalcomBooking {
  uid: string;
  id: number;
  eventTypeId: number;
  title: string;
  start: Date;
  end: Date;
  attendee: { name: string; email: string; timeZone: string };
  metadata: Record<string, string>;
  status: "ACCEPTED" | "CANCELLED";
}

export interface CalcomStandIn {
  url: string;
  /** The API base the client uses (`${url}/v2`). */
  apiBase: string;
  apiKey: string;
  eventTypes: { id: number; title: string; slug: string; lengthInMinutes: number; bookingUrl: string }[];
  webhooks: Map<string, { subscriberUrl: string; triggers: string[]; secret: string }>;
  bookings: Map<string, CalcomBooking>;
  /** Free starts the slots endpoint offers (a booked one disappears). */
  freeStarts: Date[];
  requests: { method: string; path: string; version: string | undefined; body: Obj | null }[];
  /** How many times the slots endpoint answered. */
  slotQueries: number;
  payload(trigger: string, b: CalcomBooking, extra?: Obj): Obj;
  sign(raw: string, secret: string): string;
  book(input: { eventTypeId?: number; start: Date; name: string; email: string; metadata?: Record<string, string> }): Promise<CalcomBooking>;
  cancel(uid: string, reason?: string): Promise<void>;
  reschedule(uid: string, start: Date): Promise<CalcomBooking>;
  deliveries: { trigger: string; status: number }[];
  close(): Promise<void>;
}

export async function startCalcomStandIn(opts: { apiKey?: string; freeStarts?: Date[] } = {}): Promise<CalcomStandIn> {
  const apiKey = opts.apiKey ?? `cal_live_${randomUUID().replaceAll("-", "")}`;
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let nextId = 100;
  const eventTypes = [
    { id: 501, title: "Demonstração", slug: "demo", lengthInMinutes: 30, bookingUrl: `${url}/vendas/demo` },
    { id: 502, title: "Diagnóstico", slug: "diagnostico", lengthInMinutes: 60, bookingUrl: `${url}/vendas/diagnostico` },
  ];
  const hour = 3_600_000;
  const base = Math.ceil(Date.now() / hour) * hour + 24 * hour;
  const s: CalcomStandIn = {
    url,
    apiBase: `${url}/v2`,
    apiKey,
    eventTypes,
    webhooks: new Map(),
    bookings: new Map(),
    freeStarts: opts.freeStarts ?? [0, 1, 2, 5, 26].map((h) => new Date(base + h * hour)),
    requests: [],
    slotQueries: 0,
    deliveries: [],
    payload(trigger, b, extra = {}) {
      return {
        triggerEvent: trigger,
        createdAt: new Date().toISOString(),
        payload: {
          type: eventTypes.find((e) => e.id === b.eventTypeId)?.slug,
          title: b.title,
          startTime: b.start.toISOString(),
          endTime: b.end.toISOString(),
          organizer: { id: 1, name: "Equipe de Vendas", email: "vendas@example.com", timeZone: "America/Sao_Paulo", username: "vendas" },
          attendees: [{ ...b.attendee, language: { locale: "pt-BR" } }],
          uid: b.uid,
          bookingId: b.id,
          eventTypeId: b.eventTypeId,
          metadata: { videoCallUrl: `https://cal.video/${b.uid}`, ...b.metadata },
          status: b.status,
          ...extra,
        },
      };
    },
    sign: (raw, secret) => createHmac("sha256", secret).update(raw).digest("hex"),
    async book(input) {
      const b = create(input);
      await deliver("BOOKING_CREATED", s.payload("BOOKING_CREATED", b));
      return b;
    },
    async cancel(uid, reason = "Imprevisto") {
      const b = s.bookings.get(uid)!;
      b.status = "CANCELLED";
      await deliver("BOOKING_CANCELLED", s.payload("BOOKING_CANCELLED", b, { cancellationReason: reason }));
    },
    async reschedule(uid, start) {
      const old = s.bookings.get(uid)!;
      old.status = "CANCELLED";
      const fresh = create({ eventTypeId: old.eventTypeId, start, name: old.attendee.name, email: old.attendee.email, metadata: old.metadata });
      await deliver("BOOKING_RESCHEDULED", s.payload("BOOKING_RESCHEDULED", fresh, { rescheduleUid: old.uid, rescheduleStartTime: old.start.toISOString() }));
      return fresh;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };

  function create(input: { eventTypeId?: number; start: Date; name: string; email: string; metadata?: Record<string, string> }): CalcomBooking {
    const type = eventTypes.find((e) => e.id === input.eventTypeId) ?? eventTypes[0]!;
    const b: CalcomBooking = {
      uid: randomUUID().replaceAll("-", "").slice(0, 22),
      id: nextId++,
      eventTypeId: type.id,
      title: `${type.title} entre Equipe de Vendas e ${input.name}`,
      start: input.start,
      end: new Date(input.start.getTime() + type.lengthInMinutes * 60_000),
      attendee: { name: input.name, email: input.email, timeZone: "America/Sao_Paulo" },
      metadata: input.metadata ?? {},
      status: "ACCEPTED",
    };
    s.bookings.set(b.uid, b);
    s.freeStarts = s.freeStarts.filter((d) => d.getTime() !== b.start.getTime());
    return b;
  }

  async function deliver(trigger: string, body: Obj) {
    for (const hook of s.webhooks.values()) {
      if (!hook.triggers.includes(trigger)) continue;
      const raw = JSON.stringify(body);
      const res = await fetch(hook.subscriberUrl, { method: "POST", headers: { "content-type": "application/json", "x-cal-signature-256": s.sign(raw, hook.secret) }, body: raw });
      await res.text();
      s.deliveries.push({ trigger, status: res.status });
    }
  }

  /** `2026-12-03T14:00:00.000-03:00`: an instant as Cal.com writes a slot in the asked time zone. */
  function inZone(d: Date, zone: string): string {
    const name = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" }).formatToParts(d).find((p) => p.type === "timeZoneName")?.value ?? "GMT";
    const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
    const offsetMin = m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
    const local = new Date(d.getTime() + offsetMin * 60_000).toISOString().slice(0, 23);
    return `${local}${m ? `${m[1]}${m[2]}:${m[3]}` : "Z"}`;
  }

  const ok = (res: http.ServerResponse, status: number, data: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify({ status: "success", data }));
  };
  const fail = (res: http.ServerResponse, status: number, code: string, message: string) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify({ status: "error", timestamp: new Date().toISOString(), path: "", error: { code, message } }));
  };

  server.on("request", (req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      void (async () => {
        const u = new URL(req.url ?? "/", url);
        const body = raw ? (JSON.parse(raw) as Obj) : null;
        const version = req.headers["cal-api-version"] as string | undefined;
        s.requests.push({ method: req.method ?? "GET", path: u.pathname + u.search, version, body });
        if (req.headers.authorization !== `Bearer ${apiKey}`) return fail(res, 401, "UnauthorizedException", "Invalid API Key");
        const path = u.pathname.replace(/^\/v2/, "");
        if (req.method === "GET" && path === "/me") return ok(res, 200, { id: 1, username: "vendas", email: "vendas@example.com", name: "Equipe de Vendas", timeZone: "America/Sao_Paulo", organizationId: null });
        if (req.method === "GET" && path === "/event-types") {
          if (version !== "2024-06-14") return fail(res, 400, "BadRequestException", "cal-api-version 2024-06-14 required");
          return ok(res, 200, eventTypes);
        }
        if (req.method === "POST" && path === "/webhooks") {
          if (!body?.subscriberUrl || !Array.isArray(body.triggers)) return fail(res, 400, "BadRequestException", "subscriberUrl and triggers are required");
          const id = randomUUID();
          s.webhooks.set(id, { subscriberUrl: String(body.subscriberUrl), triggers: body.triggers as string[], secret: String(body.secret ?? "") });
          return ok(res, 201, { id, subscriberUrl: body.subscriberUrl, triggers: body.triggers, active: true, payloadTemplate: null });
        }
        if (req.method === "DELETE" && path.startsWith("/webhooks/")) {
          const id = decodeURIComponent(path.slice("/webhooks/".length));
          if (!s.webhooks.delete(id)) return fail(res, 404, "NotFoundException", "Webhook not found");
          return ok(res, 200, { id });
        }
        if (req.method === "GET" && path === "/slots") {
          // 2024-09-04: `{ "YYYY-MM-DD": [{ start }] }`, days and starts (with their offset) in the asked time zone.
          if (version !== "2024-09-04") return fail(res, 400, "BadRequestException", "cal-api-version 2024-09-04 required");
          if (!u.searchParams.get("eventTypeId") || !eventTypes.some((e) => String(e.id) === u.searchParams.get("eventTypeId"))) return fail(res, 404, "NotFoundException", "Event type not found");
          const from = new Date(u.searchParams.get("start") ?? "");
          const to = new Date(u.searchParams.get("end") ?? "");
          if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) return fail(res, 400, "BadRequestException", "start and end must be ISO 8601 dates");
          const zone = u.searchParams.get("timeZone") ?? "UTC";
          const byDay: Record<string, { start: string }[]> = {};
          for (const d of [...s.freeStarts].sort((x, y) => x.getTime() - y.getTime()).filter((x) => x >= from && x <= to)) {
            const local = inZone(d, zone);
            (byDay[local.slice(0, 10)] ??= []).push({ start: local });
          }
          s.slotQueries++;
          return ok(res, 200, byDay);
        }
        if (req.method === "POST" && path === "/bookings") {
          if (version !== "2024-08-13") return fail(res, 400, "BadRequestException", "cal-api-version 2024-08-13 required");
          const start = new Date(String(body?.start));
          const who = body?.attendee as { name?: unknown; email?: unknown; timeZone?: unknown } | undefined;
          if (!who || typeof who.name !== "string" || typeof who.email !== "string" || typeof who.timeZone !== "string" || !body?.eventTypeId) {
            return fail(res, 400, "BadRequestException", "attendee.name, attendee.email, attendee.timeZone and eventTypeId are required");
          }
          if (!s.freeStarts.some((d) => d.getTime() === start.getTime())) return fail(res, 400, "BadRequestException", "User either already has booking at this time or is not available");
          const attendee = body!.attendee as { name: string; email: string };
          const b = create({ eventTypeId: Number(body!.eventTypeId), start, name: attendee.name, email: attendee.email, metadata: (body!.metadata as Record<string, string>) ?? {} });
          res.on("finish", () => void deliver("BOOKING_CREATED", s.payload("BOOKING_CREATED", b)));
          return ok(res, 201, { id: b.id, uid: b.uid, title: b.title, start: b.start.toISOString(), end: b.end.toISOString(), status: "accepted", meetingUrl: `https://cal.video/${b.uid}`, attendees: [b.attendee], metadata: b.metadata, eventTypeId: b.eventTypeId });
        }
        fail(res, 404, "NotFoundException", "Cannot find route");
      })().catch((err: Error) => fail(res, 500, "InternalServerErrorException", err.message));
    });
  });

  return s;
}
