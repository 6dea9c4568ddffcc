import { CrmAuthError, CrmRateLimitedError } from "@vendaflow/core/ports/crm-sync";
import { jsonOrNull, safeFetch, type OutboundPolicy } from "../http/safe-fetch";

/**
 * One JSON call to a CRM's REST API (Pipedrive, HubSpot), the same way for both: through the SSRF
 * guard (no redirects, 4 MB, 15 s), 401/403 → CrmAuthError, 429 → CrmRateLimitedError with the wait
 * the provider asks (Retry-After, else its own reset header, else 2 s), a GET's 404 answered as
 * such, any other non-2xx an Error naming the provider.
 */
export interface CrmHttpOptions {
  /** "Pipedrive", "HubSpot": in error messages. */
  label: string;
  base: string;
  headers: Record<string, string>;
  policy?: OutboundPolicy;
  timeoutMs?: number;
  /** A provider header with the seconds to wait when Retry-After is absent (Pipedrive: x-ratelimit-reset). */
  resetHeader?: string;
}

export type CrmCall = <T = unknown>(method: string, path: string, body?: unknown, form?: boolean) => Promise<{ status: number; json: T }>;

const header = (h: Record<string, string | string[] | undefined>, n: string) => {
  const v = h[n];
  return Number(Array.isArray(v) ? v[0] : v);
};

/** Seconds to wait from a 429's headers. */
export function retryAfterSeconds(headers: Record<string, string | string[] | undefined>, resetHeader?: string): number {
  for (const n of ["retry-after", ...(resetHeader ? [resetHeader] : [])]) {
    const v = header(headers, n);
    if (Number.isFinite(v) && v > 0) return v;
  }
  return 2;
}

export function crmHttp(opts: CrmHttpOptions): CrmCall {
  const base = opts.base.replace(/\/+$/, "");
  return async <T>(method: string, path: string, body?: unknown, form = false) => {
    const res = await safeFetch(
      `${base}${path}`,
      {
        method,
        headers: {
          accept: "application/json",
          "user-agent": "Vendaflow-CRM-Sync/1",
          ...opts.headers,
          ...(body === undefined ? {} : { "content-type": form ? "application/x-www-form-urlencoded" : "application/json" }),
        },
        body: body === undefined ? undefined : form ? new URLSearchParams(body as Record<string, string>).toString() : JSON.stringify(body),
        timeoutMs: opts.timeoutMs ?? 15_000,
        maxBytes: 4 * 1024 * 1024,
        maxRedirects: 0,
      },
      opts.policy ?? {},
    );
    const text = res.body.toString("utf8");
    const json = jsonOrNull(text);
    const j = json as { error?: unknown; message?: unknown } | null;
    const err = typeof j?.error === "string" ? j.error : typeof j?.message === "string" ? j.message : text.slice(0, 200);
    if (res.status === 401 || res.status === 403) throw new CrmAuthError(`${opts.label} ${res.status}: ${err}`);
    if (res.status === 429) throw new CrmRateLimitedError(`${opts.label} 429: ${err}`, retryAfterSeconds(res.headers, opts.resetHeader));
    if (res.status === 404 && method === "GET") return { status: 404, json: json as T };
    if (res.status < 200 || res.status >= 300) throw new Error(`${opts.label} ${res.status}: ${err}`);
    return { status: res.status, json: json as T };
  };
}
