import http from "node:http";
import type { AddressInfo } from "node:net";

// A local language-model provider speaking OpenAI's Chat Completions (`POST /v1/chat/completions`),
// OpenAI's audio transcriptions (`POST /v1/audio/transcriptions`, multipart: `model`, `file`,
// optional `language`, `response_format` json | verbose_json) and Anthropic's Messages
// (`POST /v1/messages`) wire formats, so the real AI SDK providers can
// be pointed at it with a baseURL. Tests script what the next calls get (a JSON object, plain
// text, a 429, a 500, a hang past the caller's timeout, malformed JSON); unscripted calls get a
// crude word-overlap reading of the prompt (core/assist/prompts.ts) so `pnpm eval --ai-stand-in`
// exercises the whole path. It is a stand-in for the wire format, not a model.

export type Scripted =
  | { kind: "json"; value: unknown }
  | { kind: "text"; text: string }
  | { kind: "status"; status: number; message?: string }
  | { kind: "hang" }
  | { kind: "malformed" };

export interface RecordedCall {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
  /** System and user text of the request, joined: what the model would have read. */
  promptText: string;
}

const strip = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
const wordsOf = (s: string) => strip(s).match(/[a-z0-9]{3,}/g) ?? [];
const STOP = new Set(["que", "com", "para", "pra", "uma", "nao", "sim", "por", "mes", "dos", "das", "meu", "minha", "isso", "mas"]);

/** The unscripted answer: the choice sharing most (4-letter-prefix) words with the lead's answer. */
export function overlapReading(prompt: string): { choice: string; confidence: number; evidence: string[] } {
  const answer = /"""([\s\S]*?)"""/.exec(prompt)?.[1] ?? "";
  const choices = [...prompt.matchAll(/^- ([a-z0-9_:-]+): (.+)$/gim)].map((m) => ({ id: m[1]!, text: m[2]! }));
  const said = wordsOf(answer).filter((w) => !STOP.has(w));
  let best = { choice: "none", confidence: 0.2, evidence: [] as string[] };
  let bestHits = 0;
  for (const c of choices) {
    const stems = new Set(wordsOf(c.text).filter((w) => !STOP.has(w)).map((w) => w.slice(0, 4)));
    const hits = said.filter((w) => stems.has(w.slice(0, 4)));
    if (hits.length > bestHits) {
      bestHits = hits.length;
      best = { choice: c.id, confidence: Math.min(0.95, 0.6 + 0.15 * hits.length), evidence: hits };
    }
  }
  return best;
}

function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map((p) => (p && typeof p === "object" && "text" in p ? String((p as { text: unknown }).text) : "")).join("");
  return "";
}

/** What a transcription call sent (the multipart fields as OpenAI reads them). */
export interface TranscriptionCall {
  authorization: string | undefined;
  model: string;
  language: string | null;
  responseFormat: string | null;
  filename: string;
  fileType: string;
  bytes: number;
}

export type ScriptedTranscription = { kind: "text"; text: string; duration?: number } | { kind: "status"; status: number; message?: string } | { kind: "hang" };

/** The unscripted transcript: the text after `TRANSCRIPT:` inside the audio bytes (tests write it into their Ogg pages). */
export function embeddedTranscript(audio: Buffer): string {
  const at = audio.indexOf("TRANSCRIPT:");
  if (at < 0) return "";
  const end = audio.indexOf(0, at);
  return audio.subarray(at + 11, end < 0 ? undefined : end).toString("utf8");
}

export interface AiStandIn {
  baseUrl: string;
  calls: RecordedCall[];
  transcriptions: TranscriptionCall[];
  /** What the next transcription calls get, in order; afterwards the embedded transcript. */
  scriptTranscription(...steps: ScriptedTranscription[]): void;
  /** What the next calls get, in order; afterwards the unscripted reading. */
  script(...steps: Scripted[]): void;
  /** Scripted steps not consumed yet (a test that leaves some asked for a call that never came). */
  pending(): number;
  /** Added before every answer (for the latency bench). */
  setDelay(ms: number): void;
  close(): Promise<void>;
}

