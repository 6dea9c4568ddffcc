import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localhostFetch } from "./localhost-fetch";

let server: ReturnType<typeof createServer>;
let port: number;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      res.setHeader("content-type", "application/json");
      res.setHeader("retry-after", "1");
      res.statusCode = req.url === "/429" ? 429 : 200;
      res.end(JSON.stringify({ host: req.headers.host, method: req.method, auth: req.headers.authorization ?? null, body }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("localhostFetch", () => {
  it("sends *.localhost requests to 127.0.0.1 with the tenant's Host header, body and headers kept", async () => {
    const res = await localhostFetch()(`http://demo.localhost:${port}/api/trpc/x`, { method: "POST", headers: { authorization: "Bearer k" }, body: '{"a":1}' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ host: `demo.localhost:${port}`, method: "POST", auth: "Bearer k", body: '{"a":1}' });
    const refused = await localhostFetch()(`http://demo.localhost:${port}/429`);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("1");
  });

  it("leaves other origins to the given fetch", async () => {
    const seen: string[] = [];
    const base = (async (input: RequestInfo | URL) => (seen.push(String(input)), new Response("ok"))) as typeof fetch;
    expect(await (await localhostFetch(base)("https://api.example.com/x")).text()).toBe("ok");
    expect(seen).toEqual(["https://api.example.com/x"]);
  });
});
