import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { afterCommit } from "@vendaflow/core/after-commit";
import { appLinks } from "@vendaflow/core/links";
import { deliverWebhook, RETRY_SCHEDULE_SECONDS } from "@vendaflow/core/outbound-webhooks/deliver";
import { emitWebhookEvent } from "@vendaflow/core/outbound-webhooks/emit";
import type { ScheduledJob } from "@vendaflow/core/ports/scheduler";
import { outboxSender } from "@vendaflow/connectors/smtp/outbox-sender";
import { httpWebhook } from "@vendaflow/connectors/webhook/http-webhook";
import { createDb, type Database } from "@vendaflow/db/create-db";
import { withTenant } from "@vendaflow/db/with-tenant";
import { createVendaflowClient } from "@vendaflow/sdk/client";
import { TEST_KEYS } from "../support/app-env";
import { eventually } from "../support/eventually";
import { closeOwner, createTenant, env, owner, type FixtureTenant } from "../support/fixtures";
import { hostFetch } from "../support/host-fetch";
import type { Client } from "../support/http";
import { startWebhookReceiver } from "../stand-ins/webhook-receiver";

let a: FixtureTenant;
let b: FixtureTenant;
let adminA: Client;
let adminB: Client;
let db: Database;
let closeDb: () => Promise<void>;
let secret: string | null = null;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

type Sub = { subscription: { id: string }; secret: string };
type Delivery = { id: string; status: string; attempts: number; last_status_code: number | null; last_latency_ms: number | null; last_error: string | null; message_id: string };

beforeAll(async () => {
  a = await createTenant();
  b = await createTenant();
  adminA = await a.loginAs("admin");
  adminB = await b.loginAs("admin");
  receiver = await startWebhookReceiver({ secret: () => secret });
  ({ db, close: closeDb } = createDb({ url: env().appUrl, max: 2 }));
});
afterAll(async () => {
  await receiver.close();
  await closeDb();
  await closeOwner();
});

async function subscribe(admin: Client, url: string, eventTypes: string[]) {
  const r = await admin.trpc<Sub>("mutation", "webhooks.create", { url, eventTypes, description: "Teste" });
  expect(r.error, r.error?.message).toBeNull();
  return r.data;
}

