import http from "node:http";
import { randomUUID } from "node:crypto";
import type { WidgetMessage, WidgetStartOutput } from "@vendaflow/validators/widget";
import { request, type HttpResponse } from "./http";

/** The widget's API calls, as a browser on `origin` would make them (any host works: the token carries the tenant). */
export class WidgetClient {
  token = "";
  constructor(
    readonly port: number,
    readonly host: string,
    readonly origin: string,
  ) {}

  private call(method: string, path: string, body?: unknown): Promise<HttpResponse> {
    const headers: Record<string, string> = { origin: this.origin, "content-type": "application/json", "x-forwarded-for": `10.9.${Math.floor(Math.random() * 250)}.1` };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    return request(this.port, this.host, method, path, { headers, body: body === undefined ? undefined : JSON.stringify(body) });
  }

  async start(publicKey: string, visitorToken?: string) {
    const res = await this.call("POST", "/api/widget/start", { publicKey, ...(visitorToken ? { visitorToken } : {}) });
    if (res.status === 200) this.token = res.json<WidgetStartOutput>().visitorToken;
    return res;
  }
  consent(marketing = false) {
    return this.call("POST", "/api/widget/consent", { version: "2026-11-v1", service: true, marketing });
  }
  send(input: { text?: string; optionId?: string; clientMessageId?: string }) {
    return this.call("POST", "/api/widget/send", { clientMessageId: input.clientMessageId ?? randomUUID(), ...input });
  }
  async messages(after = 0) {
    return (await this.call("GET", `/api/widget/messages?after=${after}`)).json<{ messages: WidgetMessage[]; typing: boolean }>();
  }
  /** Waits until the bot (or an agent) has said something after `after`; returns everything new. */
  async waitForReply(after: number, timeoutMs = 8000): Promise<WidgetMessage[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { messages, typing } = await this.messages(after);
      if (!typing && messages.some((m) => m.sender !== "lead")) return messages;
      if (Date.now() > deadline) throw new Error(`no reply after seq ${after}: ${JSON.stringify(messages)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  /** Opens the SSE stream and resolves with the first `message` event matching pred. */
  streamUntil(after: number, pred: (m: WidgetMessage) => boolean, timeoutMs = 8000): Promise<{ message: WidgetMessage; raw: string }> {
    return new Promise((resolve, reject) => {
      let raw = "";
      const req = http.request(
        { host: "127.0.0.1", port: this.port, path: `/api/widget/stream?token=${encodeURIComponent(this.token)}&after=${after}`, headers: { host: this.host, origin: this.origin, accept: "text/event-stream" } },
        (res) => {
          if (res.statusCode !== 200) return reject(new Error(`stream status ${res.statusCode}`));
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => {
            raw += chunk;
            for (const block of raw.split("\n\n")) {
              const event = /^event: (.*)$/m.exec(block)?.[1];
              const data = /^data: (.*)$/m.exec(block)?.[1];
              if (event === "message" && data) {
                const m = JSON.parse(data) as WidgetMessage;
                if (pred(m)) {
                  clearTimeout(timer);
                  req.destroy();
                  resolve({ message: m, raw });
                  return;
                }
              }
            }
          });
        },
      );
      const timer = setTimeout(() => {
        req.destroy();
        reject(new Error(`no matching SSE message; got:\n${raw}`));
      }, timeoutMs);
      req.on("error", () => {});
      req.end();
    });
  }
}
