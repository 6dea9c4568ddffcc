import { createHash } from "node:crypto";
import http from "node:http";
import https from "node:https";
import { MediaTooLargeError, type DownloadedMedia, type RemoteTemplate } from "@vendaflow/core/ports/messaging";
import { readBounded } from "@vendaflow/core/read-bounded";
// Sends messages through Meta's WhatsApp Cloud API (POST /<version>/<phone-number-id>/messages).
// Limits below are Meta's; longer text is cut with "…" rather than rejected by the API.

export const LIMITS = {
  textBody: 4096,
  interactiveBody: 1024,
  buttons: 3,
  buttonTitle: 20,
  listRows: 10,
  listButton: 20,
  rowTitle: 24,
  rowDescription: 72,
  mediaCaption: 1024,
} as const;

/** Above this many options a list no longer fits; they go as numbered text. */
const LIST_MAX_OPTIONS = LIMITS.listRows;
const LIST_BUTTON_LABEL = "Ver opções";

/** Meta's code for a free-form message outside the 24-hour window. */
export const RE_ENGAGEMENT_CODE = 131047;
/** The number's throughput (80/s, 1,000/s upgraded, 20/s coexistence) was exceeded. */
export const THROUGHPUT_CODE = 130429;
/** Too many messages from this number to the same user (about 1 per 6 s, bursts of up to 45). */
export const PAIR_RATE_CODE = 131056;

export class WhatsAppApiError extends Error {
  override readonly name = "WhatsAppApiError";
  constructor(
    /** HTTP status. */
    readonly status: number,
    /** Meta's error code (e.g. 131047), null when the response had no error envelope. */
    readonly code: number | null,
    /** Meta's short message, without the "(#code) " prefix. */
    readonly title: string,
    /** error_data.details when Meta sent it. */
    readonly details?: string,
    readonly fbtraceId?: string,
  ) {
    super(`WhatsApp API ${status}${code === null ? "" : ` (#${code})`}: ${title}${details && details !== title ? ` — ${details}` : ""}`);
  }

  get isOutsideWindow(): boolean {
    return this.code === RE_ENGAGEMENT_CODE;
  }
}

/**
 * Who a message goes to: the phone when we know it (Meta prefers it, and keeps sending the phone
 * in webhooks), else the business-scoped user id of a lead who hides the number.
 */
export type Addressee = { to: string } | { recipient: string };

export interface WhatsAppClientOptions {
  graphBaseUrl?: string;
  apiVersion?: string;
  accessToken: string;
  phoneNumberId: string;
  /** For media and template calls; messages and read receipts go through postJson (node:http). */
  fetch?: typeof fetch;
  /** Per-request timeout; Meta normally answers well under a second. */
  timeoutMs?: number;
}

export interface ReplyButton {
  id: string;
  title: string;
}

export interface ListRow {
  id: string;
  title: string;
  description?: string;
}

export interface SendOption {
  id: string;
  /** Short label shown on a button or list row. */
  label: string;
  /** Full option text. */
  text: string;
}

export interface SentMessage {
  wamid: string;
}

/** Cuts to max characters (code points, so emoji are not split), ending with "…" when cut. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("").trimEnd()}…`;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

function toApiError(status: number, statusText: string, payload: unknown): WhatsAppApiError {
  const error = isObject(payload) && isObject(payload.error) ? payload.error : null;
  if (!error) return new WhatsAppApiError(status, null, statusText || "Unexpected response");
  const code = typeof error.code === "number" ? error.code : null;
  const raw = typeof error.error_user_title === "string" ? error.error_user_title : typeof error.message === "string" ? error.message : statusText;
  const title = raw.replace(/^\(#\d+\)\s*/, "");
  const details = isObject(error.error_data) && typeof error.error_data.details === "string" ? error.error_data.details : undefined;
  const fbtraceId = typeof error.fbtrace_id === "string" ? error.fbtrace_id : undefined;
  return new WhatsAppApiError(status, code, title, details, fbtraceId);
}

/** A Graph answer's JSON (null when it is not JSON); an error answer as Meta's error. */
async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  let payload: unknown = null;
  try {
    payload = JSON.parse(text);
  } catch {}
  if (!res.ok) throw toApiError(res.status, res.statusText, payload);
  return payload;
}

/** Meta's answers to a message or a read receipt are a few hundred bytes; anything past this is not one. */
const MAX_RESPONSE_BYTES = 1024 * 1024;

/**
 * Kept-alive connections to the Graph API, one pool per process and protocol. A free socket is
 * closed after 4 s (undici's default, which `fetch` used before), well inside the idle time a
 * server keeps a connection, so a request is not written to a socket the server is closing.
 */