describe("outbound webhooks", () => {
  it("deliver deal events signed the Standard Webhooks way, logged with status code and latency; replay resends the same message", async () => {
    const sub = await subscribe(adminA, receiver.url("/vendas"), ["deal.won", "deal.stage_changed"]);
    expect(sub.secret).toMatch(/^whsec_/);
    secret = sub.secret;
    const key = (await adminA.trpc<{ key: string }>("mutation", "apiKeys.create", { name: "CRM", scopes: ["deals:read", "deals:write", "webhooks:read", "webhooks:write"] })).data.key;
    const client = createVendaflowClient({ baseUrl: `http://${a.host}`, apiKey: key, fetch: hostFetch(env().port, a.host) });
    const [pipeline] = await client.crm.pipelines.list.query();
    const deal = await client.crm.deals.create.mutate({ title: "Plano anual", valueCents: 990000, pipelineId: pipeline!.id });
    await client.crm.deals.win.mutate({ id: deal.id });

    const won = (await eventually(() => receiver.received.find((x) => (x.payload as { type: string }).type === "deal.won"), Boolean))!;
    expect(won, "deal.won delivered").toBeDefined();
    expect(won.signatureValid).toBe(true);
    expect(won.path).toBe("/vendas");
    expect(won.id).toMatch(/^msg_/);
    expect(won.payload).toMatchObject({ type: "deal.won", data: { deal: { id: deal.id, title: "Plano anual", value_cents: 990000, status: "won" } } });

    // The receiver sees the request before the sender records its answer, so the log is read until it does.
    const item = (await eventually(
      async () => (await client.webhooks.deliveries.query({ subscriptionId: sub.subscription.id })).items.find((d) => d.message_id === won.id),
      (d) => d?.status !== "pending",
    ))!;
    expect(item).toMatchObject({ status: "succeeded", attempts: 1, last_status_code: 200 });
    expect(item.attempts).toBe(1);
    expect(item.last_latency_ms).toBeGreaterThanOrEqual(0);

    await client.webhooks.replay.mutate({ id: item.id });
    await eventually(() => receiver.received.filter((x) => x.id === won.id).length, (n) => n === 2);
    expect(receiver.received.filter((x) => x.id === won.id).every((x) => x.signatureValid)).toBe(true);

    // Tenant B sees none of it, and cannot replay A's delivery.
    expect((await adminB.trpc<unknown[]>("query", "webhooks.list")).data).toEqual([]);
    expect((await adminB.trpc("mutation", "webhooks.replay", { id: item.id })).error?.data.code).toBe("NOT_FOUND");
    expect((await adminB.trpc("query", "webhooks.secret", { id: sub.subscription.id })).error?.data.code).toBe("NOT_FOUND");
    expect((await adminB.trpc("query", "webhooks.deliveries", { subscriptionId: sub.subscription.id })).data).toMatchObject({ items: [] });
  });

  it("refuses private destinations at delivery time (SSRF guard): the attempt is logged with the reason", async () => {
    const sub = await subscribe(adminB, "http://169.254.169.254/latest/meta-data/", ["deal.won"]);
    const pipeline = (await adminB.trpc<{ id: string }[]>("query", "crm.pipelines.list")).data[0]!;
    const deal = (await adminB.trpc<{ id: string }>("mutation", "crm.deals.create", { title: "Metadados", pipelineId: pipeline.id })).data;
    expect((await adminB.trpc("mutation", "crm.deals.win", { id: deal.id })).error).toBeNull();
    const d = (await eventually(async () => (await adminB.trpc<{ items: Delivery[] }>("query", "webhooks.deliveries", { subscriptionId: sub.subscription.id })).data.items[0], (x) => (x?.attempts ?? 0) >= 1))!;
    expect(d.attempts).toBeGreaterThanOrEqual(1);
    expect(d.status).toBe("retrying");
    expect(d.last_status_code).toBeNull();
    expect(d.last_error).toMatch(/rede interna/);
  });

  it("retries with exponential backoff for 24 h, then fails; failing deliveries in a row disable the subscription and mail the admins", async () => {
    const t = await createTenant();
    const admin = await t.loginAs("admin");
    const sub = await subscribe(admin, receiver.url("/falha"), ["lead.created"]);
    // The clock runs ahead of the receiver's 5-minute tolerance here: signatures are checked in the first test.
    secret = null;
    const lead = (await owner().query<{ id: string }>("insert into leads (tenant_id, name, source, visitor_id) values ($1, 'Lead', 'web', gen_random_uuid()::text) returning id", [t.id])).rows[0]!.id;
    const scheduled: ScheduledJob[] = [];
    let clock = new Date();
    const deps = {
      db,
      now: () => clock,
      scheduler: { kind: "local" as const, schedule: async (j: ScheduledJob) => void scheduled.push(j) },
      webhooks: httpWebhook({ policy: { allowHosts: ["127.0.0.1"] } }),
      email: outboxSender(db),
      encryptionKey: TEST_KEYS.encryptionKey,
      links: appLinks(env().rootDomain, "http"),
    };
    const emit = async () => {
      const after = afterCommit();
      await withTenant(db, t.id, (tx) => emitWebhookEvent(tx, t.id, { type: "lead.created", entity: { type: "lead", id: lead } }, after));
      expect(after.jobs).toHaveLength(1);
      return after.jobs[0]!.body as { tenantId: string; deliveryId: string };
    };

    const job = await emit();
    const start = clock.getTime();
    receiver.answer(...Array(11 + 2).fill(500));
    const statuses: string[] = [];
    for (;;) {
      const { status } = await deliverWebhook(deps, job);
      statuses.push(status);
      if (status !== "retrying") break;
      clock = new Date(clock.getTime() + scheduled.at(-1)!.delaySeconds * 1000);
    }
    expect(statuses).toEqual([...Array(10).fill("retrying"), "failed"]);
    expect(scheduled.map((j) => j.delaySeconds)).toEqual([...RETRY_SCHEDULE_SECONDS]);
    expect(clock.getTime() - start).toBeLessThanOrEqual(24 * 3600_000);
    const attempts = await owner().query("select attempt, status_code, latency_ms from webhook_delivery_attempts where delivery_id = $1 order by attempt", [job.deliveryId]);
    expect(attempts.rows.map((r) => r.status_code)).toEqual(Array(11).fill(500));
    // Every attempt carried the same webhook-id, freshly signed.
    const ids = new Set(receiver.received.filter((r) => r.path === "/falha").map((r) => r.id));
    expect(ids.size).toBe(1);

    // Two more deliveries failed for good (past their window at once) → the subscription is disabled.
    clock = new Date(start + 25 * 3600_000);
    for (let i = 0; i < 2; i++) expect((await deliverWebhook(deps, await emit())).status).toBe("failed");
    const row = (await owner().query("select is_active, disabled_at, consecutive_failures, disabled_reason from webhook_subscriptions where id = $1", [sub.subscription.id])).rows[0];
    expect(row).toMatchObject({ is_active: false, consecutive_failures: 3 });
    expect(row.disabled_at).not.toBeNull();
    const mail = await owner().query("select subject, text_body from email_outbox where to_address = $1 order by created_at desc limit 1", [t.users.admin.email]);
    expect(mail.rows[0].subject).toContain("Webhook desativado");
    expect(mail.rows[0].text_body).toContain("/falha");
    // Disabled: new events queue nothing; re-enabling (save with isActive) clears the count.
    const after = afterCommit();
    await withTenant(db, t.id, (tx) => emitWebhookEvent(tx, t.id, { type: "lead.created", entity: { type: "lead", id: lead } }, after));
    expect(after.jobs).toHaveLength(0);
    const saved = await admin.trpc<{ is_active: boolean; consecutive_failures: number; disabled_at: null }>("mutation", "webhooks.update", { id: sub.subscription.id, url: receiver.url("/falha"), eventTypes: ["lead.created"], isActive: true });
    expect(saved.data).toMatchObject({ is_active: true, consecutive_failures: 0, disabled_at: null });
    // A failure for good counts one; a success resets the count (in the statement that marks the delivery).
    receiver.answer(500);
    expect((await deliverWebhook(deps, await emit())).status).toBe("failed");
    const streak = async () => (await owner().query("select consecutive_failures as n from webhook_subscriptions where id = $1", [sub.subscription.id])).rows[0].n;
    expect(await streak()).toBe(1);
    const ok = await emit();
    expect((await deliverWebhook({ ...deps, now: () => new Date() }, ok)).status).toBe("succeeded");
    expect(await streak()).toBe(0);
  });

  it("rotating the signing secret: both sign for 24 h (the receiver keeps verifying with the old one), revoking ends the old one at once; other tenants and agents cannot rotate", async () => {
    const sub = await subscribe(adminA, receiver.url("/rotacao"), ["deal.won"]);
    const rotated = await adminA.trpc<{ secret: string; previousExpiresAt: string }>("mutation", "webhooks.rotateSecret", { id: sub.subscription.id });
    expect(rotated.error).toBeNull();
    expect(rotated.data.secret).toMatch(/^whsec_/);
    expect(rotated.data.secret).not.toBe(sub.secret);
    const overlap = new Date(rotated.data.previousExpiresAt).getTime() - Date.now();
    expect(overlap).toBeGreaterThan(23.9 * 3600_000);
    expect(overlap).toBeLessThanOrEqual(24 * 3600_000);
    const shown = (await adminA.trpc<{ secret: string; previousExpiresAt: string | null }>("query", "webhooks.secret", { id: sub.subscription.id })).data;
    expect(shown).toEqual({ secret: rotated.data.secret, previousExpiresAt: rotated.data.previousExpiresAt });
    const audit = await owner().query("select count(*)::int as n from audit_logs where tenant_id = $1 and action = 'webhook_subscription.secret_rotated' and entity_id = $2", [a.id, sub.subscription.id]);
    expect(audit.rows[0].n).toBe(1);

    // Within the overlap a receiver still on the old secret verifies, and so does one on the new.
    const pipeline = (await adminA.trpc<{ id: string }[]>("query", "crm.pipelines.list")).data[0]!;
    const win = async (title: string, receiverSecret: string) => {
      secret = receiverSecret;
      const deal = (await adminA.trpc<{ id: string }>("mutation", "crm.deals.create", { title, pipelineId: pipeline.id })).data;
      expect((await adminA.trpc("mutation", "crm.deals.win", { id: deal.id })).error).toBeNull();
      return (await eventually(() => receiver.received.find((x) => x.path === "/rotacao" && (x.payload as { data: { deal: { id: string } } }).data.deal.id === deal.id), Boolean))!;
    };
    const old = await win("Rotação 1", sub.secret);
    expect(old.signatureValid).toBe(true);
    expect((await win("Rotação 2", rotated.data.secret)).signatureValid).toBe(true);

    // Past the overlap the old one no longer signs (and is no longer shown).
    const expireAt = (when: string) => owner().query(`update webhook_subscriptions set previous_secret_expires_at = now() + interval '${when}' where id = $1`, [sub.subscription.id]);
    await expireAt("-1 minute");
    expect((await win("Rotação 2b", sub.secret)).signatureValid).toBe(false);
    expect((await adminA.trpc<{ previousExpiresAt: string | null }>("query", "webhooks.secret", { id: sub.subscription.id })).data.previousExpiresAt).toBeNull();
    await expireAt("1 hour");
    expect((await win("Rotação 2c", sub.secret)).signatureValid).toBe(true);

    // Revoked (a leaked secret): only the new one verifies from the next delivery on.
    expect((await adminA.trpc("mutation", "webhooks.revokePreviousSecret", { id: sub.subscription.id })).error).toBeNull();
    expect((await adminA.trpc<{ previousExpiresAt: string | null }>("query", "webhooks.secret", { id: sub.subscription.id })).data.previousExpiresAt).toBeNull();
    expect((await win("Rotação 3", sub.secret)).signatureValid).toBe(false);
    expect((await win("Rotação 4", rotated.data.secret)).signatureValid).toBe(true);
    expect((await adminB.trpc("mutation", "webhooks.revokePreviousSecret", { id: sub.subscription.id })).error?.data.code).toBe("NOT_FOUND");

    // Tenant B cannot rotate A's subscription (nor learn it exists); agents cannot rotate at all.
    expect((await adminB.trpc("mutation", "webhooks.rotateSecret", { id: sub.subscription.id })).error?.data.code).toBe("NOT_FOUND");
    const agent = await a.loginAs("agent");
    expect((await agent.trpc("mutation", "webhooks.rotateSecret", { id: sub.subscription.id })).error?.data.code).toBe("FORBIDDEN");
    expect((await adminA.trpc<{ secret: string }>("query", "webhooks.secret", { id: sub.subscription.id })).data.secret).toBe(rotated.data.secret);
  });

  it("only admins (or a webhooks key) manage subscriptions; URLs must be http(s)", async () => {
    const agent = await a.loginAs("agent");
    expect((await agent.trpc("query", "webhooks.list")).error?.data.code).toBe("FORBIDDEN");
    expect((await adminA.trpc("mutation", "webhooks.create", { url: "ftp://example.com/x", eventTypes: ["deal.won"] })).error?.data.code).toBe("BAD_REQUEST");
    expect((await adminA.trpc("mutation", "webhooks.create", { url: "https://example.com/x", eventTypes: ["deal.exploded"] })).error?.data.code).toBe("BAD_REQUEST");
  });
});
