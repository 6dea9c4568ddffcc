import { randomBytes, randomInt } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signMediaQuery } from "@vendaflow/core/media/serve";
import { signQStashRequest } from "@vendaflow/connectors/qstash/sign-request";
import { signMetaBody } from "@vendaflow/connectors/whatsapp/verify-signature";
import { TEST_KEYS } from "../support/app-env";
import { startAppServer } from "../support/app-server";
import { closeOwner, createTenant, createWhatsAppInbox, env, type FixtureTenant, owner } from "../support/fixtures";
import { Client, request } from "../support/http";
import * as wa from "../support/whatsapp-payloads";
import { startGraphStandIn, type GraphStandIn } from "../stand-ins/graph-api";
import { eventually } from "../support/eventually";

// Issue 15, item 3: a lead's media is downloaded through the Graph API (stand-in) right after the
// webhook, kept behind the Storage port (local disk here), shown only to its tenant, and agents
// send files. Every media type of the webhook, the size limit, unsafe types and failures.

let graph: GraphStandIn;
let app: Awaited<ReturnType<typeof startAppServer>>;
let a: FixtureTenant;
let b: FixtureTenant;
let phoneA: string;
let phoneB: string;

const hostOf = (t: FixtureTenant) => `${t.slug}.${app.rootDomain}`;
/** One login per tenant and role (logins are rate-limited per e-mail). */
const clients = new Map<string, Promise<Client>>();
function adminOf(t: FixtureTenant, role: "admin" | "agent" | "viewer" = "admin") {
  const key = `${t.id}:${role}`;
  if (!clients.has(key)) {
    clients.set(
      key,
      (async () => {
        const c = new Client(app.port, `${t.slug}.${app.rootDomain}`);
        expect(await c.login(t.users[role].email, t.users[role].password)).toBeNull();
        return c;
      })(),
    );
  }
  return clients.get(key)!;
}
async function whatsappInbox(t: FixtureTenant) {
  return createWhatsAppInbox(await adminOf(t), graph.baseUrl);
}

beforeAll(async () => {
  graph = await startGraphStandIn({ accessToken: TEST_KEYS.waAccessToken });
  app = await startAppServer({ WHATSAPP_GRAPH_BASE_URL: graph.baseUrl });
  a = await createTenant();
  b = await createTenant();
  phoneA = await whatsappInbox(a);
  phoneB = await whatsappInbox(b);
});
afterAll(async () => {
  await app?.stop();
  await graph?.close();
  await closeOwner();
});

const newPhone = () => `55119${randomInt(10_000_000, 99_999_999)}`;
const q = async (sql: string, params: unknown[]) => (await owner().query(sql, params)).rows;
async function post(body: unknown) {
  const raw = JSON.stringify(body);
  return request(app.port, app.rootDomain, "POST", "/api/whatsapp", { headers: { "content-type": "application/json", "x-hub-signature-256": signMetaBody(raw, TEST_KEYS.waAppSecret) }, body: raw });
}
/** A signed job call, as the scheduler (QStash or the local delivery) makes it. */
async function job(path: string, raw: string) {
  const signature = await signQStashRequest({ url: `http://${app.rootDomain}${path}`, rawBody: raw, signingKey: TEST_KEYS.qstashCurrent });
  return request(app.port, app.rootDomain, "POST", path, { headers: { "content-type": "application/json", "upstash-signature": signature }, body: raw });
}
/** Graph's metadata read of one media id: the first request of every download attempt. */
const metaOf = (mediaId: string) => (r: { method: string; path: string }) => r.method === "GET" && r.path.startsWith(`/v25.0/${mediaId}?`);
const attemptsAt = (mediaId: string) => graph.requests.filter(metaOf(mediaId)).length;

/** A lead of `phoneNumberId` sends one file; resolves with its media_objects row once settled. */
async function leadSends(phoneNumberId: string, type: "image" | "audio" | "video" | "document" | "sticker", body: Buffer, mimeType: string, extra: Record<string, unknown> = {}, before?: (mediaId: string) => void) {
  const phone = newPhone();
  const mediaId = graph.addMedia(body, mimeType);
  before?.(mediaId);
  const msg = wa.media(phone, type, { id: mediaId, mime_type: mimeType, sha256: undefined, ...extra });
  expect((await post(wa.webhook(wa.messageChange(phoneNumberId, [msg], [{ wa_id: phone, name: "Lead Mídia" }])))).status).toBe(200);
  const [row] = await eventually(
    () => q("select mo.*, m.conversation_id from media_objects mo join messages m on m.id = mo.message_id where m.provider_message_id = $1", [msg.id]),
    (r) => r.length > 0 && r[0].status !== "pending",
  );
  return { row, phone };
}

