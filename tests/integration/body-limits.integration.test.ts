import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signMetaBody } from "@vendaflow/connectors/whatsapp/verify-signature";
import { TEST_KEYS } from "../support/app-env";
import { closeOwner, createTenant, env, owner, seedConversationRows, type FixtureTenant } from "../support/fixtures";
import { request } from "../support/http";
import * as wa from "../support/whatsapp-payloads";

// Every route reads its body under its own limit and answers 413 with a pt-BR message, before a
// signature is even checked (a truncated body would otherwise fail it as a 401).
let tenant: FixtureTenant;
const SITE = "http://limites.example";
let publicKey: string;

beforeAll(async () => {
  tenant = await createTenant();
  const admin = await tenant.loginAs("admin");
  const w = await admin.trpc<{ inbox: { publicKey: string } }>("mutation", "inboxes.create", { channel: "web", name: "Site", settings: { allowedOrigins: [SITE], schedulingUrl: "", templates: {} } });
  publicKey = w.data.inbox.publicKey;
});
afterAll(closeOwner);

const post = (path: string, body: string, headers: Record<string, string> = {}, host = env().rootDomain) =>
  request(env().port, host, "POST", path, { headers: { "content-type": "application/json", ...headers }, body });

/** A body sent in chunks with no Content-Length (a sender that does not declare its size). */
function chunked(path: string, chunk: string, times: number, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: env().port, method: "POST", path, headers: { host: env().rootDomain, "content-type": "application/json", "transfer-encoding": "chunked", ...headers } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", (err: NodeJS.ErrnoException) => (err.code === "EPIPE" || err.code === "ECONNRESET" ? resolve({ status: -1, text: err.code }) : reject(err)));
    let i = 0;
    const write = () => {
      while (i < times) {
        i++;
        if (!req.write(chunk)) return void req.once("drain", write);
      }
      req.end();
    };
    write();
  });
}

const expect413 = (res: { status: number; text: string }) => {
  expect(res.status).toBe(413);
  expect(JSON.parse(res.text)).toMatchObject({ error: "payload_too_large", message: expect.stringContaining("grande demais") });
};

