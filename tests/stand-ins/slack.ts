import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { signSlackRequest } from "@vendaflow/connectors/slack/verify-request";

/**
 * A local server speaking Slack's wire formats for what a connection uses:
 * - Web API (`POST /api/{method}`, what `@slack/web-api`'s WebClient sends with `slackApiUrl`
 *   pointed here): `auth.test` and `chat.postMessage`, the bot token as `Authorization: Bearer
 *   xoxb-…`, arguments `application/x-www-form-urlencoded` (objects such as `blocks` JSON-encoded
 *   in one field) or JSON; answers are HTTP 200 `{ ok: true, … }` or `{ ok: false, error }`
 *   (`invalid_auth`, `channel_not_found`, `invalid_blocks`), 429 with `Retry-After` when asked to.
 * - Incoming webhooks (`POST /services/T…/B…/…`, JSON `{ text, blocks }`): `ok` as text/plain, or
 *   404 `no_service` for an unknown URL, 400 `invalid_payload`.
 * - response_url (`POST /commands/T…/…`, JSON with `response_type`): `ok`.
 * It also signs slash commands as Slack does (`v0=` HMAC-SHA256 of `v0:timestamp:body`) so a test
 * can POST them to the app.
 */

export interface SlackPosted {
  via: "bot" | "webhook" | "response_url";
  path: string;
  channel: string | null;
  text: string;
  blocks: Record<string, unknown>[];
  responseType: string | null;
  token: string | null;
}

export interface SlackStandIn {
  /** The Web API base for `slackApiUrl` (ends with /api/). */
  apiUrl: string;
  url: string;
  /** A workspace with a bot token and its channels; returns the token. */
  workspace(opts?: { teamId?: string; teamName?: string; channels?: string[] }): { token: string; teamId: string };
  /** A new incoming webhook URL of a workspace. */
  incomingWebhook(teamId?: string): string;
  /** A response_url for one slash command invocation. */
  responseUrl(teamId?: string): string;
  /** Statuses (or Slack error codes) the next Web API / webhook calls answer, in order. */
  failNext(...answers: (number | string)[]): void;
  posted: SlackPosted[];
  requests: { method: string; path: string }[];
  /** A slash command as Slack POSTs it: form body + signature headers. */
  slashCommand(fields: Record<string, string>, signingSecret: string, timestamp?: number): { body: string; headers: Record<string, string> };
  close(): Promise<void>;
}

const readBody = (req: http.IncomingMessage) =>
  new Promise<string>((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
  });

function parseArgs(req: http.IncomingMessage, raw: string): Record<string, unknown> {
  const type = String(req.headers["content-type"] ?? "");
  if (type.includes("application/json")) return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) out[k] = v;
  return out;
}

/** Block Kit as Slack checks it, roughly: an array of objects with a type, at most 50. */
function blocksOf(v: unknown): Record<string, unknown>[] | null {
  if (v === undefined) return [];
  const arr = typeof v === "string" ? (JSON.parse(v) as unknown) : v;
  if (!Array.isArray(arr) || arr.length > 50 || !arr.every((b) => b && typeof b === "object" && typeof (b as { type?: unknown }).type === "string")) return null;
  return arr as Record<string, unknown>[];
}

