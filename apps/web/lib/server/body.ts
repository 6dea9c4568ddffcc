import { IMPORT_LIMITS } from "@vendaflow/core/crm/import/csv";
import { MEDIA_MAX_BYTES } from "@vendaflow/validators/media";
import { HttpError, problem } from "./http";
import { drainReader, readBounded } from "@vendaflow/core/read-bounded";

/**
 * Body limits per route, in bytes. Every handler reads its body through readBody with one of these,
 * so an oversized request is answered 413 before anything else (signature checks included) looks at it.
 */
export const BODY_LIMITS = {
  /** Meta and other providers' webhooks: their largest batches stay far below 1 MB. */
  webhook: 1024 * 1024,
  /** QStash / local scheduler callbacks carry a few ids. */
  job: 64 * 1024,
  /** Widget: start and consent are a key and a token; a message is at most 2,000 characters (x4 UTF-8, escapes). */
  widgetStart: 4 * 1024,
  widgetConsent: 2 * 1024,
  widgetSend: 16 * 1024,
  /** Sign-in, sign-out and CSRF forms of Auth.js. */
  auth: 16 * 1024,
  /** tRPC (dashboard and SDK): the largest input is a flow definition, well under this. */
  trpc: 1024 * 1024,
  /**
   * An agent's file for a WhatsApp conversation (multipart): the largest kind (documents, 32 MB)
   * plus room for the form's other fields. This route is outside proxy.ts's matcher, whose body
   * copy stops at 10 MB and would hand the handler a truncated form.
   */
  agentMedia: MEDIA_MAX_BYTES.document + 64 * 1024,
  /** One browser CSP violation report (report-uri or Reporting API batch): a few hundred bytes each. */
  cspReport: 16 * 1024,
  /** A CSV of leads to import, the raw file as the body (core/crm/import, 10 MB); outside proxy.ts's matcher too. */
  crmImport: IMPORT_LIMITS.bytes,
} as const;

const human = (bytes: number) => (bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MB` : `${bytes / 1024} KB`);

export const tooLarge = (limit: number, message = `Corpo da requisição grande demais (máx. ${human(limit)}).`) => new HttpError(problem(413, "payload_too_large", message, { limitBytes: limit }));

/**
 * What is left of a refused body is still read and dropped, up to 10 MB and while it keeps coming
 * (1 s of silence ends it), before the 413 goes out: a client answered while it is still sending
 * gets its connection reset and never reads the answer (a browser shows a network error instead of
 * the widget's message). proxy.ts's body copy did this for the routes it matches, up to the same
 * 10 MB; the message routes skip the proxy (docs/scaling.md "The proxy on the message routes").
 */
const REFUSED_DRAIN = { max: 10 * 1024 * 1024, idleMs: 1000 };

/**
 * The raw body, refusing (413) a declared Content-Length over the limit without keeping any of it,
 * and stopping the read as soon as more than `limit` bytes arrived (chunked or lying senders).
 */
export async function readBodyBytes(req: Request, limit: number, message?: string): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(req.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > limit) {
    if (req.body && declared <= REFUSED_DRAIN.max) await drainReader(req.body.getReader(), REFUSED_DRAIN);
    throw tooLarge(limit, message);
  }
  if (!req.body) return new Uint8Array(0);
  return readBounded(req.body, limit, () => tooLarge(limit, message), REFUSED_DRAIN);
}

export async function readBody(req: Request, limit: number): Promise<string> {
  return new TextDecoder().decode(await readBodyBytes(req, limit));
}

/** The same request with its body read under `limit`, for libraries that read the body themselves. */
export async function boundedRequest(req: Request, limit: number): Promise<Request> {
  if (req.method === "GET" || req.method === "HEAD") return req;
  const body = await readBodyBytes(req, limit);
  return new Request(req.url, { method: req.method, headers: req.headers, body, signal: req.signal });
}