describe("bounded bodies", () => {
  it("WhatsApp: a signed 1.2 MB delivery is 413 and nothing is stored", async () => {
    const body = JSON.stringify(wa.webhook(wa.messageChange("999000111", [wa.text("5511987654321", "x".repeat(1_200_000))])));
    const res = await post("/api/whatsapp", body, { "x-hub-signature-256": signMetaBody(body, TEST_KEYS.waAppSecret) });
    expect413(res);
    const { rows } = await owner().query("select count(*)::int as n from messages where length(text) > 1000000");
    expect(rows[0].n).toBe(0);
  });

  it("WhatsApp: 11 MB is 413, not a 401 from a truncated body", async () => {
    const body = "x".repeat(11 * 1024 * 1024);
    expect413(await post("/api/whatsapp", body, { "x-hub-signature-256": signMetaBody(body, TEST_KEYS.waAppSecret) }));
  });

  it("WhatsApp: an undeclared (chunked) body is cut off at the limit", async () => {
    const res = await chunked("/api/whatsapp", "y".repeat(64 * 1024), 20, { "x-hub-signature-256": "sha256=00" });
    if (res.status !== -1) expect413(res);
  });

  it("widget: a 2 MB start and a 20 KB message are 413 with CORS headers the browser can read", async () => {
    expect413(await post("/api/widget/start", JSON.stringify({ publicKey, pad: "z".repeat(2 * 1024 * 1024) }), { origin: SITE }));
    const start = await post("/api/widget/start", JSON.stringify({ publicKey }), { origin: SITE });
    expect(start.status).toBe(200);
    const token = start.json<{ visitorToken: string }>().visitorToken;
    const big = await post("/api/widget/send", JSON.stringify({ clientMessageId: "m-00000001", text: "a".repeat(20 * 1024) }), { origin: SITE, authorization: `Bearer ${token}` });
    expect413(big);
    expect(big.headers["access-control-allow-origin"]).toBe(SITE);
  });

  it("tRPC: an 8 MB body is 413; auth forms and job callbacks have their own small limits", async () => {
    expect413(await post("/api/trpc/auth.login", JSON.stringify({ json: { email: "a@b.com", password: "x".repeat(8 * 1024 * 1024) } }), {}, tenant.host));
    expect413(await post("/api/auth/callback/credentials", `email=a%40b.com&password=${"p".repeat(64 * 1024)}`, { "content-type": "application/x-www-form-urlencoded" }, tenant.host));
    expect413(await post("/api/jobs/bot-timeout", JSON.stringify({ pad: "j".repeat(128 * 1024) }), { "upstash-signature": "x" }));
  });

  it("agent files: past 32 MB + 64 KB is 413 before the form is read; a 12 MB form reaches the handler whole", async () => {
    const admin = await tenant.loginAs("admin");
    const cookie = admin.cookieHeader();
    const declared = await request(env().port, tenant.host, "POST", "/api/agent/media", {
      // connection: close, or the next request would reuse a socket the server stopped reading.
      headers: { cookie, connection: "close", "content-type": "multipart/form-data; boundary=x", "content-length": String(33 * 1024 * 1024) },
      body: "--x--\r\n",
    }).catch((err: NodeJS.ErrnoException) => ({ status: -1, text: String(err.code) }));
    // The handler answers from the declared length; the client may see the reset of the unsent rest.
    if (declared.status !== -1) expect413(declared);
    // 12 MB is past the 10 MB that proxy.ts's body copy keeps: a truncated form would be
    // "invalid_form"; whole, it parses and the (non-uuid) conversation id is what is refused.
    const pdf = Buffer.alloc(12 * 1024 * 1024, 0x41);
    const form = Buffer.concat([
      Buffer.from('--x\r\nContent-Disposition: form-data; name="conversationId"\r\n\r\nnão-é-um-id\r\n--x\r\nContent-Disposition: form-data; name="file"; filename="grande.pdf"\r\nContent-Type: application/pdf\r\n\r\n'),
      pdf,
      Buffer.from("\r\n--x--\r\n"),
    ]);
    const whole = await request(env().port, tenant.host, "POST", "/api/agent/media", { headers: { cookie, "content-type": "multipart/form-data; boundary=x", "content-length": String(form.byteLength) }, body: form });
    expect(whole.status).toBe(400);
    expect(JSON.parse(whole.text)).toMatchObject({ error: "invalid_input", message: "Conversa inválida.", issues: [{ path: ["conversationId"] }] });
  });

  it("lead import: an undeclared (chunked) CSV past 10 MB is 413, not imported cut short", async () => {
    const admin = await tenant.loginAs("admin");
    const before = (await owner().query("select count(*)::int as n from lead_imports where tenant_id = $1", [tenant.id])).rows[0].n;
    const row = "Ana;ana@example.com;11987654321\n".repeat(1024);
    const res = await chunked("/api/crm/import?name=grande.csv", row, Math.ceil((11 * 1024 * 1024) / row.length), { host: tenant.host, cookie: admin.cookieHeader(), "content-type": "text/csv", connection: "close" });
    if (res.status !== -1) {
      expect413(res);
      expect(JSON.parse(res.text).message).toBe("Arquivo grande demais: o limite é 10 MB.");
    }
    expect((await owner().query("select count(*)::int as n from lead_imports where tenant_id = $1", [tenant.id])).rows[0].n).toBe(before);
  });

  it("a body under the limit still goes through", async () => {
    const res = await post("/api/widget/start", JSON.stringify({ publicKey }), { origin: SITE });
    expect(res.status).toBe(200);
  });
});

describe("the dashboard never pulls a huge message on every poll", () => {
  it("lists and transcripts carry the start of a long text; the whole text comes on demand", async () => {
    const t = await createTenant();
    const { conversationId } = await seedConversationRows(t.id);
    const long = "início " + "x".repeat(300_000) + " fim";
    const { rows } = await owner().query("insert into messages (tenant_id, conversation_id, sender, text) values ($1, $2, 'lead', $3) returning id", [t.id, conversationId, long]);
    const admin = await t.loginAs("admin");
    const detail = await admin.trpc<{ messages: { id: string; text: string; text_truncated: boolean }[] }>("query", "conversations.get", { conversationId });
    const msg = detail.data.messages.find((x) => x.id === rows[0].id)!;
    expect(msg.text_truncated).toBe(true);
    expect(msg.text.length).toBe(4000);
    expect(msg.text.startsWith("início ")).toBe(true);
    const short = detail.data.messages.find((x) => x.id !== rows[0].id)!;
    expect(short.text_truncated).toBe(false);
    const list = await admin.trpc<{ items: { id: string; last_text: string }[] }>("query", "conversations.list", {});
    expect(list.data.items.find((c) => c.id === conversationId)!.last_text.length).toBe(200);
    const whole = await admin.trpc<{ text: string }>("query", "conversations.messageText", { messageId: rows[0].id });
    expect(whole.data.text).toBe(long);
    // Another tenant's message id is not found through this tenant.
    const other = await createTenant();
    const outsider = await other.loginAs("admin");
    expect((await outsider.trpc("query", "conversations.messageText", { messageId: rows[0].id })).error?.data.code).toBe("NOT_FOUND");
  });
});

