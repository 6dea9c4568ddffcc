import http from "node:http";

const rand = () => Math.floor(Math.random() * 250) + 1;

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** The body's bytes (files). */
  raw: Buffer;
  json<T = unknown>(): T;
}

/**
 * HTTP with a chosen Host header. Node's fetch drops a custom Host and *.localhost does not resolve
 * in Node, so requests go to 127.0.0.1 with the tenant's host name in the header.
 */
export function request(port: number, host: string, method: string, path: string, opts: { headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method, path, headers: { host, ...opts.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => {
        const raw = Buffer.concat(chunks);
        const text = raw.toString("utf8");
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, raw, json: <T>() => JSON.parse(text) as T });
      });
    });
    req.on("error", reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

/** A browser-like client for one host: keeps cookies, logs in through Auth.js, calls tRPC. */
export class Client {
  readonly cookies = new Map<string, string>();
  /** Each client looks like its own machine, so per-IP limits don't couple unrelated tests. */
  ip = `10.${rand()}.${rand()}.${rand()}`;
  constructor(
    readonly port: number,
    readonly host: string,
  ) {}

  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private absorb(res: HttpResponse) {
    const set = res.headers["set-cookie"] ?? [];
    for (const c of set) {
      const [pair] = c.split(";");
      const i = pair!.indexOf("=");
      const name = pair!.slice(0, i);
      const value = pair!.slice(i + 1);
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(c) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async send(method: string, path: string, opts: { headers?: Record<string, string>; body?: string | Buffer } = {}) {
    const res = await request(this.port, this.host, method, path, { ...opts, headers: { cookie: this.cookieHeader(), "x-forwarded-for": this.ip, ...opts.headers } });
    this.absorb(res);
    return res;
  }

  /** Credentials sign-in; returns the error code Auth.js put in the redirect, or null on success. */
  /** Null when signed in, else the refusal's code ("invalid_credentials", "totp_required"…). `code`: a 2FA user's second step. */
  async login(email: string, password: string, code?: string): Promise<string | null> {
    const csrf = (await this.send("GET", "/api/auth/csrf")).json<{ csrfToken: string }>().csrfToken;
    const body = new URLSearchParams({ email, password, ...(code === undefined ? {} : { code }), csrfToken: csrf, callbackUrl: "/" }).toString();
    const res = await this.send("POST", "/api/auth/callback/credentials", { headers: { "content-type": "application/x-www-form-urlencoded" }, body });
    const location = String(res.headers.location ?? "");
    if (location.includes("error=")) return new URL(location, "http://x").searchParams.get("code") ?? "error";
    return this.sessionToken() ? null : `no session cookie (status ${res.status})`;
  }

  sessionToken() {
    return this.cookies.get("authjs.session-token") ?? null;
  }

  async trpc<T = unknown>(kind: "query" | "mutation", path: string, input?: unknown): Promise<TrpcResult<T>> {
    const payload = JSON.stringify({ json: input ?? null });
    const res =
      kind === "query"
        ? await this.send("GET", `/api/trpc/${path}?input=${encodeURIComponent(payload)}`)
        : await this.send("POST", `/api/trpc/${path}`, { headers: { "content-type": "application/json" }, body: payload });
    const body = res.json<{ result?: { data: { json: T } }; error?: { json: TrpcError } }>();
    return { status: res.status, data: body.result?.data.json as T, error: body.error?.json ?? null };
  }
}

export interface TrpcError {
  message: string;
  code: number;
  data: { code: string; httpStatus: number; zodIssues: { path: string[]; message: string }[] | null; details: Record<string, unknown> | null };
}

export interface TrpcResult<T> {
  status: number;
  data: T;
  error: TrpcError | null;
}