describe("inbound media", () => {
  const cases = [
    ["image", "image/jpeg", 30_000],
    ["audio", "audio/ogg; codecs=opus", 12_000],
    ["video", "video/mp4", 60_000],
    ["document", "application/pdf", 20_000],
    ["sticker", "image/webp", 8_000],
  ] as const;
  for (const [type, mime, size] of cases) {
    it(`${type}: downloaded through the Graph API and stored, served to its tenant's agents as ${mime.split(";")[0]}`, async () => {
      const bytes = randomBytes(size);
      const { row } = await leadSends(phoneA, type, bytes, mime, type === "document" ? { filename: "proposta.pdf" } : type === "audio" ? { voice: true } : {});
      expect(row).toMatchObject({ tenant_id: a.id, direction: "inbound", kind: type, status: "stored", content_type: mime.split(";")[0], size_bytes: String(size) });
      const admin = await adminOf(a);
      const res = await admin.send("GET", `/api/media/${row.id}`);
      expect(res.status).toBe(200);
      expect(res.raw.equals(bytes)).toBe(true);
      expect(res.headers).toMatchObject({ "content-type": mime.split(";")[0], "x-content-type-options": "nosniff", "content-security-policy": "default-src 'none'; sandbox" });
      expect(res.headers["content-disposition"]).toMatch(type === "document" ? /^attachment; filename="proposta.pdf"/ : /^inline;/);
      // The inbox gets the file with the message.
      const detail = await admin.trpc<{ messages: { content_type: string; file_id: string | null; file_status: string | null }[] }>("query", "conversations.get", { conversationId: row.conversation_id });
      expect(detail.data!.messages.find((m) => m.file_id === row.id)).toMatchObject({ content_type: type, file_status: "stored" });
    });
  }

  it("a type we do not serve as itself (HTML in a document) is kept as a download, never rendered", async () => {
    const { row } = await leadSends(phoneA, "document", Buffer.from("<script>alert(1)</script>"), "text/html", { filename: "x.html" });
    expect(row).toMatchObject({ status: "stored", content_type: "application/octet-stream", declared_type: "text/html" });
    const res = await (await adminOf(a)).send("GET", `/api/media/${row.id}`);
    expect(res.headers["content-type"]).toBe("application/octet-stream");
    expect(res.headers["content-disposition"]).toMatch(/^attachment;/);
  });

  it("a file over the kind's limit is refused before download and never stored", async () => {
    const { row } = await leadSends(phoneA, "image", randomBytes(5 * 1024 * 1024 + 1), "image/jpeg");
    expect(row).toMatchObject({ status: "refused", storage_key: null });
    expect(row.error).toContain("acima do limite");
    expect((await (await adminOf(a)).send("GET", `/api/media/${row.id}`)).status).toBe(404);
  });

  it("a redelivered webhook records and downloads the file a crash lost between the message and its file row", async () => {
    const phone = newPhone();
    const bytes = randomBytes(800);
    const mediaId = graph.addMedia(bytes, "image/png");
    const msg = wa.media(phone, "image", { id: mediaId, mime_type: "image/png", sha256: undefined });
    const hook = wa.webhook(wa.messageChange(phoneA, [msg], [{ wa_id: phone, name: "Lead Reenvio" }]));
    const fileOf = () => q("select mo.id, mo.status from media_objects mo join messages m on m.id = mo.message_id where m.provider_message_id = $1", [msg.id]);
    expect((await post(hook)).status).toBe(200);
    const [first] = await eventually(fileOf, (r) => r.length > 0 && r[0].status === "stored");
    // What the crash leaves: the message recorded, its file row never (deleted here); Meta got no 200 and redelivers.
    await q("delete from media_objects where id = $1", [first.id]);
    expect((await post(hook)).status).toBe(200);
    const again = await eventually(fileOf, (r) => r.length > 0 && r[0].status === "stored");
    expect(again).toEqual([{ id: expect.not.stringMatching(first.id), status: "stored" }]);
    expect((await (await adminOf(a)).send("GET", `/api/media/${again[0].id}`)).raw.equals(bytes)).toBe(true);
    expect(attemptsAt(mediaId)).toBe(2);
    // A plain redelivery adds no row and fetches nothing (the file is stored).
    expect((await post(hook)).status).toBe(200);
    expect(await fileOf()).toEqual(again);
    expect((await q("select count(*)::int as n from messages where provider_message_id = $1", [msg.id]))[0].n).toBe(1);
  });

  it("a failed download and its retry job commit in one transaction (embedded scheduler)", async () => {
    const body = randomBytes(100);
    let mediaId = "";
    const { row } = await leadSends(phoneA, "image", body, "image/png", {}, (id) => {
      mediaId = id;
      graph.failNext(131000, 500, metaOf(id));
    });
    expect(row).toMatchObject({ status: "failed", attempts: 1 });
    // Read right after the failed status: its retry is there already, and the row is due when the job is.
    const [first] = await q("select body, extract(epoch from not_before - $2::timestamptz)::int as in_s from scheduled_jobs where deduplication_id = $1", [`media-download-${row.id}-1`, row.download_due_at]);
    expect(JSON.parse(first.body)).toEqual({ tenantId: a.id, mediaObjectId: row.id, afterAttempts: 1 });
    expect(Math.abs(first.in_s)).toBeLessThan(5);

    // The retry fails too while another transaction holds the next retry's deduplication id: the
    // retry's insert waits for it, and so does the failed status, uncommitted in the same transaction.
    const blocker = new pg.Client({ connectionString: env().ownerUrl });
    await blocker.connect();
    let retry: ReturnType<typeof job> | undefined;
    try {
      await blocker.query("begin");
      await blocker.query("insert into scheduled_jobs (destination, body, not_before, deduplication_id) values ('http://blocker.invalid/x', '{}', now() + interval '1 day', $1)", [`media-download-${row.id}-2`]);
      graph.failNext(131000, 500, metaOf(mediaId));
      retry = job("/api/jobs/media-download", first.body);
      const waiting = await eventually(
        () => q("select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query ilike '%insert into \"scheduled_jobs\"%'", []),
        (r) => r[0].n > 0,
      );
      expect(waiting[0].n).toBeGreaterThan(0);
      expect(attemptsAt(mediaId)).toBe(2);
      // The attempt was claimed before the fetch (attempts 2, due again only after the lease);
      // its failure, with the retry's due time, is not committed yet.
      const [during] = await q("select status, attempts, extract(epoch from download_due_at - now())::int as due_in from media_objects where id = $1", [row.id]);
      expect(during).toMatchObject({ status: "failed", attempts: 2 });
      expect(during.due_in).toBeGreaterThan(500);
    } finally {
      await blocker.query("rollback");
      await blocker.end();
    }
    expect((await retry!).json()).toEqual({ outcome: "failed" });
    // Right after the call returned: the second failure and its retry, both committed.
    const [failed] = await q("select status, attempts, extract(epoch from download_due_at - now())::int as due_in from media_objects where id = $1", [row.id]);
    expect(failed).toMatchObject({ status: "failed", attempts: 2 });
    expect(failed.due_in).toBeLessThanOrEqual(300);
    const [second] = await q("select body from scheduled_jobs where deduplication_id = $1", [`media-download-${row.id}-2`]);
    expect(JSON.parse(second.body)).toEqual({ tenantId: a.id, mediaObjectId: row.id, afterAttempts: 2 });
    // That retry stores it (and leaves nothing due for the recovery sweeps of other tests).
    expect((await job("/api/jobs/media-download", second.body)).json()).toMatchObject({ outcome: "stored" });
    expect((await q("select status, download_due_at from media_objects where id = $1", [row.id]))[0]).toEqual({ status: "stored", download_due_at: null });
  });
});

