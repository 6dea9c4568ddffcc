import { randomBytes, randomInt, randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signQStashRequest } from "@vendaflow/connectors/qstash/sign-request";
import { s3Storage } from "@vendaflow/connectors/storage/s3-storage";
import { signMetaBody } from "@vendaflow/connectors/whatsapp/verify-signature";
import { TEST_KEYS } from "../support/app-env";
import { startAppServer } from "../support/app-server";
import { closeOwner, createTenant, createWhatsAppInbox, type FixtureTenant, owner } from "../support/fixtures";
import { Client, request } from "../support/http";
import * as wa from "../support/whatsapp-payloads";
import { startGraphStandIn, type GraphStandIn } from "../stand-ins/graph-api";
import { startS3StandIn, type S3StandIn } from "../stand-ins/s3";
import { eventually } from "../support/eventually";

// Issue 15, item 3: conversation files in production live in an S3-compatible bucket. The
// official SDK against a stand-in that checks SigV4, then the WhatsApp media path of
// whatsapp-media.integration.test.ts with the app switched to the bucket (S3_* env).

let s3: S3StandIn;
const adapter = (over: Partial<Parameters<typeof s3Storage>[0]> = {}) =>
  s3Storage({ bucket: s3.bucket, region: s3.region, accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey, endpoint: s3.endpoint, forcePathStyle: true, ...over });
const key = () => `${randomUUID()}/${randomUUID()}`;

beforeAll(async () => {
  s3 = await startS3StandIn();
});
afterAll(async () => {
  await s3?.close();
});

describe("the S3 adapter on the wire", () => {
  it("puts, gets and deletes a private object with a verified SigV4 signature; a missing key reads null", async () => {
    const s = adapter();
    const k = key();
    const body = new Uint8Array(randomBytes(70_000));
    await s.put(k, body, "audio/ogg");
    expect(s3.objects.get(k)).toMatchObject({ contentType: "audio/ogg" });
    expect(Buffer.from(s3.objects.get(k)!.body).equals(Buffer.from(body))).toBe(true);
    expect(Buffer.from((await s.get(k))!).equals(Buffer.from(body))).toBe(true);
    await s.delete(k);
    expect(s3.objects.has(k)).toBe(false);
    expect(await s.get(k)).toBeNull();
    await s.delete(k); // twice is fine
    const mine = s3.requests.filter((r) => r.key === k);
    expect(mine.map((r) => `${r.method} ${r.status}`)).toEqual(["PUT 200", "GET 200", "DELETE 204", "GET 404", "DELETE 204"]);
    // The SDK signs the host, the date and the payload hash (the stand-in recomputed the signature).
    for (const r of mine) expect(r.status === 404 || r.signedHeaders.split(";")).toEqual(r.status === 404 ? true : expect.arrayContaining(["host", "x-amz-content-sha256", "x-amz-date"]));
  });

  it("a wrong secret, a wrong bucket or a wrong region is refused by the store, and nothing is written", async () => {
    const k = key();
    await expect(adapter({ secretAccessKey: "not-the-secret" }).put(k, new Uint8Array([1]), "image/png")).rejects.toMatchObject({ name: "SignatureDoesNotMatch" });
    await expect(adapter({ bucket: "another-bucket" }).put(k, new Uint8Array([1]), "image/png")).rejects.toMatchObject({ name: "NoSuchBucket" });
    await expect(adapter({ region: "us-east-1" }).put(k, new Uint8Array([1]), "image/png")).rejects.toMatchObject({ name: "AuthorizationHeaderMalformed" });
    expect(s3.objects.has(k)).toBe(false);
  });

  it("retries a transient 500 (the SDK's own retries) and refuses keys that are not <uuid>/<uuid> before any request", async () => {
    const k = key();
    s3.failNext(1, 500);
    await adapter().put(k, new Uint8Array([7, 7]), "image/png");
    expect(s3.requests.filter((r) => r.key === k).map((r) => r.status)).toEqual([500, 200]);
    const before = s3.requests.length;
    await expect(adapter().get("../../etc/passwd")).rejects.toThrow(RangeError);
    await expect(adapter().put(`${randomUUID()}/../x`, new Uint8Array(), "text/plain")).rejects.toThrow(RangeError);
    expect(s3.requests.length).toBe(before);
  });
});

