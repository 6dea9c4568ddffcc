import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { SIGNUP_DIALOG_PATH, sdkScript, signupDialogPage, type PendingSignup } from "./facebook-sdk";

// A local stand-in for the Graph API's WhatsApp Cloud endpoints: "messages" (Meta's response and
// error shapes, Bearer auth, one-shot failures, the 24-hour window, throughput and pair rates) and
// media — GET /<media-id> answers the metadata with a download URL that lives 5 minutes, the URL
// answers the bytes with Bearer auth, POST /<phone-number-id>/media takes a multipart upload.
// Flows: POST /<waba-id>/flows creates a Flow from its Flow JSON (validated as far as the stand-in
// knows the rules, errors in Meta's validation_errors shape), published when asked; an interactive
// `flow` message must name a published Flow and carry Meta's parameters (flow_message_version "3",
// flow_token, flow_cta up to 20 characters, navigate with a screen of that Flow).
// Business numbers: GET /<phone-number-id>?fields=… and GET /<waba-id>/phone_numbers answer the
// numbers registered with addPhoneNumber (or POST /_stand-in/phone-numbers from another process,
// registerPhoneNumber), each in its WABA and seen by its token only: the platform's (the stand-in's
// accessToken) unless registered with its own app's token. A token that is neither is 190; an id
// the token cannot see is 100 with subcode 33, as Meta answers both.
// Embedded Signup: GET /oauth/access_token exchanges a code the stand-in issued (issueSignupCode, or
// POST /_stand-in/signup-codes from another process; single use, 30 s by default, for the app's
// client_id and client_secret) for a business token that sees the numbers of that one WABA shared
// with the platform; POST /<waba-id>/subscribed_apps and POST /<phone-number-id>/register (with a
// 6-digit pin; a number keeps the first pin it is registered with) answer `{ success: true }`. It
// also serves the browser's side (tests/stand-ins/facebook-sdk.ts): /sdk.js and the signup popup.
// A WABA onboarded that way (subscribed_apps or register with a business token) is the business's:
// from then on its numbers (profile, messages, read receipts, uploads) and templates answer only its
// business token, as Meta scopes a Tech Provider's access to the customer's token; the platform's
// token gets 100/33 there. A revoked token (revokeToken) is 190 everywhere.
// Note: real Meta often accepts a free-form message outside the window and reports 131047 later in a
// "failed" status webhook; the stand-in answers it synchronously, which the client must handle too.
// Each request is kept with the answer it got (`requests`); replies are counted with `sent` /
// `waitForSent`, the sends it accepted, since a refused send (190 from a token it never issued) is a
// request too.

export interface GraphRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON, or the raw text when it is not JSON; {} when empty (GETs), so matchers can read fields. */
  body: unknown;
  raw: Buffer;
  /** performance.now() on arrival. */
  at: number;
  /** The HTTP status the stand-in answered (JSON answers only); unset while held, or when dropped. */
  status?: number;
  /** The JSON it answered: Meta's envelope, `{ error: { code } }` when refused. */
  answer?: unknown;
}

export interface StoredMedia {
  id: string;
  body: Buffer;
  mimeType: string;
  /** Declared in the metadata; defaults to the real size (set it to lie, as a test of the client). */
  fileSize?: number;
  filename?: string;
}

/** A business number as GET /<phone-number-id> describes it. */
export interface StandInPhoneNumber {
  display_phone_number: string;
  verified_name: string;
  quality_rating: "GREEN" | "YELLOW" | "RED" | "UNKNOWN";
  name_status?: string;
  messaging_limit_tier?: string;
}

/** Where a number belongs: its WABA, and the token that sees it (an own Meta app's; default the platform's). */
export interface PhoneNumberOwner {
  wabaId?: string;
  token?: string;
}

/** The control call another process (the shared app's tests) registers a number with. */
export const REGISTER_PATH = "/_stand-in/phone-numbers";

/** A business number the stand-in behind `graphUrl` knows, registered from any process. */
export async function registerPhoneNumber(graphUrl: string, phoneNumberId: string, number: StandInPhoneNumber = defaultNumber(phoneNumberId), owner: PhoneNumberOwner = {}) {
  const res = await fetch(`${graphUrl}${REGISTER_PATH}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ phoneNumberId, number, ...owner }) });
  if (!res.ok) throw new Error(`graph stand-in: registering ${phoneNumberId} answered ${res.status}`);
}

/** A plausible profile for a test number: its display number ends with the id's last digits. */
export function defaultNumber(phoneNumberId: string): StandInPhoneNumber {
  const tail = phoneNumberId.slice(-8).padStart(8, "0");
  return { display_phone_number: `+55 11 9${tail.slice(0, 4)}-${tail.slice(4)}`, verified_name: "Loja de Teste", quality_rating: "GREEN", name_status: "APPROVED", messaging_limit_tier: "TIER_1K" };
}

/** The control call that issues an Embedded Signup code for a WABA (what Meta's popup hands the browser). */
export const SIGNUP_CODE_PATH = "/_stand-in/signup-codes";

/** The control call that says what the next signup popup does (facebook-sdk.ts). */
export const NEXT_SIGNUP_PATH = "/_stand-in/next-signup";

/** Queues what the next Embedded Signup popup of the stand-in behind `graphUrl` does (any process). */
export async function queueSignup(graphUrl: string, next: PendingSignup) {
  const res = await fetch(`${graphUrl}${NEXT_SIGNUP_PATH}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(next) });
  if (!res.ok) throw new Error(`graph stand-in: queueing a signup answered ${res.status}`);
}