export async function startAiStandIn(opts: { port?: number; delayMs?: number } = {}): Promise<AiStandIn> {
  const calls: RecordedCall[] = [];
  const queue: Scripted[] = [];
  const transcriptions: TranscriptionCall[] = [];
  const transcriptionQueue: ScriptedTranscription[] = [];
  let delayMs = opts.delayMs ?? 0;
  let seq = 0;
  const hanging = new Set<http.ServerResponse>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        const go = () => {
          res.writeHead(status, { "content-type": "application/json", ...headers });
          res.end(typeof body === "string" ? body : JSON.stringify(body));
        };
        if (delayMs > 0) setTimeout(go, delayMs);
        else go();
      };
      if (req.method === "POST" && req.url === "/v1/audio/transcriptions") return void transcription(req, Buffer.concat(chunks), send, res);
      const anthropic = req.url === "/v1/messages";
      if (req.method !== "POST" || (req.url !== "/v1/chat/completions" && !anthropic)) return send(404, { error: { message: "not found" } });
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
      } catch {
        return send(400, { error: { message: "invalid JSON body", type: "invalid_request_error" } });
      }
      const messages = (body.messages as { role: string; content: unknown }[] | undefined) ?? [];
      const promptText = [textOf(body.system), ...messages.map((m) => textOf(m.content))].join("\n");
      calls.push({ path: req.url!, headers: req.headers, body, promptText });
      const id = ++seq;
      const model = String(body.model ?? "stand-in");
      // Structured output requested: a JSON schema (OpenAI response_format, Anthropic output_format) or Anthropic's json tool.
      const tools = (body.tools as { name: string }[] | undefined) ?? [];
      const jsonTool = anthropic ? tools.find((t) => t.name === "json") : undefined;
      const wantsJson = !!body.response_format || !!body.output_format || !!jsonTool;

      const step: Scripted = queue.shift() ?? (wantsJson ? { kind: "json", value: overlapReading(promptText) } : { kind: "text", text: `Lead com interesse; detalhes nas respostas abaixo (stand-in #${id}).` });
      if (step.kind === "hang") {
        hanging.add(res);
        res.on("close", () => hanging.delete(res));
        return;
      }
      if (step.kind === "status") {
        const message = step.message ?? (step.status === 429 ? "Rate limit reached for requests" : "The server had an error while processing your request");
        const error = anthropic ? { type: "error", error: { type: step.status === 429 ? "rate_limit_error" : "api_error", message } } : { error: { message, type: step.status === 429 ? "requests" : "server_error", code: step.status === 429 ? "rate_limit_exceeded" : null } };
        return send(step.status, error, step.status === 429 ? { "retry-after": "1" } : {});
      }
      const content = step.kind === "json" ? JSON.stringify(step.value) : step.kind === "malformed" ? '{"choice": "1k_5k", "confidence": 0.9, "evidence": ["uns' : step.text;
      const inputTokens = Math.ceil(promptText.length / 4);
      const outputTokens = Math.ceil(content.length / 4);
      if (anthropic) {
        const block = jsonTool && step.kind === "json" ? { type: "tool_use", id: `toolu_${id}`, name: "json", input: step.value } : { type: "text", text: content };
        return send(200, {
          id: `msg_${id}`,
          type: "message",
          role: "assistant",
          model,
          content: [block],
          stop_reason: block.type === "tool_use" ? "tool_use" : "end_turn",
          stop_sequence: null,
          usage: { input_tokens: inputTokens, output_tokens: outputTokens },
        });
      }
      send(200, {
        id: `chatcmpl-${id}`,
        object: "chat.completion",
        created: Math.floor(Date.now() / 1000),
        model,
        choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
        usage: { prompt_tokens: inputTokens, completion_tokens: outputTokens, total_tokens: inputTokens + outputTokens },
      });
    });
  });
  /** OpenAI's `POST /v1/audio/transcriptions`: multipart form, Bearer key, answers json or verbose_json. */
  async function transcription(req: http.IncomingMessage, raw: Buffer, send: (status: number, body: unknown, headers?: Record<string, string>) => void, res: http.ServerResponse) {
    const type = String(req.headers["content-type"] ?? "");
    if (!type.startsWith("multipart/form-data; boundary=")) return send(400, { error: { message: "Expected multipart/form-data", type: "invalid_request_error" } });
    let form: FormData;
    try {
      form = await new Request("http://stand-in/", { method: "POST", headers: { "content-type": type }, body: new Uint8Array(raw) }).formData();
    } catch {
      return send(400, { error: { message: "Could not parse multipart form", type: "invalid_request_error" } });
    }
    const file = form.get("file");
    const model = form.get("model");
    if (!(file instanceof File) || typeof model !== "string" || !model) return send(400, { error: { message: "'file' and 'model' are required", type: "invalid_request_error", param: file instanceof File ? "model" : "file" } });
    if (!req.headers.authorization?.startsWith("Bearer ")) return send(401, { error: { message: "You didn't provide an API key.", type: "invalid_request_error", code: "invalid_api_key" } });
    const audio = Buffer.from(await file.arrayBuffer());
    const responseFormat = typeof form.get("response_format") === "string" ? String(form.get("response_format")) : null;
    transcriptions.push({ authorization: req.headers.authorization, model, language: typeof form.get("language") === "string" ? String(form.get("language")) : null, responseFormat, filename: file.name, fileType: file.type, bytes: audio.byteLength });
    const step: ScriptedTranscription = transcriptionQueue.shift() ?? { kind: "text", text: embeddedTranscript(audio) };
    if (step.kind === "hang") {
      hanging.add(res);
      res.on("close", () => hanging.delete(res));
      return;
    }
    if (step.kind === "status") return send(step.status, { error: { message: step.message ?? (step.status === 429 ? "Rate limit reached for requests" : "The server had an error while processing your request"), type: step.status === 429 ? "requests" : "server_error", code: step.status === 429 ? "rate_limit_exceeded" : null } });
    const duration = step.duration ?? Math.round(audio.byteLength / 2000);
    if (responseFormat === "verbose_json") return send(200, { task: "transcribe", language: "portuguese", duration, text: step.text, segments: [{ id: 0, seek: 0, start: 0, end: duration, text: step.text, tokens: [], temperature: 0, avg_logprob: -0.2, compression_ratio: 1, no_speech_prob: 0.01 }] });
    send(200, { text: step.text, usage: { type: "duration", seconds: duration } });
  }

  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    calls,
    transcriptions,
    scriptTranscription: (...steps) => transcriptionQueue.push(...steps),
    script: (...steps) => queue.push(...steps),
    pending: () => queue.length,
    setDelay: (ms) => {
      delayMs = ms;
    },
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
