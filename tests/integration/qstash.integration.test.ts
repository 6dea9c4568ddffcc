import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { qstashScheduler } from "@vendaflow/connectors/qstash/qstash-scheduler";
import { verifyQStashRequest } from "@vendaflow/connectors/qstash/verify-request";
import { startLocalDelivery } from "@vendaflow/connectors/qstash/local-delivery";
import { localScheduler } from "@vendaflow/connectors/qstash/local-scheduler";
import type { Scheduler } from "@vendaflow/core/ports/scheduler";
import { createDb, type Database } from "@vendaflow/db/create-db";
import { startQStashStandIn } from "../stand-ins/qstash";

const env = inject("testEnv");
const signingKey = `sig_${randomUUID()}`;
const token = `qstash_token_${randomUUID()}`;

interface Received {
  path: string;
  body: string;
  verified: boolean;
  messageId: string | undefined;
  contentType: string | undefined;
}

/**
 * A stand-in for the app's job endpoints: verifies with the same function the real endpoints
 * use, against its own URL. Paths containing "fail" answer 500; a bad signature answers 401.
 */
async function startJobReceiver() {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      void (async () => {
        const body = Buffer.concat(chunks).toString("utf8");
        const path = req.url ?? "/";
        const signature = req.headers["upstash-signature"];
        const verified = await verifyQStashRequest({
          signature: typeof signature === "string" ? signature : null,
          rawBody: body,
          url: `${origin}${path}`,
          currentSigningKey: signingKey,
        });
        const messageId = req.headers["upstash-message-id"];
        received.push({ path, body, verified, messageId: typeof messageId === "string" ? messageId : undefined, contentType: req.headers["content-type"] });
        // A little latency so concurrent delivery rounds really overlap.
        await new Promise((r) => setTimeout(r, 20));
        res.writeHead(!verified ? 401 : path.includes("fail") ? 500 : 200, { "content-type": "text/plain" });
        res.end(!verified ? "bad signature" : path.includes("fail") ? "boom" : "ok");
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let receiver: Awaited<ReturnType<typeof startJobReceiver>>;
let conn: ReturnType<typeof createDb>;
let db: Database;
// The database is shared across test files: every job here goes to this run's receiver, and
// deliveries only claim jobs under its origin.
let prefix: string;
const dedup = (label: string) => `test-${label}-${randomUUID()}`;

beforeAll(async () => {
  receiver = await startJobReceiver();
  prefix = `${receiver.origin}/`;
  conn = createDb({ url: env.appUrl, max: 4 });
  db = conn.db;
});

afterAll(async () => {
  await db.deleteFrom("scheduled_jobs").where(sql<boolean>`starts_with(destination, ${prefix})`).execute();
  await conn?.close();
  await receiver?.close();
});

const rowsFor = (ids: string[]) => db.selectFrom("scheduled_jobs").selectAll().where("deduplication_id", "in", ids).orderBy("created_at").execute();

describe("QStash scheduler (real @upstash/qstash Client against the publish stand-in)", () => {
  let standIn: Awaited<ReturnType<typeof startQStashStandIn>>;
  beforeAll(async () => {
    standIn = await startQStashStandIn({ token, signingKey });
  });
  afterAll(() => standIn?.close());

  it("publishes JSON with Upstash-Delay and Upstash-Deduplication-Id, once per id, and the delivery verifies", async () => {
    const scheduler: Scheduler = qstashScheduler({ baseUrl: standIn.baseUrl, token, publicBaseUrl: `${receiver.origin}/`, retries: 2 });
    expect(scheduler.kind).toBe("qstash");
    const id = dedup("qstash");
    const job = { path: "/api/jobs/bot-timeout", body: { conversationId: "c-1", step: 2, text: "olá" }, delaySeconds: 30, deduplicationId: id };
    await scheduler.schedule(job);
    await scheduler.schedule(job);

    expect(standIn.published).toHaveLength(1);
    const m = standIn.published[0]!;
    expect(m.destination).toBe(`${receiver.origin}/api/jobs/bot-timeout`);
    expect(m.publishHeaders["upstash-delay"]).toBe("30s");
    expect(m.publishHeaders["upstash-deduplication-id"]).toBe(id);
    expect(m.publishHeaders["upstash-retries"]).toBe("2");
    expect(m.publishHeaders.authorization).toBe(`Bearer ${token}`);
    expect(m).toMatchObject({ delaySeconds: 30, deduplicationId: id, retries: 2 });
    expect(m.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(m.body)).toEqual(job.body);

    const before = receiver.received.length;
    const [res] = await standIn.deliverAll();
    expect(res?.status).toBe(200);
    expect(receiver.received.slice(before)).toEqual([
      { path: "/api/jobs/bot-timeout", body: m.body, verified: true, messageId: m.messageId, contentType: "application/json" },
    ]);
  });

  it("QStash answering 500 then recovering: the publish is retried, the job stored once (issue 13, fault 5)", async () => {
    const scheduler = qstashScheduler({ baseUrl: standIn.baseUrl, token, publicBaseUrl: receiver.origin, publishBackoffMs: [10, 20, 40] });
    const id = dedup("outage");
    const before = standIn.published.length;
    const refusedBefore = standIn.refused;
    standIn.failNext(2);
    await scheduler.schedule({ path: "/api/jobs/bot-timeout", body: { n: 1 }, delaySeconds: 5, deduplicationId: id });
    expect(standIn.refused - refusedBefore).toBe(2);
    expect(standIn.published.slice(before).map((m) => m.deduplicationId)).toEqual([id]);
    // A longer outage than the retries: the caller sees the failure (nothing silently dropped).
    standIn.failNext(10);
    await expect(scheduler.schedule({ path: "/api/jobs/bot-timeout", body: { n: 2 }, delaySeconds: 5, deduplicationId: dedup("outage-long") })).rejects.toMatchObject({ status: 500 });
    standIn.failNext(0);
  });

  it("surfaces a rejected token as an error", async () => {
    const scheduler = qstashScheduler({ baseUrl: standIn.baseUrl, token: "wrong", publicBaseUrl: receiver.origin });
    await expect(scheduler.schedule({ path: "/api/jobs/bot-timeout", body: {}, delaySeconds: 1, deduplicationId: dedup("bad-token") })).rejects.toThrow(/invalid token/);
  });
});

describe("local scheduler and delivery (scheduled_jobs in Postgres)", () => {
  it("stores a job once per deduplication id and delivers only due jobs, signed for their URL", async () => {
    const scheduler: Scheduler = localScheduler(db, receiver.origin);
    expect(scheduler.kind).toBe("local");
    const dueId = dedup("due");
    const laterId = dedup("later");
    const due = { path: "/api/jobs/bot-timeout", body: { conversationId: "c-due" }, delaySeconds: 0, deduplicationId: dueId };
    await scheduler.schedule(due);
    await scheduler.schedule({ ...due, body: { conversationId: "c-dup" } });
    await scheduler.schedule({ path: "/api/jobs/bot-timeout", body: { conversationId: "c-later" }, delaySeconds: 3600, deduplicationId: laterId });

    const stored = await rowsFor([dueId, laterId]);
    expect(stored.map((r) => [r.deduplication_id, JSON.parse(r.body)])).toEqual([
      [dueId, { conversationId: "c-due" }],
      [laterId, { conversationId: "c-later" }],
    ]);
    expect(stored[0]).toMatchObject({ destination: `${receiver.origin}/api/jobs/bot-timeout`, attempts: 0, delivered_at: null });

    const delivery = startLocalDelivery({ db, signingKey, intervalMs: 60_000, destinationPrefix: prefix });
    try {
      const before = receiver.received.length;
      expect(await delivery.runOnce()).toBe(1);
      expect(receiver.received.slice(before)).toEqual([
        { path: "/api/jobs/bot-timeout", body: JSON.stringify({ conversationId: "c-due" }), verified: true, messageId: stored[0]!.id, contentType: "application/json" },
      ]);
      expect(await delivery.runOnce()).toBe(0);
      expect(receiver.received).toHaveLength(before + 1);
    } finally {
      await delivery.stop();
    }

    const [delivered, later] = await rowsFor([dueId, laterId]);
    expect(delivered?.delivered_at).toBeInstanceOf(Date);
    expect(delivered?.attempts).toBe(0);
    expect(later).toMatchObject({ delivered_at: null, attempts: 0, last_error: null });
  });

  it("counts a failed delivery, keeps the error and backs off", async () => {
    const id = dedup("fail");
    await localScheduler(db, receiver.origin).schedule({ path: "/api/jobs/fail", body: { n: 1 }, delaySeconds: 0, deduplicationId: id });
    const delivery = startLocalDelivery({ db, signingKey, intervalMs: 60_000, destinationPrefix: prefix, log: () => {} });
    try {
      const before = receiver.received.length;
      expect(await delivery.runOnce()).toBe(0);
      expect(receiver.received.slice(before)).toMatchObject([{ path: "/api/jobs/fail", verified: true }]);

      const row = await db
        .selectFrom("scheduled_jobs")
        .select(["attempts", "last_error", "delivered_at", sql<number>`extract(epoch from not_before - now())::float8`.as("due_in")])
        .where("deduplication_id", "=", id)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ attempts: 1, delivered_at: null });
      expect(row.last_error).toMatch(/^HTTP 500: boom/);
      // 2^1 seconds from the failure.
      expect(row.due_in).toBeGreaterThan(1);
      expect(row.due_in).toBeLessThanOrEqual(2);

      // Not due again yet: nothing is sent.
      expect(await delivery.runOnce()).toBe(0);
      expect(receiver.received).toHaveLength(before + 1);
    } finally {
      await delivery.stop();
    }
  });

  it("a delivery signed with another key is refused by the endpoint and counted as a failure", async () => {
    const id = dedup("wrong-key");
    await localScheduler(db, receiver.origin).schedule({ path: "/api/jobs/bot-timeout", body: {}, delaySeconds: 0, deduplicationId: id });
    const delivery = startLocalDelivery({ db, signingKey: "not-the-endpoint-key", intervalMs: 60_000, destinationPrefix: prefix, log: () => {} });
    try {
      expect(await delivery.runOnce()).toBe(0);
    } finally {
      await delivery.stop();
    }
    const [row] = await rowsFor([id]);
    expect(row).toMatchObject({ attempts: 1, delivered_at: null });
    expect(row?.last_error).toMatch(/^HTTP 401/);
  });

  it("two processes delivering at once deliver each job exactly once (SKIP LOCKED)", async () => {
    const scheduler = localScheduler(db, receiver.origin);
    const ids = Array.from({ length: 12 }, (_, i) => dedup(`concurrent-${i}`));
    for (const [i, id] of ids.entries()) await scheduler.schedule({ path: `/api/jobs/bot-timeout?n=${i}`, body: { i }, delaySeconds: 0, deduplicationId: id });

    // Separate pools, as separate server processes would have.
    const other = createDb({ url: env.appUrl, max: 4 });
    const workers = [db, other.db].map((wdb) => startLocalDelivery({ db: wdb, signingKey, intervalMs: 60_000, batchSize: 3, destinationPrefix: prefix }));
    const before = receiver.received.length;
    try {
      const drain = async (w: (typeof workers)[number]) => {
        let total = 0;
        for (let n = await w.runOnce(); n > 0; n = await w.runOnce()) total += n;
        return total;
      };
      // Two rounds started together on each worker as well, so claims really race.
      const counts = await Promise.all([drain(workers[0]!), drain(workers[1]!), drain(workers[0]!), drain(workers[1]!)]);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(ids.length);
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
      await other.close();
    }

    const got = receiver.received.slice(before);
    expect(got.every((r) => r.verified)).toBe(true);
    expect(got.map((r) => (JSON.parse(r.body) as { i: number }).i).sort((a, b) => a - b)).toEqual(ids.map((_, i) => i));
    const rows = await rowsFor(ids);
    expect(rows.every((r) => r.delivered_at !== null && r.attempts === 0)).toBe(true);
  });
});