/** A code for `wabaId`, from the stand-in behind `graphUrl` (any process). */
export async function issueSignupCode(graphUrl: string, wabaId: string, ttlMs?: number): Promise<string> {
  const res = await fetch(`${graphUrl}${SIGNUP_CODE_PATH}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ wabaId, ttlMs }) });
  if (!res.ok) throw new Error(`graph stand-in: issuing a signup code answered ${res.status}`);
  return ((await res.json()) as { code: string }).code;
}

export interface GraphStandInOptions {
  /** The platform's Meta app: the code exchange requires this client_id and client_secret (unset: any non-empty pair). */
  app?: { id: string; secret: string };
  /** The platform's token. When set, only it and the tokens numbers were registered with are accepted; otherwise any Bearer token is. */
  accessToken?: string;
  /** Delay before each answer, for timeouts and benchmarks. */
  latencyMs?: number;
  /** Meta's per-number throughput: messages past this many in any second get 130429. */
  throughputPerSecond?: number;
  /** Meta's pair rate: past this many messages to one user within 6 s, 131056. */
  pairBurst?: number;
  /** How long a media download URL works (Meta: 5 minutes). */
  mediaUrlTtlMs?: number;
}

const MESSAGES_PATH = /^\/(v\d+\.\d+)\/([^/]+)\/messages$/;
const UPLOAD_PATH = /^\/(v\d+\.\d+)\/([^/]+)\/media$/;
const MEDIA_META_PATH = /^\/(v\d+\.\d+)\/(\d+)$/;
const MEDIA_FILE_PATH = /^\/media-files\/(\d+)$/;
const TEMPLATES_PATH = /^\/(v\d+\.\d+)\/(\d+)\/message_templates$/;
const FLOWS_PATH = /^\/(v\d+\.\d+)\/(\d+)\/flows$/;
const WABA_NUMBERS_PATH = /^\/(v\d+\.\d+)\/(\d+)\/phone_numbers$/;
const OAUTH_PATH = /^\/(v\d+\.\d+)\/oauth\/access_token$/;
const SUBSCRIBED_APPS_PATH = /^\/(v\d+\.\d+)\/(\d+)\/subscribed_apps$/;
const REGISTER_NUMBER_PATH = /^\/(v\d+\.\d+)\/(\d+)\/register$/;

/** A Flow the stand-in holds (POST /<waba-id>/flows). */
export interface StandInFlow {
  id: string;
  wabaId: string;
  name: string;
  status: "DRAFT" | "PUBLISHED";
  json: Record<string, unknown>;
}

/** Meta's validation_errors entry for a Flow JSON. */
interface FlowValidationError {
  error: string;
  error_type: "FLOW_JSON_ERROR";
  message: string;
  pointers?: { path: string }[];
}

/**
 * The rules of a Flow JSON the stand-in checks (a subset of Meta's): a version and screens; every
 * screen an id and a layout; names unique per screen; `${data.x}` only for declared data, each
 * declared with its __example__; `${form.x}` only for inputs of the screen; a terminal screen has a
 * Footer; RadioButtonsGroup / Dropdown take a data-source; TextInput labels at most 20 characters,
 * other labels 30; a Footer completes or navigates.
 */
export function validateFlowJson(json: unknown): FlowValidationError[] {
  const errors: FlowValidationError[] = [];
  const fail = (message: string, path: string) => errors.push({ error: "INVALID_PROPERTY_VALUE", error_type: "FLOW_JSON_ERROR", message, pointers: [{ path }] });
  if (!isObject(json)) return [{ error: "INVALID_JSON", error_type: "FLOW_JSON_ERROR", message: "Flow JSON is not an object" }];
  if (typeof json.version !== "string") fail("version is required", "version");
  if (!Array.isArray(json.screens) || json.screens.length === 0) {
    fail("screens must have at least one screen", "screens");
    return errors;
  }
  json.screens.forEach((screen: unknown, si: number) => {
    const at = `screens[${si}]`;
    if (!isObject(screen) || typeof screen.id !== "string" || !/^[A-Z_]+$/.test(screen.id)) return fail("screen id must be upper-case letters and underscores", `${at}.id`);
    const data = isObject(screen.data) ? screen.data : {};
    for (const [k, v] of Object.entries(data)) if (!isObject(v) || typeof v.type !== "string" || !("__example__" in v)) fail(`data ${k} needs a type and an __example__`, `${at}.data.${k}`);
    const layout = screen.layout;
    if (!isObject(layout) || layout.type !== "SingleColumnLayout" || !Array.isArray(layout.children)) return fail("layout must be a SingleColumnLayout with children", `${at}.layout`);
    const children = layout.children.flatMap((c: unknown) => (isObject(c) && c.type === "Form" && Array.isArray(c.children) ? c.children : [c])) as unknown[];
    const names = new Set<string>();
    const refs = (v: unknown, path: string) => {
      const text = JSON.stringify(v) ?? "";
      for (const m of text.matchAll(/\$\{data\.([A-Za-z0-9_]+)\}/g)) if (!(m[1]! in data)) fail(`\${data.${m[1]}} is not declared in the screen's data`, path);
    };
    let footer = false;
    children.forEach((c, ci) => {
      const cat = `${at}.layout.children[${ci}]`;
      if (!isObject(c) || typeof c.type !== "string") return fail("component needs a type", cat);
      refs(c, cat);
      if (typeof c.name === "string") {
        if (names.has(c.name)) fail(`duplicate name ${c.name}`, `${cat}.name`);
        names.add(c.name);
      }
      if ((c.type === "RadioButtonsGroup" || c.type === "Dropdown") && typeof c["data-source"] !== "string" && !Array.isArray(c["data-source"])) fail(`${c.type} needs a data-source`, cat);
      if (typeof c.label === "string" && c.label.length > (c.type === "TextInput" ? 20 : 30)) fail(`${c.type} label too long`, `${cat}.label`);
      if (c.type === "Footer") {
        footer = true;
        const action = c["on-click-action"];
        if (!isObject(action) || (action.name !== "complete" && action.name !== "navigate" && action.name !== "data_exchange")) fail("Footer needs an on-click-action", cat);
        const text = JSON.stringify(isObject(action) ? (action.payload ?? {}) : {});
        for (const m of text.matchAll(/\$\{form\.([A-Za-z0-9_]+)\}/g)) if (!names.has(m[1]!)) fail(`\${form.${m[1]}} names no input of the screen`, `${cat}.on-click-action.payload`);
      }
    });
    if (screen.terminal === true && !footer) fail("a terminal screen needs a Footer", at);
  });
  return errors;
}