const AGENT_OPTIONS = { keepAlive: true, maxSockets: 256, maxFreeSockets: 32, timeout: 4_000, scheduling: "lifo" } as const;
const graphAgents = { "http:": new http.Agent(AGENT_OPTIONS), "https:": new https.Agent(AGENT_OPTIONS) };

/**
 * One JSON POST over node:http(s): the message sends and read receipts, two per inbound message,
 * cost a fraction of `fetch`'s CPU this way (no web streams, AbortSignal or undici Request; Next's
 * patched fetch and its span are skipped too, the call's own span comes from tracedPort). The
 * whole exchange is bounded by `timeoutMs` (a TimeoutError, like AbortSignal.timeout's) and the
 * answer by MAX_RESPONSE_BYTES; a failure to connect is an Error naming the Graph API with the
 * socket's error as its cause.
 */
function postJson(url: URL, authorization: string, body: string, timeoutMs: number): Promise<{ status: number; statusText: string; text: string }> {
  const client = url.protocol === "https:" ? https : url.protocol === "http:" ? http : null;
  if (!client) return Promise.reject(new Error(`WhatsApp API: unsupported URL ${url.protocol}`));
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      reject(err);
    };
    const req = client.request(
      {
        protocol: url.protocol,
        hostname: url.hostname.replace(/^\[|\]$/g, ""),
        port: url.port || undefined,
        path: url.pathname + url.search,
        method: "POST",
        agent: graphAgents[url.protocol as "http:" | "https:"],
        headers: { authorization, "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (c: Buffer) => {
          size += c.length;
          if (size > MAX_RESPONSE_BYTES) return fail(new Error(`WhatsApp API: response over ${MAX_RESPONSE_BYTES} bytes`));
          chunks.push(c);
        });
        res.on("end", () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? "", text: Buffer.concat(chunks).toString("utf8") });
        });
        res.on("error", (err) => fail(err));
        res.on("close", () => fail(new Error("WhatsApp API: connection closed before the whole answer")));
      },
    );
    const timer = setTimeout(() => fail(Object.assign(new Error(`WhatsApp API: no answer within ${timeoutMs} ms`), { name: "TimeoutError" })), timeoutMs);
    req.on("error", (err) => fail(new Error(`WhatsApp API unreachable: ${err.message}`, { cause: err })));
    req.end(body);
  });
}

