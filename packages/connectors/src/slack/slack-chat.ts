import { ErrorCode, WebClient, type WebClientOptions } from "@slack/web-api";
import { ChatAuthError, type ChatMessage, type ChatNotifier, type ChatTarget } from "@vendaflow/core/ports/chat";
import { safeFetch, type OutboundPolicy } from "../http/safe-fetch";

/** Slack's answers that mean "this token is not good": the admin's to fix, not worth a retry. */
const AUTH_ERRORS = new Set(["invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired", "no_permission", "missing_scope"]);

/**
 * The WebClient's fetch, through the SSRF guard: the API base is configuration (SLACK_API_URL,
 * the stand-in in tests), but every byte we send leaves through the same bounded, re-checked path.
 */
type FetchFunction = NonNullable<WebClientOptions["fetch"]>;

export function guardedFetch(policy: OutboundPolicy, timeoutMs = 10_000): FetchFunction {
  return async (url, init) => {
    const body = typeof init?.body === "string" ? init.body : undefined;
    const res = await safeFetch(String(url), { method: init?.method ?? "GET", headers: init?.headers, body, timeoutMs, maxBytes: 1024 * 1024, maxRedirects: 0 }, policy);
    const headers = new Headers();
    for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(", ") : v);
    return new Response(res.status === 204 || res.status === 304 ? null : new Uint8Array(res.body), { status: res.status, headers });
  };
}

const slackErrorCode = (err: unknown): string | null => {
  const e = err as { code?: string; data?: { error?: string } };
  return e?.code === ErrorCode.PlatformError ? (e.data?.error ?? null) : null;
};

/** Incoming webhooks and response_url answer "ok" with 200; anything else is the reason. */
async function postJson(url: string, message: ChatMessage, policy: OutboundPolicy, timeoutMs: number) {
  const payload = { text: message.text, blocks: message.blocks, ...(message.responseType ? { response_type: message.responseType } : {}) };
  const res = await safeFetch(url, { method: "POST", body: JSON.stringify(payload), headers: { "content-type": "application/json", "user-agent": "Vendaflow-Slack/1" }, timeoutMs, maxBytes: 64 * 1024, maxRedirects: 0 }, policy);
  const text = res.body.toString("utf8").slice(0, 200);
  if (res.status === 403 || res.status === 404 || /invalid_token|no_service|no_team/.test(text)) throw new ChatAuthError(`O Slack recusou o webhook (${res.status} ${text}).`);
  if (res.status < 200 || res.status >= 300) throw new Error(`O Slack respondeu ${res.status}: ${text}`);
}

/**
 * Slack through its official SDK (`@slack/web-api`) for bot tokens — chat.postMessage and
 * auth.test against `apiUrl` (https://slack.com/api/ in production, the stand-in in tests) — and
 * plain JSON POSTs for incoming webhooks and response_url, all through the SSRF guard. The SDK's
 * own retries are off: the Scheduler retries a failed notification as a job.
 */
export function slackChat(opts: { apiUrl: string; policy?: OutboundPolicy; timeoutMs?: number }): ChatNotifier {
  const policy = opts.policy ?? {};
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const apiUrl = opts.apiUrl.endsWith("/") ? opts.apiUrl : `${opts.apiUrl}/`;
  const client = (token: string) => new WebClient(token, { slackApiUrl: apiUrl, fetch: guardedFetch(policy, timeoutMs), retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: timeoutMs, allowAbsoluteUrls: false });
  const call = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      const code = slackErrorCode(err);
      if (code && AUTH_ERRORS.has(code)) throw new ChatAuthError(`O Slack recusou o token (${code}).`);
      if (code) throw new Error(`O Slack recusou a mensagem (${code}).`);
      throw err;
    }
  };
  return {
    async post(target: ChatTarget, message: ChatMessage) {
      if (target.kind === "webhook") return postJson(target.url, message, policy, timeoutMs);
      await call(() => client(target.token).chat.postMessage({ channel: target.channel, text: message.text, blocks: message.blocks as never, unfurl_links: false }));
    },
    async identify(token: string) {
      const r = await call(() => client(token).auth.test());
      return { teamId: String(r.team_id ?? ""), teamName: String(r.team ?? "") };
    },
    respond: (responseUrl, message) => postJson(responseUrl, message, policy, timeoutMs),
  };
}