/** A template as Meta lists it (GET /<waba-id>/message_templates). */
export interface StandInTemplate {
  id: string;
  name: string;
  language: string;
  status: string;
  category: string;
  components: unknown[];
  rejected_reason?: string;
}

// Titles Meta uses for the codes tests are likely to force.
const errorTitles: Record<number, string> = {
  100: "Invalid parameter",
  190: "Invalid OAuth access token - Cannot parse access token",
  131026: "Message undeliverable",
  131047: "Re-engagement message",
  131056: "(Business Account, Consumer Account) pair rate limit hit",
  130429: "Rate limit hit",
  131000: "Something went wrong",
  131009: "Parameter value is not valid",
  133005: "Two step verification PIN Mismatch",
};

const errorDetails: Record<number, string> = {
  131047: "Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
};

function metaError(code: number, details?: string) {
  const title = errorTitles[code] ?? "Error";
  return {
    error: {
      message: `(#${code}) ${title}`,
      type: "OAuthException",
      code,
      error_data: { messaging_product: "whatsapp", details: details ?? errorDetails[code] ?? title },
      fbtrace_id: randomBytes(9).toString("base64url"),
    },
  };
}

/** Meta's answer for an id that does not exist or that the token may not see (GET /<id>). */
function unknownObject(id: string) {
  return {
    error: {
      message: `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
      type: "GraphMethodException",
      code: 100,
      error_subcode: 33,
      fbtrace_id: randomBytes(9).toString("base64url"),
    },
  };
}

/** Meta's answer to a code it did not issue, issued for another app, already used or expired (OAuth, 400). */
function badCode(subcode: number, message: string) {
  return { error: { message, type: "OAuthException", code: 100, error_subcode: subcode, fbtrace_id: randomBytes(9).toString("base64url") } };
}

/** Records each JSON answer on the request it answers (see GraphRequest.status). */
const answered = new WeakMap<ServerResponse, (status: number, payload: unknown) => void>();

function send(res: ServerResponse, status: number, payload: unknown) {
  answered.get(res)?.(status, payload);
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(payload));
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Whether a request is a message send (POST /<phone-number-id>/messages, not a read receipt). */
export const isSend = (r: GraphRequest) => r.method === "POST" && MESSAGES_PATH.test(new URL(r.path, "http://stand-in").pathname) && !(isObject(r.body) && r.body.status === "read");

/**
 * A send Meta accepted: answered 200 with a wamid. Count replies with this, not with attempts: a
 * send refused with 190 (a token this stand-in never issued, e.g. an inbox connected through
 * another app's Meta) is still a request.
 */
export const isAcceptedSend = (r: GraphRequest) => isSend(r) && r.status === 200 && isObject(r.answer) && Array.isArray(r.answer.messages) && /^wamid\./.test(String((r.answer.messages[0] as { id?: unknown } | undefined)?.id));

/** The Meta error code a request was refused with, if it was. */
export const refusalCode = (r: GraphRequest): number | undefined => (isObject(r.answer) && isObject(r.answer.error) && typeof r.answer.error.code === "number" ? r.answer.error.code : undefined);

export async function startGraphStandIn(opts: GraphStandInOptions = {}) {
  const requests: GraphRequest[] = [];
  const closedWindows = new Set<string>();
  const failures: { code: number; status: number; only?: (r: GraphRequest) => boolean }[] = [];
  const holds: { ms: number; only?: (r: GraphRequest) => boolean }[] = [];
  const drops: { only?: (r: GraphRequest) => boolean }[] = [];
  const waiters = new Set<{ predicate: (r: GraphRequest) => boolean; resolve: (r: GraphRequest) => void }>();
  let counter = 0;
  /** Arrival times (ms) of recent messages per number and per number-and-user pair. */
  const recent = new Map<string, number[]>();
  function overLimit(key: string, windowMs: number, limit: number | undefined) {
    if (limit === undefined) return false;
    const now = performance.now();
    const times = (recent.get(key) ?? []).filter((t) => now - t < windowMs);
    times.push(now);
    recent.set(key, times);
    return times.length > limit;
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      const text = raw.toString("utf8");
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : {};
      } catch {}
      // Recorded on arrival, before any latency, so `requests` keeps arrival order.
      const request: GraphRequest = { method: req.method ?? "", path: req.url ?? "", headers: req.headers, body, raw, at: performance.now() };
      requests.push(request);
      answered.set(res, (status, answer) => {
        request.status = status;
        request.answer = answer;
      });
      for (const waiter of waiters) {
        if (waiter.predicate(request)) {
          waiters.delete(waiter);
          waiter.resolve(request);
        }
      }
      const dropping = drops.findIndex((d) => !d.only || d.only(request));
      if (dropping >= 0) {
        drops.splice(dropping, 1);
        return req.socket.destroy();
      }
      const answer = () => respond(request, res);
      const holding = holds.findIndex((h) => !h.only || h.only(request));
      const delay = (opts.latencyMs ?? 0) + (holding >= 0 ? holds.splice(holding, 1)[0]!.ms : 0);
      if (delay) setTimeout(answer, delay);
      else answer();
    });
  });

  const media = new Map<string, StoredMedia>();
  const templates = new Map<string, StandInTemplate[]>();
  const uploads: StoredMedia[] = [];
  const phoneNumbers = new Map<string, { number: StandInPhoneNumber } & PhoneNumberOwner>();
  /** Own apps' tokens, accepted besides the platform's (opts.accessToken). */
  const ownTokens = new Set<string>();
  /** Embedded Signup codes the stand-in issued: the WABA each is for, until when, and whether it was used. */
  const signupCodes = new Map<string, { wabaId: string; until: number; used: boolean }>();
  /** Business tokens (a code exchanged): each sees the numbers of its WABA shared with the platform. */
  const businessTokens = new Map<string, string>();
  /** Numbers registered for Cloud API (POST /<id>/register) and their pins; WABAs the app subscribed to. */
  const registered = new Map<string, string>();
  const subscribedWabas = new Set<string>();
  /** WABAs onboarded through Embedded Signup: their numbers and templates answer their business tokens only. */
  const businessWabas = new Set<string>();
  /** Tokens revoked (revokeToken): 190 on every call. */
  const revoked = new Set<string>();
  /**
   * Whether `token` sees the number: its own app's token; else a business token for the number's
   * WABA, or the platform's while that WABA was not onboarded through the signup.
   */
  const sees = (token: string, n: PhoneNumberOwner) =>
    n.token !== undefined
      ? n.token === token
      : businessTokens.has(token)
        ? businessTokens.get(token) === n.wabaId
        : (opts.accessToken === undefined || token === opts.accessToken) && !(n.wabaId !== undefined && businessWabas.has(n.wabaId));
  /** A number (by id) or WABA the signup made the business's, and a token that is not that business's: Meta's 100/33. */
  const refusedNumber = (phoneNumberId: string, token: string) => {
    const n = phoneNumbers.get(phoneNumberId);
    return n !== undefined && n.wabaId !== undefined && businessWabas.has(n.wabaId) && !sees(token, n);
  };
  const refusedWaba = (wabaId: string, token: string) => businessWabas.has(wabaId) && businessTokens.get(token) !== wabaId;
  function issueSignupCode(wabaId: string, ttlMs = 30_000): string {
    const code = `AQ${randomBytes(24).toString("base64url")}`;
    signupCodes.set(code, { wabaId, until: Date.now() + ttlMs, used: false });
    return code;
  }
  function addPhoneNumber(phoneNumberId: string, number: StandInPhoneNumber, owner: PhoneNumberOwner = {}) {
    phoneNumbers.set(phoneNumberId, { number, ...owner });
    if (owner.token !== undefined) ownTokens.add(owner.token);
  }
  const flows = new Map<string, StandInFlow>();
  let flowCounter = 0;
  /** Download URL token → media id and when the URL stops working. */
  const downloadUrls = new Map<string, { id: string; until: number }>();
  let mediaCounter = 0;
  const newMediaId = () => `${Date.now()}${String(++mediaCounter).padStart(4, "0")}`;

  /** One page of a list edge in Meta's shape: `data`, `paging.cursors`, and `paging.next` while there are more (`limit`, `after`). */
  function page<T>(url: URL, all: T[]) {
    const limit = Math.min(Number(url.searchParams.get("limit") ?? 25), 100);
    const from = Number(url.searchParams.get("after") ?? 0);
    const nextUrl = new URL(`${baseUrl}${url.pathname}`);
    url.searchParams.forEach((v, k) => nextUrl.searchParams.set(k, v));
    nextUrl.searchParams.set("after", String(from + limit));
    return { data: all.slice(from, from + limit), paging: { cursors: { before: String(from), after: String(from + limit) }, ...(from + limit < all.length ? { next: nextUrl.toString() } : {}) } };
  }

  function respond(request: GraphRequest, res: ServerResponse) {
    const url = new URL(request.path, "http://stand-in");
    const path = url.pathname;
    const auth = request.headers.authorization ?? "";
    if (request.method === "POST" && path === REGISTER_PATH) {
      const b = request.body;
      if (!isObject(b) || typeof b.phoneNumberId !== "string" || !isObject(b.number)) return send(res, 400, { error: "phoneNumberId and number are required" });
      addPhoneNumber(b.phoneNumberId, b.number as unknown as StandInPhoneNumber, { wabaId: typeof b.wabaId === "string" ? b.wabaId : undefined, token: typeof b.token === "string" ? b.token : undefined });
      return send(res, 200, { ok: true });
    }
    if (request.method === "POST" && path === SIGNUP_CODE_PATH) {
      const b = request.body;
      if (!isObject(b) || typeof b.wabaId !== "string") return send(res, 400, { error: "wabaId is required" });
      return send(res, 200, { code: issueSignupCode(b.wabaId, typeof b.ttlMs === "number" ? b.ttlMs : undefined) });
    }
    if (request.method === "POST" && path === NEXT_SIGNUP_PATH) {
      const b = request.body;
      if (!isObject(b) || (b.outcome !== "finish" && b.outcome !== "cancel" && b.outcome !== "error")) return send(res, 400, { error: "outcome is required" });
      if (b.outcome === "finish" && (typeof b.wabaId !== "string" || typeof b.phoneNumberId !== "string")) return send(res, 400, { error: "wabaId and phoneNumberId are required" });
      pendingSignups.push(b as unknown as PendingSignup);
      return send(res, 200, { ok: true });
    }
    // The page (a tenant's host) loads the SDK from this other local origin: Chromium asks first
    // (CORS preflight for the tests' extra headers, and Private Network Access).
    if (request.method === "OPTIONS" && path === "/sdk.js") {
      const asked = String(request.headers["access-control-request-headers"] ?? "");
      res.writeHead(204, { "access-control-allow-origin": "*", "access-control-allow-methods": "GET", "access-control-allow-private-network": "true", ...(asked ? { "access-control-allow-headers": asked } : {}) });
      return res.end();
    }
    if (request.method === "GET" && (path === "/sdk.js" || path === SIGNUP_DIALOG_PATH)) {
      return serveSdk(path, url, res);
    }
    // The code exchange (Embedded Signup): no Bearer, the app's id and secret in the query.
    if (request.method === "GET" && OAUTH_PATH.test(path)) {
      const clientId = url.searchParams.get("client_id") ?? "";
      const clientSecret = url.searchParams.get("client_secret") ?? "";
      if (!clientId || (opts.app && clientId !== opts.app.id)) return send(res, 400, { error: { message: "Error validating application. Invalid application ID.", type: "OAuthException", code: 101, fbtrace_id: randomBytes(9).toString("base64url") } });
      if (!clientSecret || (opts.app && clientSecret !== opts.app.secret)) return send(res, 400, { error: { message: "Error validating client secret.", type: "OAuthException", code: 1, fbtrace_id: randomBytes(9).toString("base64url") } });
      const failing = failures.findIndex((f) => !f.only || f.only(request));
      if (failing >= 0) {
        const [failure] = failures.splice(failing, 1);
        return send(res, failure!.status, metaError(failure!.code));
      }
      const issued = signupCodes.get(url.searchParams.get("code") ?? "");
      if (!issued) return send(res, 400, badCode(36008, "Invalid verification code format."));
      if (issued.used) return send(res, 400, badCode(36009, "This authorization code has been used."));
      if (issued.until < Date.now()) return send(res, 400, badCode(36007, "This authorization code has expired."));
      issued.used = true;
      const businessToken = `EAAB${randomBytes(24).toString("base64url")}`;
      businessTokens.set(businessToken, issued.wabaId);
      return send(res, 200, { access_token: businessToken, token_type: "bearer" });
    }
    const token = /^Bearer (\S+)$/.exec(auth)?.[1];
    if (!token || revoked.has(token) || (opts.accessToken !== undefined && token !== opts.accessToken && !ownTokens.has(token) && !businessTokens.has(token))) return send(res, 401, metaError(190));

    const failing = failures.findIndex((f) => !f.only || f.only(request));
    if (failing >= 0) {
      const [failure] = failures.splice(failing, 1);
      return send(res, failure!.status, metaError(failure!.code));
    }

    const file = MEDIA_FILE_PATH.exec(path);
    if (request.method === "GET" && file) {
      const grant = downloadUrls.get(url.searchParams.get("t") ?? "");
      const stored = media.get(file[1]!);
      if (!grant || grant.id !== file[1] || grant.until < Date.now() || !stored) return send(res, 404, metaError(100, "URL expired or unknown"));
      res.writeHead(200, { "content-type": stored.mimeType, "content-length": String(stored.body.length) });
      return res.end(stored.body);
    }
    const tpl = TEMPLATES_PATH.exec(path);
    if (request.method === "GET" && tpl) {
      if (refusedWaba(tpl[2]!, token)) return send(res, 400, unknownObject(tpl[2]!));
      return send(res, 200, page(url, templates.get(tpl[2]!) ?? []));
    }
    const flowsAt = FLOWS_PATH.exec(path);
    if (request.method === "POST" && flowsAt) {
      const b = request.body;
      if (!isObject(b) || typeof b.name !== "string" || !Array.isArray(b.categories)) return send(res, 400, metaError(100, "name and categories are required"));
      let json: unknown = null;
      try {
        json = typeof b.flow_json === "string" ? JSON.parse(b.flow_json) : null;
      } catch {}
      const validation_errors = json === null ? [{ error: "INVALID_JSON", error_type: "FLOW_JSON_ERROR", message: "flow_json is not valid JSON" }] : validateFlowJson(json);
      const id = `${9_000_000_000_000 + ++flowCounter}`;
      flows.set(id, { id, wabaId: flowsAt[2]!, name: b.name, status: b.publish === true && validation_errors.length === 0 ? "PUBLISHED" : "DRAFT", json: isObject(json) ? json : {} });
      return send(res, 200, { id, success: true, validation_errors });
    }
    // POST /<waba-id>/subscribed_apps: the app gets the WABA's webhooks; the token must see the WABA.
    const subscribing = SUBSCRIBED_APPS_PATH.exec(path);
    if (request.method === "POST" && subscribing) {
      if (![...phoneNumbers.values()].some((n) => n.wabaId === subscribing[2] && sees(token, n))) return send(res, 400, unknownObject(subscribing[2]!));
      subscribedWabas.add(subscribing[2]!);
      if (businessTokens.has(token)) businessWabas.add(subscribing[2]!);
      return send(res, 200, { success: true });
    }
    // POST /<phone-number-id>/register: Cloud API use, with the number's two-step verification pin.
    const registering = REGISTER_NUMBER_PATH.exec(path);
    if (request.method === "POST" && registering) {
      const n = phoneNumbers.get(registering[2]!);
      if (!n || !sees(token, n)) return send(res, 400, unknownObject(registering[2]!));
      const b = request.body;
      if (!isObject(b) || b.messaging_product !== "whatsapp" || typeof b.pin !== "string" || !/^\d{6}$/.test(b.pin)) return send(res, 400, metaError(100, "messaging_product whatsapp and a 6-digit pin are required"));
      const pin = registered.get(registering[2]!);
      if (pin !== undefined && pin !== b.pin) return send(res, 400, metaError(133005));
      registered.set(registering[2]!, b.pin);
      if (businessTokens.has(token) && n.wabaId !== undefined) businessWabas.add(n.wabaId);
      return send(res, 200, { success: true });
    }
    const wabaNumbers = WABA_NUMBERS_PATH.exec(path);
    // GET /<waba-id>/phone_numbers: the WABA's numbers this token sees, in Meta's `data` + `paging`
    // shape; a WABA it sees none of is, to it, an unknown object.
    if (request.method === "GET" && wabaNumbers) {
      const all = [...phoneNumbers].filter(([, n]) => n.wabaId === wabaNumbers[2] && sees(token, n));
      if (all.length === 0) return send(res, 400, unknownObject(wabaNumbers[2]!));
      const fields = (url.searchParams.get("fields") ?? "id,display_phone_number,verified_name,quality_rating").split(",");
      return send(res, 200, page(url, all.map(([id, n]) => ({ id, ...Object.fromEntries(Object.entries(n.number).filter(([k]) => fields.includes(k))) }))));
    }
    const meta = MEDIA_META_PATH.exec(path);
    // GET /<phone-number-id>: the number's profile, in the fields asked for (unknown to this
    // token: error 100, subcode 33, as Meta answers a number the token cannot see).
    if (request.method === "GET" && meta && !media.has(meta[2]!) && url.searchParams.has("fields")) {
      const registered = phoneNumbers.get(meta[2]!);
      if (!registered || !sees(token, registered)) return send(res, 400, unknownObject(meta[2]!));
      const fields = url.searchParams.get("fields")!.split(",");
      return send(res, 200, { id: meta[2], ...Object.fromEntries(Object.entries(registered.number).filter(([k]) => fields.includes(k))) });
    }
    if (request.method === "GET" && meta) {
      const stored = media.get(meta[2]!);
      if (!stored) return send(res, 404, metaError(100, "Unsupported get request. Object with ID does not exist"));
      const t = randomBytes(12).toString("hex");
      downloadUrls.set(t, { id: stored.id, until: Date.now() + (opts.mediaUrlTtlMs ?? 300_000) });
      return send(res, 200, {
        messaging_product: "whatsapp",
        url: `${baseUrl}/media-files/${stored.id}?t=${t}`,
        mime_type: stored.mimeType,
        sha256: createHash("sha256").update(stored.body).digest("hex"),
        file_size: stored.fileSize ?? stored.body.length,
        id: stored.id,
      });
    }
    if (request.method === "POST" && UPLOAD_PATH.test(path)) {
      const from = UPLOAD_PATH.exec(path)![2]!;
      if (refusedNumber(from, token)) return send(res, 400, unknownObject(from));
      void uploadFrom(request).then(
        (stored) => send(res, 200, { id: stored.id }),
        (err: Error) => send(res, 400, metaError(100, err.message)),
      );
      return;
    }

    const match = MESSAGES_PATH.exec(path);
    if (request.method !== "POST" || !match) {
      return send(res, 400, metaError(100, `Unsupported ${request.method} request to ${request.path}`));
    }

    const body = request.body;
    const phoneNumberId = match[2]!;
    if (refusedNumber(phoneNumberId, token)) return send(res, 400, unknownObject(phoneNumberId));
    // Read receipts and the typing indicator (status "read" on an inbound message id).
    if (isObject(body) && body.status === "read") {
      if (typeof body.message_id !== "string") return send(res, 400, metaError(100, "message_id is required"));
      return send(res, 200, { success: true });
    }
    if (overLimit(`n:${phoneNumberId}`, 1000, opts.throughputPerSecond)) return send(res, 400, metaError(130429));
    // `to` (phone) wins over `recipient` (business-scoped user id) when both are sent, as at Meta.
    const address = isObject(body) ? (typeof body.to === "string" ? body.to : typeof body.recipient === "string" ? body.recipient : null) : null;
    if (!isObject(body) || body.messaging_product !== "whatsapp" || !address || typeof body.type !== "string") {
      return send(res, 400, metaError(100, "messaging_product, to (or recipient) and type are required"));
    }
    const to = address.replace(/^\+/, "");
    if (overLimit(`p:${phoneNumberId}:${to}`, 6000, opts.pairBurst)) return send(res, 400, metaError(131056));
    // Only templates may open a conversation once the 24-hour window has closed.
    if (body.type !== "template" && closedWindows.has(to)) return send(res, 400, metaError(131047));

    if (body.type === "interactive" && isObject(body.interactive) && body.interactive.type === "flow") {
      const problem = flowMessageProblem(body.interactive);
      if (problem) return send(res, 400, metaError(131009, problem));
    }

    counter += 1;
    const wamid = `wamid.${Buffer.from(`${to}:${counter}:${randomBytes(6).toString("hex")}`).toString("base64")}`;
    const contact = typeof body.to === "string" ? { input: body.to, wa_id: to } : { input: address, user_id: address };
    return send(res, 200, { messaging_product: "whatsapp", contacts: [contact], messages: [{ id: wamid }] });
  }

  /** Why Meta would refuse an interactive `flow` message, or null. */
  function flowMessageProblem(i: Record<string, unknown>): string | null {
    const action = i.action;
    if (!isObject(i.body) || typeof i.body.text !== "string" || !i.body.text) return "interactive.body.text is required";
    if (!isObject(action) || action.name !== "flow" || !isObject(action.parameters)) return "action.name must be flow, with parameters";
    const p = action.parameters;
    if (p.flow_message_version !== "3") return "flow_message_version must be 3";
    if (typeof p.flow_token !== "string" || !p.flow_token) return "flow_token is required";
    if (typeof p.flow_cta !== "string" || p.flow_cta.length === 0 || p.flow_cta.length > 20) return "flow_cta must have 1 to 20 characters";
    const flow = typeof p.flow_id === "string" ? flows.get(p.flow_id) : undefined;
    if (!flow || flow.status !== "PUBLISHED") return "flow_id names no published Flow";
    if ((p.flow_action ?? "navigate") === "navigate") {
      const payload = p.flow_action_payload;
      const screens = Array.isArray(flow.json.screens) ? (flow.json.screens as Record<string, unknown>[]) : [];
      if (!isObject(payload) || typeof payload.screen !== "string") return "flow_action_payload.screen is required for navigate";
      const screen = screens.find((x) => x.id === payload.screen);
      if (!screen) return `screen ${payload.screen} is not in the Flow`;
      if (payload.data !== undefined) {
        if (!isObject(payload.data) || Object.keys(payload.data).length === 0) return "flow_action_payload.data must be a non-empty object";
        const declared = isObject(screen.data) ? screen.data : {};
        const extra = Object.keys(payload.data).filter((k) => !(k in declared));
        if (extra.length > 0) return `data not declared by screen ${payload.screen}: ${extra.join(", ")}`;
      }
    }
    return null;
  }

  /** A multipart upload (messaging_product, type, file), parsed as Meta would. */
  async function uploadFrom(request: GraphRequest): Promise<StoredMedia> {
    const form = await new Request("http://stand-in/", { method: "POST", headers: { "content-type": String(request.headers["content-type"] ?? "") }, body: new Uint8Array(request.raw) }).formData();
    const f = form.get("file");
    if (form.get("messaging_product") !== "whatsapp" || !(f instanceof File)) throw new Error("messaging_product and file are required");
    const stored: StoredMedia = { id: newMediaId(), body: Buffer.from(await f.arrayBuffer()), mimeType: String(form.get("type") ?? f.type), filename: f.name };
    media.set(stored.id, stored);
    uploads.push(stored);
    return stored;
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;

  /** The browser's side of Embedded Signup: the SDK script and its popup (tests/stand-ins/facebook-sdk.ts). */
  function serveSdk(path: string, url: URL, res: ServerResponse) {
    if (path === "/sdk.js") {
      // connect.facebook.net answers with CORS, which Meta's snippet (crossorigin="anonymous") needs.
      res.writeHead(200, { "content-type": "text/javascript; charset=utf-8", "cache-control": "no-store", "access-control-allow-origin": "*" });
      return res.end(sdkScript(baseUrl));
    }
    const next = pendingSignups.shift() ?? { outcome: "cancel" as const };
    const code = next.outcome === "finish" ? issueSignupCode(next.wabaId) : null;
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
    return res.end(signupDialogPage(next, code, url.searchParams.get("config_id") ?? ""));
  }
  /** What the next signup popups do, in order (nothing queued: the user cancels). */
  const pendingSignups: PendingSignup[] = [];

  return {
    /** Pass as the client's graphBaseUrl. */
    baseUrl,
    /** Every request, refused or not, each with the answer it got (status, answer). To count replies, use `sent`. */
    requests,
    /** Message sends Meta accepted (isAcceptedSend), in order of arrival. */
    get sent() {
      return requests.filter(isAcceptedSend);
    },
    /** An Embedded Signup code for the WABA, as Meta's popup hands it to the browser. */
    issueSignupCode,
    /** The next signup popup finishes for this number (or the user cancels it, or Meta reports an error). */
    nextSignup(s: PendingSignup) {
      pendingSignups.push(s);
    },
    /** Numbers registered for Cloud API, with their pins. */
    registered,
    /** WABAs the app subscribed to. */
    subscribedWabas,
    /** Files agents uploaded (POST /<phone-number-id>/media), in order. */
    uploads,
    /** Flows created through POST /<waba-id>/flows, by id. */
    flows,
    /** A Flow made in WhatsApp Manager (not through the API): published, with this Flow JSON. */
    addFlow(wabaId: string, json: Record<string, unknown>, status: StandInFlow["status"] = "PUBLISHED"): string {
      const id = `${9_000_000_000_000 + ++flowCounter}`;
      flows.set(id, { id, wabaId, name: "manager", status, json });
      return id;
    },
    /**
     * A business number, as GET /<phone-number-id> describes it, in its WABA (GET
     * /<waba-id>/phone_numbers lists it) and seen by its token only (an own app's, which the
     * stand-in then accepts; default the platform's).
     */
    addPhoneNumber,
    /** The token stops working (revoked, expired): every call with it is 190. */
    revokeToken(token: string) {
      ownTokens.delete(token);
      revoked.add(token);
    },
    /** The business tokens the code exchange issued for a WABA, oldest first. */
    businessTokensOf(wabaId: string): string[] {
      return [...businessTokens].filter(([, w]) => w === wabaId).map(([t]) => t);
    },
    /** The WABA's templates, as Meta will list them. */
    setTemplates(wabaId: string, list: StandInTemplate[]) {
      templates.set(wabaId, list);
    },
    /** A file a lead sent: its media id, as Meta puts it in the webhook. */
    addMedia(body: Buffer, mimeType: string, opts: { fileSize?: number } = {}): string {
      const id = newMediaId();
      media.set(id, { id, body, mimeType, fileSize: opts.fileSize });
      return id;
    },
    /**
     * The sends Meta accepted that match, once there are `count` of them. Rejects after `timeoutMs`
     * with the refusals it saw: a 190 on each means the inbox's token is not this stand-in's (the
     * inbox was connected through another app's Graph stand-in).
     */
    async waitForSent(match: (r: GraphRequest) => boolean = () => true, count = 1, timeoutMs = 10_000): Promise<GraphRequest[]> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const sent = requests.filter((r) => isAcceptedSend(r) && match(r));
        if (sent.length >= count) return sent;
        if (Date.now() >= deadline) {
          const refused = requests.filter((r) => isSend(r) && match(r) && r.status !== undefined && r.status !== 200).map((r) => `${r.status} #${refusalCode(r)}`);
          const hint = refused.some((r) => r.endsWith("#190")) ? " (190: a token this stand-in did not issue; was the inbox connected through another app's stand-in?)" : "";
          throw new Error(`graph stand-in: ${sent.length} of ${count} sends accepted within ${timeoutMs} ms; refused: ${refused.join(", ") || "none"}${hint}`);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    /** Resolves with the first request (already received or future) matching predicate. */
    waitFor(predicate: (r: GraphRequest) => boolean, timeoutMs = 5_000): Promise<GraphRequest> {
      const seen = requests.find(predicate);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const waiter = {
          predicate,
          resolve: (r: GraphRequest) => {
            clearTimeout(timer);
            resolve(r);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`graph stand-in: no matching request within ${timeoutMs} ms (${requests.length} received)`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    /** The next authorised request (matching `only`, when given) is answered with Meta's error envelope for `code`. Calls queue. */
    failNext(code: number, status = 400, only?: (r: GraphRequest) => boolean) {
      failures.push({ code, status, only });
    },
    /** The next request (matching `only`, when given) gets no answer: its connection is closed (Meta unreachable). Calls queue. */
    dropNext(only?: (r: GraphRequest) => boolean) {
      drops.push({ only });
    },
    /** The next request (matching `only`, when given) is answered `ms` later than the others. Calls queue. */
    holdNext(ms: number, only?: (r: GraphRequest) => boolean) {
      holds.push({ ms, only });
    },
    /** Read receipts / typing indicators received, in order. */
    get reads() {
      return requests.filter((r) => isObject(r.body) && r.body.status === "read");
    },
    /** Marks the lead's 24-hour window closed: free-form messages to it get 131047. */
    closeWindowFor(waId: string) {
      closedWindows.add(waId.replace(/^\+/, ""));
    },
    openWindowFor(waId: string) {
      closedWindows.delete(waId.replace(/^\+/, ""));
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

export type GraphStandIn = Awaited<ReturnType<typeof startGraphStandIn>>;