export async function startSlackStandIn(): Promise<SlackStandIn> {
  const tokens = new Map<string, { teamId: string; teamName: string; channels: Set<string> }>();
  const hooks = new Set<string>();
  const responseUrls = new Set<string>();
  const answers: (number | string)[] = [];
  const posted: SlackPosted[] = [];
  const requests: { method: string; path: string }[] = [];

  const server = http.createServer(async (req, res) => {
    const raw = await readBody(req);
    const path = (req.url ?? "/").split("?")[0]!;
    requests.push({ method: req.method ?? "", path });
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
      res.end(JSON.stringify(body));
    };
    const text = (status: number, body: string) => {
      res.writeHead(status, { "content-type": "text/plain" });
      res.end(body);
    };
    const forced = req.method === "POST" ? answers.shift() : undefined;

    if (path.startsWith("/api/")) {
      const method = path.slice("/api/".length);
      if (forced === 429) return json(429, { ok: false, error: "ratelimited" }, { "retry-after": "1" });
      if (typeof forced === "number") return json(forced, { ok: false, error: "internal_error" });
      if (typeof forced === "string") return json(200, { ok: false, error: forced });
      const args = parseArgs(req, raw);
      const auth = String(req.headers.authorization ?? "");
      const token = auth.startsWith("Bearer ") ? auth.slice(7) : String(args.token ?? "");
      const ws = tokens.get(token);
      if (!token) return json(200, { ok: false, error: "not_authed" });
      if (!ws) return json(200, { ok: false, error: "invalid_auth" });
      if (method === "auth.test") return json(200, { ok: true, url: `https://${ws.teamName.toLowerCase()}.slack.com/`, team: ws.teamName, user: "vendaflow", team_id: ws.teamId, user_id: "U0BOT", bot_id: "B0BOT" });
      if (method === "chat.postMessage") {
        const channel = String(args.channel ?? "");
        if (!ws.channels.has(channel.replace(/^#/, ""))) return json(200, { ok: false, error: "channel_not_found" });
        let blocks: Record<string, unknown>[] | null;
        try {
          blocks = blocksOf(args.blocks);
        } catch {
          blocks = null;
        }
        if (!blocks) return json(200, { ok: false, error: "invalid_blocks" });
        if (!args.text && !blocks.length) return json(200, { ok: false, error: "no_text" });
        posted.push({ via: "bot", path, channel, text: String(args.text ?? ""), blocks, responseType: null, token });
        const ts = `${Math.floor(Date.now() / 1000)}.${String(posted.length).padStart(6, "0")}`;
        return json(200, { ok: true, channel: "C0CHANNEL", ts, message: { type: "message", text: args.text, ts } });
      }
      return json(200, { ok: false, error: "unknown_method" });
    }

    const isHook = hooks.has(path);
    const isResponse = responseUrls.has(path);
    if (req.method === "POST" && (isHook || isResponse)) {
      if (typeof forced === "number") return text(forced, "internal_error");
      if (typeof forced === "string") return text(400, forced);
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        return text(400, "invalid_payload");
      }
      let blocks: Record<string, unknown>[] | null;
      try {
        blocks = blocksOf(body.blocks);
      } catch {
        blocks = null;
      }
      if (!blocks || (!body.text && !blocks.length)) return text(400, "invalid_blocks");
      posted.push({ via: isHook ? "webhook" : "response_url", path, channel: null, text: String(body.text ?? ""), blocks, responseType: typeof body.response_type === "string" ? body.response_type : null, token: null });
      return text(200, "ok");
    }
    if (path.startsWith("/services/") || path.startsWith("/commands/")) return text(404, "no_service");
    return json(404, { ok: false, error: "not_found" });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const id = (n: number) => randomBytes(n).toString("hex").toUpperCase();

  return {
    apiUrl: `${url}/api/`,
    url,
    workspace(opts = {}) {
      // Slack's shape: xoxb-<workspace digits>-<bot digits>-<24 letters and digits>.
      const alnum = (n: number) => Array.from(randomBytes(n), (b) => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"[b % 62]).join("");
      const digits = (n: number) => Array.from(randomBytes(n), (b) => String(b % 10)).join("");
      const token = `xoxb-${digits(10)}-${digits(13)}-${alnum(24)}`;
      const teamId = opts.teamId ?? `T${id(4)}`;
      tokens.set(token, { teamId, teamName: opts.teamName ?? "Acme Vendas", channels: new Set(opts.channels ?? ["vendas"]) });
      return { token, teamId };
    },
    incomingWebhook(teamId = `T${id(4)}`) {
      const path = `/services/${teamId}/B${id(4)}/${randomBytes(12).toString("base64url")}`;
      hooks.add(path);
      return `${url}${path}`;
    },
    responseUrl(teamId = `T${id(4)}`) {
      const path = `/commands/${teamId}/${Date.now()}${id(2)}/${randomBytes(12).toString("base64url")}`;
      responseUrls.add(path);
      return `${url}${path}`;
    },
    failNext: (...a) => void answers.push(...a),
    posted,
    requests,
    slashCommand(fields, signingSecret, timestamp = Math.floor(Date.now() / 1000)) {
      const body = new URLSearchParams({ token: "deprecated-verification-token", team_domain: "acme", channel_name: "vendas", api_app_id: "A0APP", is_enterprise_install: "false", trigger_id: `${Date.now()}.${id(4)}.${id(8)}`, ...fields }).toString();
      return { body, headers: { "content-type": "application/x-www-form-urlencoded", ...signSlackRequest(body, signingSecret, timestamp) } };
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