export function createWhatsAppClient(options: WhatsAppClientOptions) {
  const { graphBaseUrl = "https://graph.facebook.com", apiVersion = "v25.0", accessToken, phoneNumberId, timeoutMs = 15_000 } = options;
  const doFetch = options.fetch ?? fetch;
  const url = `${graphBaseUrl.replace(/\/+$/, "")}/${apiVersion}/${encodeURIComponent(phoneNumberId)}/messages`;

  const target = new URL(url);
  const authorization = `Bearer ${accessToken}`;

  async function request(body: Record<string, unknown>): Promise<unknown> {
    const res = await postJson(target, authorization, JSON.stringify(body), timeoutMs);
    let payload: unknown = null;
    try {
      payload = JSON.parse(res.text);
    } catch {}
    if (res.status < 200 || res.status > 299) throw toApiError(res.status, res.statusText, payload);
    return payload;
  }

  async function post(to: Addressee, message: Record<string, unknown>): Promise<SentMessage> {
    const payload = await request({ messaging_product: "whatsapp", recipient_type: "individual", ...to, ...message });
    const wamid = isObject(payload) && Array.isArray(payload.messages) && isObject(payload.messages[0]) ? payload.messages[0].id : undefined;
    if (typeof wamid !== "string") throw new WhatsAppApiError(200, null, "Response without messages[0].id");
    return { wamid };
  }

  async function sendText(to: Addressee, text: string) {
    return post(to, { type: "text", text: { body: truncate(text, LIMITS.textBody) } });
  }

  async function sendButtons(to: Addressee, bodyText: string, buttons: ReplyButton[]) {
    if (buttons.length < 1 || buttons.length > LIMITS.buttons) throw new RangeError(`Reply buttons take 1-${LIMITS.buttons} buttons, got ${buttons.length}.`);
    return post(to, {
      type: "interactive",
      interactive: {
        type: "button",
        body: { text: truncate(bodyText, LIMITS.interactiveBody) },
        action: { buttons: buttons.map((b) => ({ type: "reply", reply: { id: b.id, title: truncate(b.title, LIMITS.buttonTitle) } })) },
      },
    });
  }

  async function sendList(to: Addressee, bodyText: string, buttonLabel: string, rows: ListRow[]) {
    if (rows.length < 1 || rows.length > LIMITS.listRows) throw new RangeError(`A list takes 1-${LIMITS.listRows} rows, got ${rows.length}.`);
    return post(to, {
      type: "interactive",
      interactive: {
        type: "list",
        body: { text: truncate(bodyText, LIMITS.interactiveBody) },
        action: {
          button: truncate(buttonLabel, LIMITS.listButton),
          sections: [
            {
              rows: rows.map((r) => ({
                id: r.id,
                title: truncate(r.title, LIMITS.rowTitle),
                ...(r.description ? { description: truncate(r.description, LIMITS.rowDescription) } : {}),
              })),
            },
          ],
        },
      },
    });
  }

  /** A body and one button that opens a URL (interactive `cta_url`): no reply comes back. */
  async function sendCtaUrl(to: Addressee, bodyText: string, displayText: string, url: string) {
    return post(to, {
      type: "interactive",
      interactive: { type: "cta_url", body: { text: truncate(bodyText, LIMITS.interactiveBody) }, action: { name: "cta_url", parameters: { display_text: truncate(displayText, LIMITS.buttonTitle), url } } },
    });
  }

  /**
   * A WhatsApp Flow (interactive `flow`): a body and a button that opens the Flow `flowId` at
   * `screen` with `data` as its initial data; the answers come back as an `nfm_reply` carrying
   * `flowToken`. Meta's flow_cta is at most 20 characters.
   */
  async function sendFlow(to: Addressee, f: { bodyText: string; flowId: string; flowToken: string; cta: string; screen: string; data?: Record<string, unknown> }) {
    return post(to, {
      type: "interactive",
      interactive: {
        type: "flow",
        body: { text: truncate(f.bodyText, LIMITS.interactiveBody) },
        action: {
          name: "flow",
          parameters: {
            flow_message_version: "3",
            flow_token: f.flowToken,
            flow_id: f.flowId,
            flow_cta: truncate(f.cta, LIMITS.buttonTitle),
            flow_action: "navigate",
            flow_action_payload: { screen: f.screen, ...(f.data && Object.keys(f.data).length > 0 ? { data: f.data } : {}) },
          },
        },
      },
    });
  }

  /** Templates are the only messages Meta delivers outside the 24-hour window. */
  async function sendTemplate(to: Addressee, name: string, languageCode: string, bodyParams: string[] = []) {
    return post(to, {
      type: "template",
      template: {
        name,
        language: { code: languageCode },
        ...(bodyParams.length > 0 ? { components: [{ type: "body", parameters: bodyParams.map((text) => ({ type: "text", text })) }] } : {}),
      },
    });
  }

  /**
   * An AUTHENTICATION template (Meta's copy-code format): the code is the body's one parameter and
   * the parameter of the URL button at index 0 that copies it.
   */
  async function sendAuthCode(to: Addressee, name: string, languageCode: string, code: string) {
    return post(to, {
      type: "template",
      template: {
        name,
        language: { code: languageCode },
        components: [
          { type: "body", parameters: [{ type: "text", text: code }] },
          { type: "button", sub_type: "url", index: "0", parameters: [{ type: "text", text: code }] },
        ],
      },
    });
  }

  /** A question with options, in the richest form WhatsApp allows for that many. */
  async function sendOptions(to: Addressee, text: string, options: SendOption[]) {
    if (options.length === 0) return sendText(to, text);
    if (options.length <= LIMITS.buttons) return sendButtons(to, text, options.map((o) => ({ id: o.id, title: o.label })));
    if (options.length <= LIST_MAX_OPTIONS) {
      return sendList(to, text, LIST_BUTTON_LABEL, options.map((o) => ({ id: o.id, title: o.label, description: o.text })));
    }
    return sendText(to, `${text}\n\n${options.map((o, i) => `${i + 1}. ${o.text}`).join("\n")}`);
  }

  /**
   * Marks the lead's message read (blue ticks) and, with typing, shows "digitando…" until our reply
   * or 25 s, whichever comes first.
   */
  async function markRead(messageId: string, typing: boolean) {
    await request({ messaging_product: "whatsapp", status: "read", message_id: messageId, ...(typing ? { typing_indicator: { type: "text" } } : {}) });
  }

  const graphRoot = `${graphBaseUrl.replace(/\/+$/, "")}/${apiVersion}`;
  const auth = { authorization: `Bearer ${accessToken}` };

  /**
   * A lead's media: Meta's metadata for the id (valid 7 days), then the bytes from the URL it gives
   * (valid 5 minutes, Bearer auth). Refuses before reading past `maxBytes`, whether Meta declared
   * the size or not, and checks the bytes against Meta's sha256.
   */
  async function downloadMedia(mediaId: string, maxBytes: number): Promise<DownloadedMedia> {
    const meta = await readJson(
      await doFetch(`${graphRoot}/${encodeURIComponent(mediaId)}?phone_number_id=${encodeURIComponent(phoneNumberId)}`, { headers: auth, signal: AbortSignal.timeout(timeoutMs) }),
    );
    if (!isObject(meta) || typeof meta.url !== "string") throw new WhatsAppApiError(200, null, "Media response without url");
    const declaredSize = typeof meta.file_size === "number" ? meta.file_size : typeof meta.file_size === "string" ? Number(meta.file_size) : null;
    if (declaredSize !== null && declaredSize > maxBytes) throw new MediaTooLargeError(declaredSize, maxBytes);
    const res = await doFetch(meta.url, { headers: auth, signal: AbortSignal.timeout(Math.max(timeoutMs, 60_000)) });
    if (!res.ok || !res.body) throw toApiError(res.status, res.statusText, null);
    const body = await readBounded(res.body, maxBytes, (size) => new MediaTooLargeError(size, maxBytes));
    const sha256 = createHash("sha256").update(body).digest("hex");
    if (typeof meta.sha256 === "string" && meta.sha256 && meta.sha256.toLowerCase() !== sha256) throw new WhatsAppApiError(200, null, "Media sha256 does not match Meta's");
    const mimeType = typeof meta.mime_type === "string" ? meta.mime_type : (res.headers.get("content-type") ?? "application/octet-stream");
    return { body, mimeType, sha256 };
  }

  /** Uploads a file for sending (POST /<phone-number-id>/media); Meta answers its media id. */
  async function uploadMedia(body: Uint8Array, mimeType: string, filename: string): Promise<string> {
    const form = new FormData();
    form.set("messaging_product", "whatsapp");
    form.set("type", mimeType);
    form.set("file", new Blob([new Uint8Array(body)], { type: mimeType }), filename);
    const payload = await readJson(
      await doFetch(`${graphRoot}/${encodeURIComponent(phoneNumberId)}/media`, { method: "POST", headers: auth, body: form, signal: AbortSignal.timeout(Math.max(timeoutMs, 60_000)) }),
    );
    if (!isObject(payload) || typeof payload.id !== "string") throw new WhatsAppApiError(200, null, "Upload response without id");
    return payload.id;
  }

  /** An uploaded file as image, audio, video, document or sticker; audio and stickers take no caption. */
  async function sendMedia(to: Addressee, kind: "image" | "audio" | "video" | "document" | "sticker", mediaId: string, opts: { caption?: string; filename?: string } = {}) {
    const object: Record<string, unknown> = { id: mediaId };
    if (opts.caption && kind !== "audio" && kind !== "sticker") object.caption = truncate(opts.caption, LIMITS.mediaCaption);
    if (opts.filename && kind === "document") object.filename = opts.filename;
    return post(to, { type: kind, [kind]: object });
  }

  /** The number's profile (GET /<phone-number-id>): display number, verified name, quality, limits. */
  async function phoneNumberProfile() {
    const fields = "display_phone_number,verified_name,quality_rating,name_status,messaging_limit_tier";
    const p = await readJson(await doFetch(`${graphRoot}/${encodeURIComponent(phoneNumberId)}?fields=${fields}`, { headers: auth, signal: AbortSignal.timeout(timeoutMs) }));
    if (!isObject(p)) throw new WhatsAppApiError(200, null, "Phone number response is not an object");
    const text = (v: unknown) => (typeof v === "string" && v ? v : null);
    return {
      displayPhoneNumber: text(p.display_phone_number),
      verifiedName: text(p.verified_name),
      qualityRating: text(p.quality_rating)?.toLowerCase() ?? null,
      nameStatus: text(p.name_status)?.toLowerCase() ?? null,
      messagingLimitTier: text(p.messaging_limit_tier)?.toLowerCase() ?? null,
    };
  }

  /**
   * The ids of the WhatsApp Business Account's numbers (GET /<waba-id>/phone_numbers: Meta's
   * `data` of phone numbers, `paging.next` while there are more), following Meta's paging.
   */
  async function wabaPhoneNumberIds(wabaId: string): Promise<string[]> {
    const out: string[] = [];
    for await (const n of listEdge(`${graphRoot}/${encodeURIComponent(wabaId)}/phone_numbers?fields=id,display_phone_number&limit=100`)) {
      if (typeof n.id === "string" || typeof n.id === "number") out.push(String(n.id));
    }
    return out;
  }

  /** The objects of a Graph list edge (`data`), page after page while Meta gives `paging.next` (at most 50 pages). */
  async function* listEdge(first: string): AsyncGenerator<Record<string, unknown>> {
    let next: string | null = first;
    for (let page = 0; next && page < 50; page++) {
      const payload = await readJson(await doFetch(next, { headers: auth, signal: AbortSignal.timeout(timeoutMs) }));
      for (const item of isObject(payload) && Array.isArray(payload.data) ? payload.data : []) if (isObject(item)) yield item;
      const paging = isObject(payload) && isObject(payload.paging) ? payload.paging : null;
      next = paging && typeof paging.next === "string" ? paging.next : null;
    }
  }

  /** A JSON POST to another Graph object than the number's messages (Embedded Signup's steps); Meta's `success` must be true. */
  async function postTo(path: string, body: Record<string, unknown>): Promise<void> {
    const payload = await readJson(await doFetch(`${graphRoot}/${path}`, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs) }));
    if (!isObject(payload) || payload.success !== true) throw new WhatsAppApiError(200, null, "Response without success: true");
  }

  /** Embedded Signup: the app subscribes to the WABA's webhooks (POST /<waba-id>/subscribed_apps). */
  async function subscribeApp(wabaId: string): Promise<void> {
    await postTo(`${encodeURIComponent(wabaId)}/subscribed_apps`, {});
  }

  /** Embedded Signup: the number is registered for Cloud API (POST /<phone-number-id>/register) with its two-step verification pin. */
  async function registerNumber(pin: string): Promise<void> {
    await postTo(`${encodeURIComponent(phoneNumberId)}/register`, { messaging_product: "whatsapp", pin });
  }

  /** Every template of the WhatsApp Business Account, following Meta's paging. */
  async function listTemplates(wabaId: string): Promise<RemoteTemplate[]> {
    const out: RemoteTemplate[] = [];
    for await (const t of listEdge(`${graphRoot}/${encodeURIComponent(wabaId)}/message_templates?fields=id,name,language,status,category,components,rejected_reason&limit=100`)) {
      if (typeof t.name !== "string" || typeof t.language !== "string" || typeof t.status !== "string") continue;
      const components = Array.isArray(t.components) ? t.components : [];
      const body = components.find((c) => isObject(c) && c.type === "BODY") as Record<string, unknown> | undefined;
      out.push({
        templateId: typeof t.id === "string" || typeof t.id === "number" ? String(t.id) : null,
        name: t.name,
        language: t.language,
        status: t.status.toLowerCase(),
        category: typeof t.category === "string" ? t.category.toLowerCase() : null,
        reason: typeof t.rejected_reason === "string" && t.rejected_reason !== "NONE" ? t.rejected_reason : null,
        bodyText: body && typeof body.text === "string" ? body.text : null,
        components,
      });
    }
    return out;
  }

  return { sendText, sendButtons, sendCtaUrl, sendFlow, sendList, sendTemplate, sendAuthCode, sendOptions, markRead, downloadMedia, uploadMedia, sendMedia, listTemplates, phoneNumberProfile, wabaPhoneNumberIds, subscribeApp, registerNumber };
}

/**
 * Embedded Signup's first step: the code the popup handed the browser, exchanged server to server
 * for the business's token (GET /oauth/access_token with the app's id and secret). Meta refuses a
 * used, expired or foreign code with 100 (subcodes 36007-36009).
 */
export async function exchangeSignupCode(o: { graphBaseUrl?: string; apiVersion?: string; appId: string; appSecret: string; code: string; timeoutMs?: number; fetch?: typeof fetch }): Promise<string> {
  const root = `${(o.graphBaseUrl ?? "https://graph.facebook.com").replace(/\/+$/, "")}/${o.apiVersion ?? "v25.0"}`;
  const q = new URLSearchParams({ client_id: o.appId, client_secret: o.appSecret, code: o.code });
  const payload = await readJson(await (o.fetch ?? fetch)(`${root}/oauth/access_token?${q}`, { signal: AbortSignal.timeout(o.timeoutMs ?? 15_000) }));
  if (!isObject(payload) || typeof payload.access_token !== "string" || !payload.access_token) throw new WhatsAppApiError(200, null, "Response without access_token");
  return payload.access_token;
}

export type WhatsAppClient = ReturnType<typeof createWhatsAppClient>;
