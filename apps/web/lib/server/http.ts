import { DomainError } from "@vendaflow/core/errors";
import type { z } from "zod";
import { readBody } from "./body";
import { limitedHeaders } from "./rate-limit-headers";

const STATUS: Record<string, number> = {
  BAD_REQUEST: 400, UNAUTHORIZED: 401, PAYMENT_REQUIRED: 402, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, PRECONDITION_FAILED: 412, PAYLOAD_TOO_LARGE: 413, TOO_MANY_REQUESTS: 429, SERVICE_UNAVAILABLE: 503,
};

/** JSON error body shared by route handlers: { error, message, issues? } (issues = zod paths). */
export function problem(status: number, error: string, message: string, extra: Record<string, unknown> = {}, headers: HeadersInit = {}) {
  return Response.json({ error, message, ...extra }, { status, headers });
}

export class HttpError extends Error {
  constructor(readonly response: Response) {
    super("http error");
  }
}

/** Parses a body of at most `limit` bytes (else 413) as JSON with a zod schema; bad input → 400 with the issues and their field paths. */
export async function parseJson<S extends z.ZodType>(req: Request, schema: S, limit: number): Promise<z.infer<S>> {
  const raw = await readBody(req, limit);
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw new HttpError(problem(400, "invalid_json", "Corpo da requisição não é JSON válido."));
  }
  const r = schema.safeParse(body);
  if (!r.success) {
    throw new HttpError(problem(400, "invalid_input", r.error.issues[0]?.message ?? "Dados inválidos.", { issues: r.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })) }));
  }
  return r.data;
}

/** Maps thrown HttpError / DomainError to responses; anything else is a 500 that gets logged. */
export function toResponse(err: unknown, headers: HeadersInit = {}): Response {
  if (err instanceof HttpError) {
    const h = new Headers(err.response.headers);
    new Headers(headers).forEach((v, k) => h.set(k, v));
    return new Response(err.response.body, { status: err.response.status, headers: h });
  }
  if (err instanceof DomainError) {
    const upgradeUrl = err.details?.upgradeUrl;
    return problem(STATUS[err.code] ?? 400, err.code.toLowerCase(), err.message, upgradeUrl ? { upgradeUrl, resource: err.details?.resource } : {}, { ...Object.fromEntries(new Headers(headers)), ...limitedHeaders(err.details) });
  }
  throw err;
}
