import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local n8n instance as its Webhook node answers (production URLs, `POST /webhook/{path}`):
 * an active workflow answers 200 `{"message":"Workflow was started"}` ("Respond: Immediately");
 * an unknown path 404 `{"code":404,"message":"The requested webhook \"POST {path}\" is not
 * registered.","hint":…}`; a workflow with Header Auth answers 403 `Authorization data is wrong!`
 * when the header is missing or wrong.
 */
export interface N8nCall {
  workflow: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  json: Record<string, unknown>;
}

export async function startN8nStandIn() {
  const workflows = new Map<string, { header?: { name: string; value: string } }>();
  const calls: N8nCall[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const send = (status: number, payload: unknown) => {
        res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
        res.end(JSON.stringify(payload));
      };
      const m = /^\/webhook\/([^?]+)/.exec(req.url ?? "");
      const wf = m ? workflows.get(decodeURIComponent(m[1]!)) : undefined;
      if (!m || !wf || req.method !== "POST") return send(404, { code: 404, message: `The requested webhook "${req.method} ${m?.[1] ?? req.url}" is not registered.`, hint: "Click the 'Execute workflow' button on the canvas, then try again." });
      if (wf.header && req.headers[wf.header.name.toLowerCase()] !== wf.header.value) {
        res.writeHead(403, { "content-type": "text/plain" });
        return res.end("Authorization data is wrong!");
      }
      let json: Record<string, unknown> = {};
      try {
        json = body ? (JSON.parse(body) as Record<string, unknown>) : {};
      } catch {
        return send(422, { code: 422, message: "Invalid JSON" });
      }
      calls.push({ workflow: m[1]!, headers: req.headers, body, json });
      send(200, { message: "Workflow was started" });
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    calls,
    /** Activates a workflow whose Webhook node listens on `path` (optionally with Header Auth). */
    activate: (path: string, header?: { name: string; value: string }) => void workflows.set(path, { header }),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