describe("downloads a crash lost are taken by the recovery sweep", () => {
  /**
   * The sweep (/api/jobs/inbound-recovery) with a grace of 150 s, on rows made due 200 s ago: the
   * automatic sweeps of the test apps (every 30 s, 300 s of grace) leave these rows alone meanwhile.
   */
  const sweep = async () => {
    const res = await job("/api/jobs/inbound-recovery", JSON.stringify({ mediaGraceSeconds: 150 }));
    expect(res.status).toBe(200);
    return res.json<{ media: { stored: number; failed: number } }>().media;
  };
  const lostJobs = async (ids: string[]) => (await q("select count(*)::int as n from scheduled_jobs where body::jsonb->>'mediaObjectId' = any($1)", [ids]))[0].n as number;
  const failing = (ids: string[]) => (id: string) => {
    ids.push(id);
    graph.failNext(131000, 500, metaOf(id));
  };

  it("a failed file whose retry job was lost, and a file whose first download never ran, are downloaded once; a second sweep does nothing", async () => {
    const mediaIds: string[] = [];
    const bytesF = randomBytes(700);
    const bytesP = randomBytes(900);
    const f = (await leadSends(phoneA, "image", bytesF, "image/png", {}, failing(mediaIds))).row;
    const p = (await leadSends(phoneB, "document", bytesP, "application/pdf", { filename: "perdido.pdf" }, failing(mediaIds))).row;
    // What a crash leaves: A's failure stored and its retry never published; B's file recorded
    // (pending, due on arrival) and the route's download never run.
    await q("delete from scheduled_jobs where body::jsonb->>'mediaObjectId' = any($1)", [[f.id, p.id]]);
    await q("update media_objects set download_due_at = now() - interval '200 seconds' where id = $1", [f.id]);
    await q("update media_objects set status = 'pending', attempts = 0, error = null, download_due_at = now() - interval '200 seconds' where id = $1", [p.id]);
    expect(mediaIds.map(attemptsAt)).toEqual([1, 1]);

    const first = await sweep();
    expect(first.stored).toBeGreaterThanOrEqual(2);
    const rows = await q("select id, tenant_id, status, attempts, download_due_at from media_objects where id = any($1) order by tenant_id = $2 desc", [[f.id, p.id], a.id]);
    expect(rows).toEqual([
      { id: f.id, tenant_id: a.id, status: "stored", attempts: 2, download_due_at: null },
      { id: p.id, tenant_id: b.id, status: "stored", attempts: 1, download_due_at: null },
    ]);
    expect((await (await adminOf(a)).send("GET", `/api/media/${f.id}`)).raw.equals(bytesF)).toBe(true);
    expect((await (await adminOf(b)).send("GET", `/api/media/${p.id}`)).raw.equals(bytesP)).toBe(true);
    expect(mediaIds.map(attemptsAt)).toEqual([2, 2]);

    await sweep();
    expect(mediaIds.map(attemptsAt)).toEqual([2, 2]);
    expect(await lostJobs([f.id, p.id])).toBe(0);
    expect((await q("select attempts from media_objects where id = any($1) order by tenant_id = $2 desc", [[f.id, p.id], a.id])).map((r) => r.attempts)).toEqual([2, 1]);
  });

  it("a sweep whose download fails again stores the failure with its next retry, due by its delay; the next sweep and the lost job, come late, leave it to that retry", async () => {
    const mediaIds: string[] = [];
    const bytes = randomBytes(600);
    const row = (await leadSends(phoneA, "image", bytes, "image/png", {}, failing(mediaIds))).row;
    const [lost] = await q("select body from scheduled_jobs where body::jsonb->>'mediaObjectId' = $1", [row.id]);
    await q("delete from scheduled_jobs where body::jsonb->>'mediaObjectId' = $1", [row.id]);
    await q("update media_objects set download_due_at = now() - interval '200 seconds' where id = $1", [row.id]);

    graph.failNext(131000, 500, metaOf(mediaIds[0]!));
    expect((await sweep()).failed).toBeGreaterThanOrEqual(1);
    expect(attemptsAt(mediaIds[0]!)).toBe(2);
    // The second attempt's delay (DOWNLOAD_RETRY_DELAYS[1], 300 s) from the failure, on the row and the job alike.
    const [after] = await q("select status, attempts, extract(epoch from download_due_at - now())::int as due_in from media_objects where id = $1", [row.id]);
    expect(after).toMatchObject({ status: "failed", attempts: 2 });
    expect(after.due_in).toBeGreaterThan(280);
    expect(after.due_in).toBeLessThanOrEqual(300);
    const jobs = await q("select body, deduplication_id from scheduled_jobs where body::jsonb->>'mediaObjectId' = $1", [row.id]);
    expect(jobs.map((j) => j.deduplication_id)).toEqual([`media-download-${row.id}-2`]);

    await sweep();
    expect(attemptsAt(mediaIds[0]!)).toBe(2);
    expect(await lostJobs([row.id])).toBe(1);
    // The first failure's job, delivered after all: the sweep tried since, so it fetches nothing
    // and schedules nothing (one chain of retries per file).
    expect(JSON.parse(lost.body)).toEqual({ tenantId: a.id, mediaObjectId: row.id, afterAttempts: 1 });
    expect((await job("/api/jobs/media-download", lost.body)).json()).toMatchObject({ outcome: "skipped" });
    expect(attemptsAt(mediaIds[0]!)).toBe(2);
    expect(await lostJobs([row.id])).toBe(1);
    expect((await q("select status, attempts from media_objects where id = $1", [row.id]))[0]).toMatchObject({ status: "failed", attempts: 2 });
    // Its job, when it comes, stores it.
    expect((await job("/api/jobs/media-download", jobs[0].body)).json()).toMatchObject({ outcome: "stored" });
    expect((await q("select status from media_objects where id = $1", [row.id]))[0].status).toBe("stored");
  });

  it("two downloads of one file at the same moment (a job delivered twice, or a job and the sweep) fetch it once", async () => {
    const mediaIds: string[] = [];
    const bytes = randomBytes(500);
    const row = (await leadSends(phoneA, "image", bytes, "image/png", {}, failing(mediaIds))).row;
    const [retry] = await q("select body from scheduled_jobs where body::jsonb->>'mediaObjectId' = $1", [row.id]);
    await q("delete from scheduled_jobs where body::jsonb->>'mediaObjectId' = $1", [row.id]);
    expect(attemptsAt(mediaIds[0]!)).toBe(1);
    // Graph answers the first fetch late, so both calls have read the row before either is done.
    graph.holdNext(300, metaOf(mediaIds[0]!));
    const outcomes = await Promise.all([job("/api/jobs/media-download", retry.body), job("/api/jobs/media-download", retry.body)]);
    expect(outcomes.map((r) => r.json<{ outcome: string }>().outcome).sort()).toEqual(["skipped", "stored"]);
    expect(attemptsAt(mediaIds[0]!)).toBe(2);
    expect((await q("select status, attempts, download_due_at from media_objects where id = $1", [row.id]))[0]).toEqual({ status: "stored", attempts: 2, download_due_at: null });
    expect((await (await adminOf(a)).send("GET", `/api/media/${row.id}`)).raw.equals(bytes)).toBe(true);
    expect(await lostJobs([row.id])).toBe(0);
  });
});

