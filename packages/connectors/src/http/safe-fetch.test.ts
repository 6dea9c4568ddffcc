import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OutboundBlockedError, safeFetch, type Resolve } from "./safe-fetch";

// A receiver on 127.0.0.1 stands in for "a public server": tests name it by a DNS name that an
// injected resolver answers, and allow-list only that name where the case needs it through.
let server: Server;
let port: number;
const hits: string[] = [];
const headersSeen: Record<string, string | string[] | undefined>[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? "");
    if (req.url === "/big") return res.end("x".repeat(4096));
    if (req.url?.startsWith("/redirect")) {
      res.statusCode = 302;
      res.setHeader("location", new URL(req.url, "http://x").searchParams.get("to")!);
      return res.end();
    }
    if (req.url === "/slow") return setTimeout(() => res.end("late"), 2000);
    if (req.url === "/headers") headersSeen.push(req.headers);
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => res.end(`${req.method} ${body}`));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

/** hooks.example → the stand-in (allow-listed: our "public" server); evil.example → a private address. */
const resolve: Resolve = async (host) => {
  if (host === "hooks.example" || host === "other.example") return [{ address: "127.0.0.1", family: 4 }];
  if (host === "evil.example") return [{ address: "10.0.0.1", family: 4 }];
  if (host === "mixed.example") return [{ address: "93.184.216.34", family: 4 }, { address: "192.168.1.1", family: 4 }];
  if (host === "rebind.example") return [{ address: "169.254.169.254", family: 4 }];
  throw new Error(`ENOTFOUND ${host}`);
};
const policy = { resolve, allowHosts: ["hooks.example"] };

describe("safeFetch (SSRF guard)", () => {
  it("refuses loopback, private, metadata and their numeric and IPv6 spellings before connecting", async () => {
    for (const url of [
      "http://127.0.0.1/",
      "http://10.0.0.1/",
      "http://169.254.169.254/latest/meta-data/",
      "http://[::1]/",
      "http://[::ffff:127.0.0.1]/",
      "http://2130706433/",
      "http://0x7f000001/",
      "http://0177.0.0.1/",
      "http://127.1/",
      "http://[fd00:ec2::254]/",
      "http://100.64.0.1/",
      "http://224.0.0.1/",
      "http://0.0.0.0/",
    ]) {
      await expect(safeFetch(url, {}, { resolve }), url).rejects.toBeInstanceOf(OutboundBlockedError);
    }
    expect(hits).toEqual([]);
  });

  it("refuses a DNS name resolving to a private address, and one whose answers mix public and private", async () => {
    await expect(safeFetch("http://evil.example/hook", {}, { resolve })).rejects.toThrow(/rede interna/);
    await expect(safeFetch(`http://mixed.example:${port}/`, {}, { resolve })).rejects.toThrow(/rede interna/);
    await expect(safeFetch(`http://rebind.example:${port}/`, {}, { resolve })).rejects.toThrow(/rede interna/);
  });

  it("only http(s), no credentials in the URL", async () => {
    for (const url of ["file:///etc/passwd", "gopher://hooks.example/", "ftp://hooks.example/", `http://user:pw@hooks.example:${port}/`]) {
      await expect(safeFetch(url, {}, policy), url).rejects.toBeInstanceOf(OutboundBlockedError);
    }
  });

  it("connects to the address it checked (an allow-listed name reaches the stand-in) and posts the body", async () => {
    const res = await safeFetch(`http://hooks.example:${port}/hook`, { method: "POST", body: "{\"a\":1}" }, policy);
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe('POST {"a":1}');
  });

  it("a redirect to another origin carries none of the request's own headers (auth, signatures); one to the same origin keeps them", async () => {
    const both = { resolve, allowHosts: ["hooks.example", "other.example"] };
    const headers = { "content-type": "application/json", "user-agent": "Vendaflow-Webhook/1", "x-n8n-auth": "segredo", authorization: "Bearer t", "x-vendaflow-signature": "v1=abc" };
    headersSeen.length = 0;
    await safeFetch(`http://hooks.example:${port}/redirect?to=${encodeURIComponent(`http://other.example:${port}/headers`)}`, { headers }, both);
    await safeFetch(`http://hooks.example:${port}/redirect?to=${encodeURIComponent(`http://hooks.example:${port}/headers`)}`, { headers }, both);
    const [away, same] = headersSeen;
    expect([away!["x-n8n-auth"], away!.authorization, away!["x-vendaflow-signature"], away!["content-type"], away!["user-agent"]]).toEqual([undefined, undefined, undefined, "application/json", "Vendaflow-Webhook/1"]);
    expect([same!["x-n8n-auth"], same!.authorization, same!["x-vendaflow-signature"]]).toEqual(["segredo", "Bearer t", "v1=abc"]);
  });

  it("re-checks every redirect: a hop to a private address or a private name is refused", async () => {
    await expect(safeFetch(`http://hooks.example:${port}/redirect?to=${encodeURIComponent("http://169.254.169.254/latest")}`, {}, policy)).rejects.toBeInstanceOf(OutboundBlockedError);
    await expect(safeFetch(`http://hooks.example:${port}/redirect?to=${encodeURIComponent(`http://evil.example:${port}/`)}`, {}, policy)).rejects.toBeInstanceOf(OutboundBlockedError);
    const ok = await safeFetch(`http://hooks.example:${port}/redirect?to=${encodeURIComponent(`http://hooks.example:${port}/final`)}`, {}, policy);
    expect(ok.status).toBe(200);
    expect(ok.url).toBe(`http://hooks.example:${port}/final`);
  });

  it("bounds the answer's size and the time", async () => {
    await expect(safeFetch(`http://hooks.example:${port}/big`, { maxBytes: 1024 }, policy)).rejects.toThrow(/1024 bytes/);
    await expect(safeFetch(`http://hooks.example:${port}/slow`, { timeoutMs: 200 }, policy)).rejects.toThrow();
  });

  it("without the allow-list the same stand-in on 127.0.0.1 is refused", async () => {
    await expect(safeFetch(`http://hooks.example:${port}/hook`, {}, { resolve })).rejects.toThrow(/rede interna/);
  });

  it("keeps a connection alive under one allow-list and never lends it to a stricter policy", async () => {
    // The real resolver here (pools are only for it): a receiver named "localhost".
    let connections = 0;
    const local = createServer((req, res) => req.resume().on("end", () => res.end("ok")));
    local.on("connection", () => connections++);
    await new Promise<void>((r) => local.listen(0, "localhost", r));
    const url = `http://localhost:${(local.address() as AddressInfo).port}/hook`;
    try {
      const allowed = { allowHosts: ["localhost"] };
      for (let i = 0; i < 3; i++) expect((await safeFetch(url, { method: "POST", body: String(i) }, allowed)).status).toBe(200);
      expect(connections).toBe(1);
      await expect(safeFetch(url, { method: "POST", body: "x" }, {})).rejects.toThrow(/rede interna/);
      expect(connections).toBe(1);
    } finally {
      await new Promise<void>((r) => local.close(() => r()));
    }
  });
});