describe("WhatsApp media through the bucket", () => {
  let graph: GraphStandIn;
  let app: Awaited<ReturnType<typeof startAppServer>>;
  let a: FixtureTenant;
  let b: FixtureTenant;
  let phoneA: string;
  let phoneB: string;
  const clients = new Map<string, Promise<Client>>();
  const adminOf = (t: FixtureTenant) => {
    if (!clients.has(t.id))
      clients.set(
        t.id,
        (async () => {
          const c = new Client(app.port, `${t.slug}.${app.rootDomain}`);
          expect(await c.login(t.users.admin.email, t.users.admin.password)).toBeNull();
          return c;
        })(),
      );
    return clients.get(t.id)!;
  };
  const q = async (sql: string, params: unknown[]) => (await owner().query(sql, params)).rows;
  const post = (body: unknown) => {
    const raw = JSON.stringify(body);
    return request(app.port, app.rootDomain, "POST", "/api/whatsapp", { headers: { "content-type": "application/json", "x-hub-signature-256": signMetaBody(raw, TEST_KEYS.waAppSecret) }, body: raw });
  };
  async function leadSends(phoneNumberId: string, type: "image" | "audio" | "document", body: Buffer, mimeType: string) {
    const phone = `55119${randomInt(10_000_000, 99_999_999)}`;
    const msg = wa.media(phone, type, { id: graph.addMedia(body, mimeType), mime_type: mimeType, sha256: undefined, ...(type === "document" ? { filename: "contrato.pdf" } : {}) });
    expect((await post(wa.webhook(wa.messageChange(phoneNumberId, [msg], [{ wa_id: phone, name: "Lead S3" }])))).status).toBe(200);
    const [row] = await eventually(
      () => q("select mo.* from media_objects mo join messages m on m.id = mo.message_id where m.provider_message_id = $1", [msg.id]),
      (r) => r.length > 0 && r[0].status !== "pending",
    );
    return row;
  }

  beforeAll(async () => {
    graph = await startGraphStandIn({ accessToken: TEST_KEYS.waAccessToken });
    app = await startAppServer({ WHATSAPP_GRAPH_BASE_URL: graph.baseUrl, S3_BUCKET: s3.bucket, S3_REGION: s3.region, S3_ENDPOINT: s3.endpoint, S3_ACCESS_KEY_ID: s3.accessKeyId, S3_SECRET_ACCESS_KEY: s3.secretAccessKey, S3_FORCE_PATH_STYLE: "1" });
    a = await createTenant();
    b = await createTenant();
    phoneA = await createWhatsAppInbox(await adminOf(a), graph.baseUrl);
    phoneB = await createWhatsAppInbox(await adminOf(b), graph.baseUrl);
  });
  afterAll(async () => {
    await app?.stop();
    await graph?.close();
    await closeOwner();
  });

  for (const [type, mime, size] of [
    ["image", "image/jpeg", 40_000],
    ["audio", "audio/ogg", 12_000],
    ["document", "application/pdf", 200_000],
  ] as const) {
    it(`${type}: Meta → bucket (key <tenant>/<file>) → /api/media, byte for byte`, async () => {
      const bytes = randomBytes(size);
      const started = performance.now();
      const row = await leadSends(phoneA, type, bytes, mime);
      expect(row).toMatchObject({ tenant_id: a.id, status: "stored", storage_key: `${a.id}/${row.id}`, content_type: mime });
      expect(s3.objects.get(`${a.id}/${row.id}`)?.contentType).toBe(mime);
      const res = await (await adminOf(a)).send("GET", `/api/media/${row.id}`);
      const ms = performance.now() - started;
      expect(res.status).toBe(200);
      expect(res.raw.equals(bytes)).toBe(true);
      console.log(`[s3 media round-trip] ${type} ${size} B: webhook → stored in bucket → served in ${ms.toFixed(0)} ms`);
    });
  }

  it("another tenant does not reach the file (RLS before the bucket); the bucket keeps each tenant under its own prefix", async () => {
    const row = await leadSends(phoneA, "image", randomBytes(900), "image/png");
    const gets = s3.requests.filter((r) => r.method === "GET").length;
    expect((await (await adminOf(b)).send("GET", `/api/media/${row.id}`)).status).toBe(404);
    // Refused before the store was asked.
    expect(s3.requests.filter((r) => r.method === "GET").length).toBe(gets);
    const rowB = await leadSends(phoneB, "image", randomBytes(900), "image/png");
    expect(rowB.storage_key.startsWith(`${b.id}/`)).toBe(true);
    expect((await (await adminOf(a)).send("GET", `/api/media/${rowB.id}`)).status).toBe(404);
  });

  it("a bucket that fails (past the SDK's retries) leaves the file failed with a retry job, and the retry stores it", async () => {
    s3.failNext(3, 503);
    const bytes = randomBytes(2_000);
    const row = await leadSends(phoneA, "image", bytes, "image/png");
    expect(row).toMatchObject({ status: "failed", attempts: 1 });
    // The retry job commits with the failed status (one transaction): there as soon as the status is.
    const [job] = await q("select body from scheduled_jobs where deduplication_id = $1", [`media-download-${row.id}-1`]);
    expect(JSON.parse(job.body)).toEqual({ tenantId: a.id, mediaObjectId: row.id, afterAttempts: 1 });
    // The job, as the scheduler would call it.
    const path = "/api/jobs/media-download";
    const signature = await signQStashRequest({ url: `http://${app.rootDomain}${path}`, rawBody: job.body, signingKey: TEST_KEYS.qstashCurrent });
    expect((await request(app.port, app.rootDomain, "POST", path, { headers: { "content-type": "application/json", "upstash-signature": signature }, body: job.body })).status).toBe(200);
    const [after] = await q("select status, storage_key from media_objects where id = $1", [row.id]);
    expect(after).toMatchObject({ status: "stored", storage_key: `${a.id}/${row.id}` });
    expect(Buffer.from(s3.objects.get(`${a.id}/${row.id}`)!.body).equals(bytes)).toBe(true);
  });
});