describe("media is served only to its tenant", () => {
  let fileA: string;
  let bytes: Buffer;
  beforeAll(async () => {
    bytes = randomBytes(1000);
    fileA = (await leadSends(phoneA, "image", bytes, "image/png")).row.id;
  });

  it("another tenant's admin, on their own host, does not find it (RLS), and the other way round", async () => {
    const res = await (await adminOf(b)).send("GET", `/api/media/${fileA}`);
    expect(res.status).toBe(404);
    expect(res.raw.includes(bytes)).toBe(false);
    const { row: fileB } = await leadSends(phoneB, "image", randomBytes(500), "image/png");
    expect(fileB).toMatchObject({ tenant_id: b.id, status: "stored" });
    expect((await (await adminOf(a)).send("GET", `/api/media/${fileB.id}`)).status).toBe(404);
    expect((await (await adminOf(b)).send("GET", `/api/media/${fileB.id}`)).status).toBe(200);
  });

  it("no session → 401; A's session on B's host → 401", async () => {
    expect((await request(app.port, hostOf(a), "GET", `/api/media/${fileA}`)).status).toBe(401);
    const admin = await adminOf(a);
    const res = await request(app.port, hostOf(b), "GET", `/api/media/${fileA}`, { headers: { cookie: [...admin.cookies].map(([k, v]) => `${k}=${v}`).join("; ") } });
    expect(res.status).toBe(401);
  });

  it("a signed link works without a session on its tenant's host only, until it expires", async () => {
    const good = signMediaQuery(TEST_KEYS.tokenSecret, a.id, fileA, new Date());
    const ok = await request(app.port, hostOf(a), "GET", `/api/media/${fileA}?${good}`);
    expect(ok.status).toBe(200);
    expect(ok.raw.equals(bytes)).toBe(true);
    // The same link on B's host: signed for another tenant.
    expect((await request(app.port, hostOf(b), "GET", `/api/media/${fileA}?${good}`)).status).toBe(403);
    // Signed for B (by someone holding the secret) still finds nothing of A's under B.
    expect((await request(app.port, hostOf(b), "GET", `/api/media/${fileA}?${signMediaQuery(TEST_KEYS.tokenSecret, b.id, fileA, new Date())}`)).status).toBe(404);
    const expired = signMediaQuery(TEST_KEYS.tokenSecret, a.id, fileA, new Date(Date.now() - 7200_000));
    expect((await request(app.port, hostOf(a), "GET", `/api/media/${fileA}?${expired}`)).status).toBe(403);
    const tampered = good.replace(/sig=./, (s) => (s.endsWith("A") ? "sig=B" : "sig=A"));
    expect((await request(app.port, hostOf(a), "GET", `/api/media/${fileA}?${tampered}`)).status).toBe(403);
  });
});

