import { T } from "./texts";
import type { ApiErrorBody, ConsentInput, MessagesOutput, SendInput, SendOutput, StartOutput } from "./types";

/** A failed call; `message` is ready to show (server `message` for 4xx, pt-BR fallback otherwise). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const TIMEOUT_MS = 20_000;

export type Api = ReturnType<typeof createApi>;

/** Client for {origin}/api/widget/*. Cross-origin: no cookies, Bearer visitor token. */
export function createApi(origin: string) {
  async function call<T>(method: "GET" | "POST", path: string, body?: unknown, token?: string): Promise<T> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (token) headers.Authorization = `Bearer ${token}`;
    const ctrl = new AbortController();
    const timer = setTimeout(() => ctrl.abort(), TIMEOUT_MS);
    let res: Response;
    try {
      res = await fetch(origin + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: "omit",
        cache: "no-store",
        signal: ctrl.signal,
      });
    } catch {
      throw new ApiError(0, T.offline);
    } finally {
      clearTimeout(timer);
    }
    const data = (await res.json().catch(() => null)) as (T & Partial<ApiErrorBody>) | null;
    if (res.ok) return data as T;
    if (res.status === 429) throw new ApiError(429, T.tooMany);
    const msg = data && typeof data.message === "string" && res.status < 500 ? data.message : T.generic;
    throw new ApiError(res.status, msg);
  }

  return {
    start: (publicKey: string, visitorToken?: string) => call<StartOutput>("POST", "/api/widget/start", { publicKey, visitorToken }),
    consent: (token: string, input: ConsentInput) => call<unknown>("POST", "/api/widget/consent", input, token),
    send: (token: string, input: SendInput) => call<SendOutput>("POST", "/api/widget/send", input, token),
    messages: (token: string, after: number) => call<MessagesOutput>("GET", `/api/widget/messages?after=${after}`, undefined, token),
    streamUrl: (token: string, after: number) => `${origin}/api/widget/stream?token=${encodeURIComponent(token)}&after=${after}`,
  };
}
