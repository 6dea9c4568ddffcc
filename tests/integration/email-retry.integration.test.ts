import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signQStashRequest } from "@vendaflow/connectors/qstash/sign-request";
import { localScheduler } from "@vendaflow/connectors/qstash/local-scheduler";
import { smtpSender } from "@vendaflow/connectors/smtp/smtp-sender";
import { EMAIL_RETRY_DELAYS, EMAIL_RETRY_JOB_PATH, retryingEmail, runEmailRetry, sealEmail } from "@vendaflow/core/email/retry";
import type { EmailSender } from "@vendaflow/core/ports/email";
import type { AppDeps } from "@vendaflow/core/deps";
import { appLinks } from "@vendaflow/core/links";
import { memoryStore } from "@vendaflow/connectors/upstash/memory-store";
import { createCaller } from "@vendaflow/api/root";
import { createDb } from "@vendaflow/db/create-db";
import type { EmailRetryJob } from "@vendaflow/validators/email";
import { TEST_KEYS } from "../support/app-env";
import { closeOwner, createTenant, env, owner, uniq } from "../support/fixtures";
import { adminContext } from "../support/in-process";
import { request } from "../support/http";
import { startSmtpStandIn } from "../stand-ins/smtp";

/**
 * A mail the SMTP server turns away for now waits for /api/jobs/email-retry (core/email/retry.ts):
 * the real SMTP adapter against the stand-in, the real local scheduler (its rows read back), and
 * the job route of the running app.
 */
const { db, close } = createDb({ url: env().appUrl, max: 2 });
// A destination no app delivers (local delivery keeps to its own origin): the test runs the jobs itself.
const origin = `http://${uniq("email-retry")}.test`;
let smtp: Awaited<ReturnType<typeof startSmtpStandIn>>;
beforeAll(async () => {
  smtp = await startSmtpStandIn();
});
afterAll(async () => {
  await owner().query("delete from scheduled_jobs where starts_with(destination, $1)", [origin]);
  await smtp?.close();
  await close();
  await closeOwner();
});

const from = "Vendaflow <nao-responda@vendaflow.test>";
const sender = (inner: EmailSender) => retryingEmail(inner, { scheduler: localScheduler(db, origin), encryptionKey: TEST_KEYS.encryptionKey });
const mail = (to: string) => ({ to, subject: "Convite para a equipe", html: "<p>Olá, Ana Souza</p>", text: "Olá, Ana Souza", tenantId: null });

type Queued = { body: EmailRetryJob; delay: number };
async function queued(): Promise<Queued[]> {
  const { rows } = await owner().query<{ body: string; delay: number }>(
    "select body, round(extract(epoch from not_before - created_at))::int as delay from scheduled_jobs where destination = $1 order by created_at, id",
    [`${origin}${EMAIL_RETRY_JOB_PATH}`],
  );
  return rows.map((r) => ({ body: JSON.parse(r.body) as EmailRetryJob, delay: r.delay }));
}