describe("agents send files", () => {
  async function multipart(fields: Record<string, string>, file?: { body: Buffer; type: string; name: string }) {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    if (file) form.set("file", new Blob([new Uint8Array(file.body)], { type: file.type }), file.name);
    const req = new Request("http://x/", { method: "POST", body: form });
    const body = Buffer.from(await req.arrayBuffer());
    return { body, headers: { "content-type": req.headers.get("content-type")!, "content-length": String(body.length) } };
  }

  it("a document goes to Meta as an upload, then a document message; it shows in the conversation", async () => {
    const phone = newPhone();
    expect((await post(wa.webhook(wa.messageChange(phoneA, [wa.text(phone, "pode me mandar a proposta?")], [{ wa_id: phone, name: "Rui" }])))).status).toBe(200);
    const [conv] = await eventually(() => q("select c.id from conversations c join leads l on l.id = c.lead_id where l.wa_id = $1", [phone]), (r) => r.length > 0);
    const admin = await adminOf(a);
    const pdf = Buffer.concat([Buffer.from("%PDF-1.7\n"), randomBytes(3000)]);
    const res = await admin.send("POST", "/api/agent/media", await multipart({ conversationId: conv.id, caption: "Segue a proposta" }, { body: pdf, type: "application/pdf", name: "../proposta.pdf" }));
    expect(res.status).toBe(200);
    const { messageId } = res.json<{ messageId: string }>();
    const [msg] = await q("select content_type, text, delivery_status, provider_message_id from messages where id = $1", [messageId]);
    expect(msg).toMatchObject({ content_type: "document", text: "Segue a proposta", delivery_status: "sent" });
    const upload = graph.uploads.at(-1)!;
    expect(upload.body.equals(pdf)).toBe(true);
    expect(upload).toMatchObject({ mimeType: "application/pdf", filename: "proposta.pdf" });
    const sent = graph.requests.find((r) => (r.body as { to?: string } | undefined)?.to === phone && (r.body as { type?: string }).type === "document");
    expect(sent!.body).toMatchObject({ document: { id: upload.id, caption: "Segue a proposta", filename: "proposta.pdf" } });
    // Stored for the inbox too, served like an inbound file.
    const [file] = await q("select id from media_objects where message_id = $1", [messageId]);
    const served = await admin.send("GET", `/api/media/${file.id}`);
    expect(served.raw.equals(pdf)).toBe(true);
  });

  it("refuses unsupported types, viewers, other tenants' conversations and other origins", async () => {
    const phone = newPhone();
    await post(wa.webhook(wa.messageChange(phoneA, [wa.text(phone, "oi")], [{ wa_id: phone, name: "Ana" }])));
    const [conv] = await eventually(() => q("select c.id from conversations c join leads l on l.id = c.lead_id where l.wa_id = $1", [phone]), (r) => r.length > 0);
    const admin = await adminOf(a);
    const html = await admin.send("POST", "/api/agent/media", await multipart({ conversationId: conv.id }, { body: Buffer.from("<html>"), type: "text/html", name: "x.html" }));
    expect(html.status).toBe(400);
    expect(html.json<{ message: string }>().message).toMatch(/^Tipo de arquivo não suportado/);
    const viewer = await adminOf(a, "viewer");
    const png = { body: randomBytes(100), type: "image/png", name: "a.png" };
    expect((await viewer.send("POST", "/api/agent/media", await multipart({ conversationId: conv.id }, png))).status).toBe(403);
    const other = await adminOf(b);
    expect((await other.send("POST", "/api/agent/media", await multipart({ conversationId: conv.id }, png))).status).toBe(404);
    const cross = await multipart({ conversationId: conv.id }, png);
    expect((await admin.send("POST", "/api/agent/media", { body: cross.body, headers: { ...cross.headers, origin: "http://evil.example" } })).status).toBe(403);
    expect((await q("select count(*)::int as n from messages where conversation_id = $1 and sender = 'agent'", [conv.id]))[0].n).toBe(0);
  });
});