/** A port nothing listens on: connecting is refused at once. */
async function closedPort() {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe("an e-mail turned away for now is retried, not lost", () => {
  it("SMTP answers 451: the caller goes on, the mail waits sealed; the retry job sends it once the server takes mail again", async () => {
    await owner().query("delete from scheduled_jobs where starts_with(destination, $1)", [origin]);
    const smtpMail = sender(smtpSender(`smtp://127.0.0.1:${smtp.port}`, from));
    const to = `${uniq("ana")}@example.com`;
    smtp.setBusy(true);
    expect(await smtpMail.send(mail(to))).toEqual({ queued: { attempt: 1, delaySeconds: EMAIL_RETRY_DELAYS[0] } });
    const [first, ...rest] = await queued();
    expect(rest).toEqual([]);
    expect([first!.body.attempt, first!.delay]).toEqual([1, EMAIL_RETRY_DELAYS[0]]);
    // What QStash would hold: neither the address nor the text.
    expect(JSON.stringify(first!.body)).not.toMatch(/example\.com|Ana Souza|Convite/);
    expect(smtp.received.filter((m) => m.to.includes(to))).toEqual([]);

    // Still busy at the first retry: the next one is queued, further off.
    expect(await runEmailRetry({ email: smtpMail, encryptionKey: TEST_KEYS.encryptionKey }, first!.body)).toEqual({ sent: false, queued: { attempt: 2, delaySeconds: EMAIL_RETRY_DELAYS[1] } });
    const second = (await queued())[1]!;
    expect([second.body.attempt, second.delay]).toEqual([2, EMAIL_RETRY_DELAYS[1]]);

    smtp.setBusy(false);
    expect(await runEmailRetry({ email: smtpMail, encryptionKey: TEST_KEYS.encryptionKey }, second.body)).toEqual({ sent: true });
    const got = smtp.received.filter((m) => m.to.includes(to));
    expect(got).toHaveLength(1);
    expect(got[0]!.decoded).toMatch(/Subject: Convite para a equipe[\s\S]*Ana Souza/);
    expect(await queued()).toHaveLength(2);
  });

  it("no server listening: queued; the last attempt that fails is lost, not queued again", async () => {
    await owner().query("delete from scheduled_jobs where starts_with(destination, $1)", [origin]);
    const down = sender(smtpSender(`smtp://127.0.0.1:${await closedPort()}`, from));
    expect(await down.send(mail("bia@example.com"))).toEqual({ queued: { attempt: 1, delaySeconds: EMAIL_RETRY_DELAYS[0] } });
    const last = EMAIL_RETRY_DELAYS.length;
    const run = await runEmailRetry({ email: down, encryptionKey: TEST_KEYS.encryptionKey }, { sealed: (await queued())[0]!.body.sealed, attempt: last });
    expect(run).toMatchObject({ sent: false, lost: expect.stringMatching(/ECONNREFUSED|connect/i) });
    expect(await queued()).toHaveLength(1);
    // A mail too big for a job body even compressed (random bytes do not compress) is the caller's error.
    await expect(down.send({ ...mail("bia@example.com"), html: randomBytes(60_000).toString("base64") })).rejects.toMatchObject({ code: expect.stringMatching(/^E/) });
    expect(await queued()).toHaveLength(1);
  });

  it("a server that takes the connection and never answers: the send gives up (ETIMEDOUT) and the mail is queued", async () => {
    await owner().query("delete from scheduled_jobs where starts_with(destination, $1)", [origin]);
    const silent = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
    try {
      const port = (silent.address() as { port: number }).port;
      const started = Date.now();
      const hung = sender(smtpSender(`smtp://127.0.0.1:${port}`, from, { greetingTimeout: 300 }));
      expect(await hung.send(mail("edu@example.com"))).toEqual({ queued: { attempt: 1, delaySeconds: EMAIL_RETRY_DELAYS[0] } });
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(await queued()).toHaveLength(1);
    } finally {
      silent.close();
    }
  });

  it("a lasting refusal (550) is the caller's error at once: nothing queued", async () => {
    await owner().query("delete from scheduled_jobs where starts_with(destination, $1)", [origin]);
    const refusing = await startSmtpStandIn({ refuseRecipients: true });
    try {
      await expect(sender(smtpSender(`smtp://127.0.0.1:${refusing.port}`, from)).send(mail("cid@example.com"))).rejects.toMatchObject({ responseCode: 550 });
      expect(await queued()).toEqual([]);
    } finally {
      await refusing.close();
    }
  });

  it("a login the server refuses (EAUTH) waits too: every mail fails until SMTP_URL is fixed", async () => {
    await owner().query("delete from scheduled_jobs where starts_with(destination, $1)", [origin]);
    const guarded = await startSmtpStandIn({ user: "mailer", pass: "s3cret" });
    try {
      expect(await sender(smtpSender(`smtp://mailer:wrong@127.0.0.1:${guarded.port}`, from)).send(mail("davi@example.com"))).toEqual({ queued: { attempt: 1, delaySeconds: EMAIL_RETRY_DELAYS[0] } });
      expect(await queued()).toHaveLength(1);
    } finally {
      await guarded.close();
    }
  });
});

describe("an invite while the mail server is busy", () => {
  it("the person is invited all the same and the admin told the e-mail will follow; the retry delivers the invite link", async () => {
    await owner().query("delete from scheduled_jobs where starts_with(destination, $1)", [origin]);
    const t = await createTenant();
    const email = sender(smtpSender(`smtp://127.0.0.1:${smtp.port}`, from));
    const deps = { db, now: () => new Date(), email, encryptionKey: TEST_KEYS.encryptionKey, links: appLinks(env().rootDomain, "http"), counters: memoryStore() } as unknown as AppDeps;
    const caller = createCaller(await adminContext(deps, t));
    const to = `convite-${uniq("g")}@${t.slug}.test`;
    smtp.setBusy(true);
    try {
      const res = await caller.users.invite({ email: to, role: "agent" });
      expect(res).toEqual({ id: expect.any(String), mailQueued: true });
    } finally {
      smtp.setBusy(false);
    }
    expect((await owner().query("select role, is_active from users where id = $1", [(await owner().query("select id from users where email = $1", [to])).rows[0].id])).rows).toEqual([{ role: "agent", is_active: true }]);
    expect(smtp.received.filter((m) => m.to.includes(to))).toEqual([]);
    const [job] = await queued();
    expect(await runEmailRetry(deps, job!.body)).toEqual({ sent: true });
    const got = smtp.received.filter((m) => m.to.includes(to));
    expect(got).toHaveLength(1);
    expect(got[0]!.decoded).toMatch(/accept-invite\?token=/);
    // Taken at once, the invite is the usual one.
    expect(await caller.users.invite({ email: `outro-${to}`, role: "viewer" })).toEqual({ id: expect.any(String), mailQueued: false });
  });
});

describe("POST /api/jobs/email-retry", () => {
  const path = EMAIL_RETRY_JOB_PATH;
  async function post(body: unknown, signingKey = TEST_KEYS.qstashCurrent) {
    const raw = JSON.stringify(body);
    const signature = await signQStashRequest({ url: `http://${env().rootDomain}${path}`, rawBody: raw, signingKey });
    return request(env().port, env().rootDomain, "POST", path, { headers: { "content-type": "application/json", "upstash-signature": signature }, body: raw });
  }
  const outboxTo = async (to: string) => (await owner().query("select subject, text_body, tenant_id from email_outbox where to_address = $1", [to])).rows;

  it("sends the sealed mail through the app's sender (the test app's is the outbox), with its tenant", async () => {
    const t = await createTenant();
    const to = `${uniq("eva")}@example.com`;
    const sealed = sealEmail({ ...mail(to), tenantId: t.id, fromName: "Empresa" }, TEST_KEYS.encryptionKey);
    const res = await post({ tenantId: t.id, sealed, attempt: 1 });
    expect([res.status, res.json()]).toEqual([200, { sent: true }]);
    expect(await outboxTo(to)).toEqual([{ subject: "Convite para a equipe", text_body: "Olá, Ana Souza", tenant_id: t.id }]);
  });

  it("a seal no key opens is reported lost with 200 (QStash retrying changes nothing); a bad signature is 401 and sends nothing", async () => {
    const unreadable = await post({ sealed: "0.bm90LXNlYWxlZA", attempt: 2 });
    expect(unreadable.status).toBe(200);
    expect(unreadable.json<{ sent: boolean; lost: string }>()).toMatchObject({ sent: false, lost: expect.stringMatching(/^unreadable/) });
    const to = `${uniq("fabio")}@example.com`;
    const forged = await post({ sealed: sealEmail(mail(to), TEST_KEYS.encryptionKey), attempt: 1 }, "sig_wrong_key");
    expect(forged.status).toBe(401);
    expect(await outboxTo(to)).toEqual([]);
  });
});
