import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { crmSync } from "@vendaflow/connectors/crm/crm-sync";
import { basicAuthHeader } from "@vendaflow/connectors/pipedrive/verify-webhook";
import { runCrmPull, runCrmPush } from "@vendaflow/core/crm-sync/sync";
import type { ScheduledJob } from "@vendaflow/core/ports/scheduler";
import { createDb, type Database } from "@vendaflow/db/create-db";
import { startAppServer } from "../support/app-server";
import { eventually } from "../support/eventually";
import { audits, crmJobDeps, lead, leadRow, link, outboxRows, q1 } from "../support/crm-sync";
import { closeOwner, createTenant, env, owner, type FixtureTenant } from "../support/fixtures";
import { request } from "../support/http";
import type { NextServer } from "../support/next-server";
import { signedInClients } from "../support/sessions";
import { startPipedriveStandIn, type PipedriveStandIn } from "../stand-ins/pipedrive";

// CRM sync with Pipedrive end to end: an app instance pointed at the Pipedrive stand-in
// (PIPEDRIVE_API_BASE), tenants connecting through tRPC, local changes pushed by the push job
// (Scheduler → /api/jobs/crm-sync-push → API v2), remote changes arriving as webhooks v2 with the
// connection's Basic auth, and the scheduled pull run against the same stand-in.

let app: NextServer & { rootDomain: string };
let pd: PipedriveStandIn;
let a: FixtureTenant;
let b: FixtureTenant;
let db: Database;
let closeDb: () => Promise<void>;
let tokenA: string;
let tokenB: string;

const as = signedInClients(() => app);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const patches = (personId: string) => pd.requests.filter((r) => r.method === "PATCH" && r.path === `/api/v2/persons/${personId}`).length;
const receipts = async (t: FixtureTenant) => Number((await q1<{ n: number }>("select count(*)::int as n from webhook_receipts where tenant_id = $1 and provider = 'pipedrive'", [t.id])).n);
const conn = (t: FixtureTenant) => q1<{ id: string; webhook_key: string; webhook_user: string; credentials_encrypted: string; last_error: string | null }>("select * from crm_sync_connections where tenant_id = $1 and provider = 'pipedrive'", [t.id]);

/** Edits a lead through the app (the path an agent takes): the push job follows the commit. */
async function editLead(t: FixtureTenant, id: string, details: Record<string, string>) {
  const r = await (await as(t)).trpc("mutation", "crm.leads.update", { id, details });
  expect(r.error, r.error?.message).toBeNull();
}

/**
 * Waits until the lead is linked to a Pipedrive person with these fields and the push that wrote
 * them is recorded: the stand-in holds the person before the push run writes the link and drops
 * the outbox row (one transaction), so the link is read only once that row is gone.
 */
async function pushedPerson(t: FixtureTenant, token: string, id: string, ready: (p: Record<string, unknown>) => boolean = () => true) {
  const first = await eventually(() => link(t, "lead", id), (x) => Boolean(x), 20_000);
  expect(first, "lead linked").toBeTruthy();
  const p = await eventually(() => pd.person(token, first!.remote_id), (x) => Boolean(x && ready(x)), 20_000);
  expect(p && ready(p), `person ready: ${JSON.stringify(p)}`).toBe(true);
  expect(await eventually(() => outboxRows(t, id), (n) => n === 0, 20_000), "the push is recorded (outbox row gone)").toBe(0);
  const l = await link(t, "lead", id);
  return { link: l!, person: p! };
}

const testDeps = (jobs: ScheduledJob[]) => crmJobDeps(db, crmSync({ pipedriveApiBase: pd.url, policy: { allowHosts: ["127.0.0.1"] } }), jobs);

beforeAll(async () => {
  pd = await startPipedriveStandIn();
  app = await startAppServer({ PIPEDRIVE_API_BASE: pd.url });
  a = await createTenant();
  b = await createTenant();
  ({ db, close: closeDb } = createDb({ url: env().appUrl, max: 2 }));
  tokenA = pd.account("Acme Vendas").token;
  tokenB = pd.account("Beta Comércio").token;
});
afterAll(async () => {
  await app?.stop();
  await pd?.close();
  await closeDb?.();
  await closeOwner();
});

describe("Pipedrive connection", () => {
  it("connects with an API token checked by users/me, subscribes webhooks v2 with Basic auth, seals the token and refuses a bad one", async () => {
    const admin = await as(a);
    const bad = await admin.trpc("mutation", "crmSync.connectPipedrive", { apiToken: "0".repeat(40) });
    expect(bad.error?.data.code).toBe("BAD_REQUEST");
    expect(bad.error?.message).toContain("Pipedrive recusou");
    expect((await admin.trpc<unknown[]>("query", "crmSync.list")).data).toEqual([]);

    const ok = await admin.trpc<{ provider: string; accountName: string; webhookUrl: string }[]>("mutation", "crmSync.connectPipedrive", { apiToken: tokenA });
    expect(ok.error, ok.error?.message).toBeNull();
    expect(ok.data).toMatchObject([{ provider: "pipedrive", accountName: "Acme Vendas" }]);
    expect(ok.data[0]!.webhookUrl).toMatch(new RegExp(`^http://${app.rootDomain}/api/webhooks/crm/pipedrive/[A-Za-z0-9_-]{32}$`));
    expect(JSON.stringify(ok.data)).not.toContain(tokenA);
    const row = await conn(a);
    expect(row.credentials_encrypted).not.toContain(tokenA);
    const subs = pd.requests.filter((r) => r.method === "POST" && r.path === "/v1/webhooks");
    expect(subs).toHaveLength(2);
    expect(pd.webhooks(tokenA).map((w) => [w.object, w.url, w.user])).toEqual([
      ["person", ok.data[0]!.webhookUrl, row.webhook_user],
      ["deal", ok.data[0]!.webhookUrl, row.webhook_user],
    ]);

    // Agents cannot see or change it.
    expect((await (await as(a, "agent")).trpc("query", "crmSync.list")).error?.data.code).toBe("FORBIDDEN");
    // Tenant B connects its own account.
    expect((await (await as(b)).trpc("mutation", "crmSync.connectPipedrive", { apiToken: tokenB })).error).toBeNull();
  });
});

describe("push, echo, webhooks and conflicts", () => {
  let leadId: string;
  let personId: string;

  it("a lead edited here is pushed to Pipedrive (person with primary e-mail and phone, organisation by name) and linked", async () => {
    leadId = await lead(a, `mari.${randomUUID().slice(0, 6)}@padaria.com.br`);
    await editLead(a, leadId, { phone: "(11) 98765-4321", company: "Padaria Pão Quente" });
    const { link: l, person } = await pushedPerson(a, tokenA, leadId, (p) => (p.phones as unknown[]).length > 0);
    personId = l.remote_id;
    expect(person).toMatchObject({ name: "Mariana Costa", emails: [{ value: (await leadRow(leadId)).email, primary: true }], phones: [{ value: "+5511987654321", primary: true }] });
    expect(person.org_id).toBeTruthy();
    expect(l.remote_version).toBe(person.update_time);
    expect(await outboxRows(a, leadId), "pushed rows leave the outbox").toBe(0);
  });

  it("the echo of our own push (webhook with the version we wrote) changes nothing and pushes nothing back", async () => {
    const patchesBefore = patches(personId);
    const before = await leadRow(leadId);
    const delivered = await eventually(() => pd.deliveries.filter((d) => d.body.includes(`"entity_id":"${personId}"`)), (d) => d.length >= 1, 10_000);
    expect(delivered.every((d) => d.status === 200)).toBe(true);
    await sleep(500);
    expect(await leadRow(leadId)).toEqual(before);
    expect(await audits(a, leadId)).toEqual([]);
    expect(patches(personId)).toBe(patchesBefore);
  });

  it("an edit in Pipedrive arrives by webhook: applied with the phone normalised, the overwrite audited, and not echoed back", async () => {
    const patchesBefore = patches(personId);
    await pd.editPerson(tokenA, personId, { name: "Mariana Costa Silva", phones: [{ value: "(21) 99999-0000", primary: true, label: "mobile" }] });
    const row = await eventually(() => leadRow(leadId), (r) => r.name === "Mariana Costa Silva", 10_000);
    expect(row).toMatchObject({ name: "Mariana Costa Silva", phone: "+5521999990000" });
    const [audit] = await audits(a, leadId);
    expect(audit).toMatchObject({ action: "crm_sync.overwrite", before: { name: "Mariana Costa", phone: "+5511987654321" }, after: { name: "Mariana Costa Silva", phone: "+5521999990000", provider: "pipedrive", remoteId: personId } });
    await sleep(1000);
    expect(patches(personId), "a synced change is not pushed back").toBe(patchesBefore);
    const queued = (await owner().query("select o.queued_at, o.attempts, l.updated_at, k.local_version, k.remote_version from crm_sync_outbox o join leads l on l.id = o.entity_id left join crm_sync_links k on k.local_id = l.id where o.tenant_id = $1 and o.entity_id = $2", [a.id, leadId])).rows;
    const log = (await owner().query("select created_at, action, actor_user_id from audit_logs where tenant_id = $1 and entity_id = $2 order by created_at", [a.id, leadId])).rows;
    expect(queued, JSON.stringify({ queued, log, deliveries: pd.deliveries.map((d) => [d.status, d.body.slice(0, 120)]) })).toEqual([]);
  });

  it("webhook auth: wrong password, no auth or an unknown key → 401 and nothing stored; a duplicate delivery changes nothing", async () => {
    const c = await conn(a);
    const body = JSON.stringify({ meta: { action: "change", entity: "person", entity_id: personId, id: randomUUID(), timestamp: new Date().toISOString(), version: "2.0" }, data: { id: Number(personId), name: "Intruso", update_time: new Date(Date.now() + 60_000).toISOString().replace(/\.\d{3}Z$/, "Z") }, previous: null });
    const post = (key: string, auth?: string) => request(app.port, app.rootDomain, "POST", `/api/webhooks/crm/pipedrive/${key}`, { headers: { "content-type": "application/json", ...(auth ? { authorization: auth } : {}) }, body });
    const n = await receipts(a);
    expect((await post(c.webhook_key, basicAuthHeader(c.webhook_user, "wrong-password"))).status).toBe(401);
    expect((await post(c.webhook_key)).status).toBe(401);
    expect((await post("k".repeat(32), basicAuthHeader(c.webhook_user, "x"))).status).toBe(401);
    // B's credentials on A's URL.
    const cb = await conn(b);
    expect((await post(c.webhook_key, basicAuthHeader(cb.webhook_user, "x"))).status).toBe(401);
    expect(await receipts(a)).toBe(n);
    expect((await leadRow(leadId)).name).toBe("Mariana Costa Silva");
    // Not JSON / not the shape: 400 (never 500).
    const authOk = pd.deliveries.find((d) => d.url.endsWith(c.webhook_key))!.authorization;
    expect((await request(app.port, app.rootDomain, "POST", `/api/webhooks/crm/pipedrive/${c.webhook_key}`, { headers: { "content-type": "application/json", authorization: authOk }, body: "{nope" })).status).toBe(400);

    // A real delivery sent twice: recorded once, applied once.
    pd.hold();
    await pd.editPerson(tokenA, personId, { name: "Mariana C. Silva" });
    const held = pd.deliveries.length;
    await pd.release();
    const d = pd.deliveries[held]!;
    expect(d.status).toBe(200);
    const afterFirst = await receipts(a);
    expect(await pd.redeliver(d)).toBe(200);
    expect(await receipts(a)).toBe(afterFirst);
    expect((await leadRow(leadId)).name).toBe("Mariana C. Silva");
    expect((await audits(a, leadId)).filter((x) => x.action === "crm_sync.overwrite")).toHaveLength(2);
  });

  it("both sides changed, Pipedrive's write is later: it wins and the overwritten local value is audited as a conflict", async () => {
    pd.failNext(500, 2);
    await editLead(a, leadId, { company: "Padaria Local" });
    // The push failed and waits to retry; now Pipedrive's user edits the same person, later.
    await eventually(() => q1<{ last_error: string | null }>("select last_error from crm_sync_outbox where tenant_id = $1 and entity_id = $2", [a.id, leadId]), (r) => Boolean(r?.last_error), 10_000);
    await sleep(1100);
    await pd.editPerson(tokenA, personId, { name: "Mariana Remota" });
    await eventually(() => leadRow(leadId), (r) => r.name === "Mariana Remota", 10_000);
    const conflict = (await audits(a, leadId)).find((x) => x.action === "crm_sync.conflict");
    expect(conflict).toMatchObject({ before: { name: "Mariana C. Silva" }, after: { name: "Mariana Remota", winner: "remote", provider: "pipedrive" } });
    // Our company change was not overwritten (the remote did not send one) and still goes out.
    expect((await leadRow(leadId)).company).toBe("Padaria Local");
  });

  it("both sides changed, ours is later: ours is pushed over it and Pipedrive's discarded values are audited", async () => {
    pd.hold();
    await pd.editPerson(tokenA, personId, { name: "Nome no Pipedrive" });
    await sleep(1100);
    await editLead(a, leadId, { name: "Nome daqui" });
    await pushedPerson(a, tokenA, leadId, (p) => p.name === "Nome daqui");
    // The late webhook of the older remote write is stale: it does not undo ours.
    const linkAtRelease = await owner().query("select remote_version, remote_updated_at, local_version, synced_at from crm_sync_links where tenant_id = $1 and local_id = $2", [a.id, leadId]);
    await pd.release();
    await sleep(500);
    const diag = async () =>
      JSON.stringify({
        linkAtRelease: linkAtRelease.rows,
        link: (await owner().query("select remote_version, remote_updated_at, local_version, synced_at from crm_sync_links where tenant_id = $1 and local_id = $2", [a.id, leadId])).rows,
        lead: (await owner().query("select name, updated_at from leads where id = $1", [leadId])).rows,
        audits: (await owner().query("select created_at, action, after from audit_logs where tenant_id = $1 and entity_id = $2 order by created_at desc limit 6", [a.id, leadId])).rows,
        reqs: pd.requests.filter((r) => r.path.includes(`/persons/${personId}`)).slice(-6),
        deliveries: pd.deliveries.slice(-3).map((d) => [d.status, d.body.slice(0, 400)]),
      });
    expect((await leadRow(leadId)).name, await diag()).toBe("Nome daqui");
    const conflict = (await audits(a, leadId)).filter((x) => x.action === "crm_sync.conflict").at(-1);
    expect(conflict?.after).toMatchObject({ winner: "local", discarded: { name: "Nome no Pipedrive" } });
  });

  it("a 429 is retried after Pipedrive's Retry-After and the push then lands", async () => {
    const jobs: ScheduledJob[] = [];
    const deps = testDeps(jobs);
    const id = await lead(a, `limite.${randomUUID().slice(0, 6)}@empresa.com.br`, "Rate Limit");
    const c = await conn(a);
    pd.failNext(429, 1, 2);
    const first = await runCrmPush(deps, { tenantId: a.id, connectionId: c.id, attempt: 0 });
    expect(first).toMatchObject({ status: "rate_limited", retryInSeconds: 2 });
    expect(jobs).toEqual([expect.objectContaining({ path: "/api/jobs/crm-sync-push", delaySeconds: 2, body: { tenantId: a.id, connectionId: c.id, attempt: 1 } })]);
    expect((await conn(a)).last_error).toContain("Limite de requisições");
    const second = await runCrmPush(deps, jobs[0]!.body as { tenantId: string; connectionId: string; attempt: number });
    expect(second).toMatchObject({ status: "done" });
    expect((await pushedPerson(a, tokenA, id)).person.name).toBe("Rate Limit");
    expect((await conn(a)).last_error).toBeNull();
  });

  it("a deal is pushed with BRL value in reais, its mapped stage and its linked person", async () => {
    const admin = await as(a);
    const mapping = await admin.trpc<{ localStages: { id: string; name: string }[]; remoteStages: { id: string }[] }>("query", "crmSync.mapping", { provider: "pipedrive" });
    expect(mapping.error, mapping.error?.message).toBeNull();
    expect(mapping.data.remoteStages.map((s) => s.id)).toEqual(["11", "12", "13"]);
    const local = mapping.data.localStages[0]!;
    expect((await admin.trpc("mutation", "crmSync.saveMapping", { provider: "pipedrive", mapping: { contact: {}, deal: {}, stages: [{ localStageId: local.id, remoteStageId: "12" }] } })).error).toBeNull();
    // Pairs must be the tenant's stages.
    const bStage = (await owner().query("select id from pipeline_stages where tenant_id = $1 limit 1", [b.id])).rows[0].id;
    expect((await admin.trpc("mutation", "crmSync.saveMapping", { provider: "pipedrive", mapping: { stages: [{ localStageId: bStage, remoteStageId: "11" }] } })).error?.data.code).toBe("BAD_REQUEST");

    const stage = await q1<{ pipeline_id: string }>("select pipeline_id from pipeline_stages where id = $1", [local.id]);
    const deal = await admin.trpc<{ id: string }>("mutation", "crm.deals.create", { title: "Plano anual", valueCents: 990050, pipelineId: stage.pipeline_id, stageId: local.id, leadId });
    expect(deal.error, deal.error?.message).toBeNull();
    const l = await eventually(() => link(a, "deal", deal.data.id), Boolean, 20_000);
    const remote = pd.deal(tokenA, l!.remote_id)!;
    expect(remote).toMatchObject({ title: "Plano anual", value: 9900.5, currency: "BRL", stage_id: 12, person_id: Number(personId) });

    // Pipedrive moves it to another mapped stage and changes the value: applied here in cents.
    await pd.editDeal(tokenA, l!.remote_id, { value: 12000, stage_id: 11 });
    const row = await eventually(() => q1<{ value_cents: string; stage_id: string }>("select value_cents, stage_id from deals where id = $1", [deal.data.id]), (r) => Number(r.value_cents) === 1200000, 10_000);
    expect(row.stage_id, "stage 11 has no pair: stays").toBe(local.id);
  });
});

describe("scheduled pull and tenants", () => {
  it("pulls persons changed in Pipedrive into leads (new ones linked), re-pulls as echoes, and schedules the next pull", async () => {
    const jobs: ScheduledJob[] = [];
    const deps = testDeps(jobs);
    const c = await conn(a);
    pd.hold();
    const p = await pd.createPerson(tokenA, { name: "Carlos Pull", emails: [{ value: "carlos.pull@empresa.com.br", primary: true }], phones: [{ value: "11 3456-7890", primary: true }] });
    const first = await runCrmPull(deps, { tenantId: a.id, connectionId: c.id });
    expect(first.status).toBe("pulled");
    expect(jobs[0]).toMatchObject({ path: "/api/jobs/crm-sync-pull", delaySeconds: 300 });
    const created = await q1<{ id: string; phone: string; source: string }>("select l.id, l.phone, l.source from crm_sync_links k join leads l on l.id = k.local_id where k.tenant_id = $1 and k.remote_id = $2", [a.id, String(p.id)]);
    expect(created).toMatchObject({ phone: "+551134567890", source: "api" });
    const again = await runCrmPull(deps, { tenantId: a.id, connectionId: c.id });
    expect(again.status).toBe("pulled");
    expect((again as { applied: Record<string, number> }).applied.created ?? 0).toBe(0);
    // The held webhook of that create arrives late: already linked with that version → nothing new.
    await pd.release();
    await sleep(300);
    expect(Number((await q1<{ n: number }>("select count(*)::int as n from leads where tenant_id = $1 and email = 'carlos.pull@empresa.com.br'", [a.id])).n)).toBe(1);
    expect((await conn(a)).last_error).toBeNull();
  });

  it("tenant A's webhook or job cannot touch tenant B's rows", async () => {
    const jobs: ScheduledJob[] = [];
    const deps = testDeps(jobs);
    const cb = await conn(b);
    // A job naming A but B's connection finds nothing (RLS): no push, no pull.
    expect(await runCrmPush(deps, { tenantId: a.id, connectionId: cb.id, attempt: 0 })).toEqual({ status: "not_connected" });
    expect(await runCrmPull(deps, { tenantId: a.id, connectionId: cb.id })).toEqual({ status: "not_connected" });
    expect(jobs).toEqual([]);
    // The same Pipedrive person id arriving on B's webhook lands in B only.
    const bLead = await lead(b, `b.${randomUUID().slice(0, 6)}@beta.com.br`, "Cliente B");
    await editLead(b, bLead, { company: "Beta" });
    const { link: lb } = await pushedPerson(b, tokenB, bLead);
    const aLeads = Number((await q1<{ n: number }>("select count(*)::int as n from leads where tenant_id = $1", [a.id])).n);
    await pd.editPerson(tokenB, lb.remote_id, { name: "Cliente B Editado" });
    await eventually(() => leadRow(bLead), (r) => r.name === "Cliente B Editado", 10_000);
    expect(Number((await q1<{ n: number }>("select count(*)::int as n from leads where tenant_id = $1", [a.id])).n)).toBe(aLeads);
    // A's delivery replayed to B's URL (A's credentials) is refused.
    const ca = await conn(a);
    const aDelivery = pd.deliveries.find((d) => d.url.includes(ca.webhook_key))!;
    const replay = await request(app.port, app.rootDomain, "POST", `/api/webhooks/crm/pipedrive/${cb.webhook_key}`, { headers: { "content-type": "application/json", authorization: aDelivery.authorization }, body: aDelivery.body });
    expect(replay.status).toBe(401);
  });

  it("reconnecting replaces the webhooks (a new password, never a second pair delivering)", async () => {
    const before = await conn(b);
    expect(pd.webhooks(tokenB)).toHaveLength(2);
    expect((await (await as(b)).trpc("mutation", "crmSync.connectPipedrive", { apiToken: tokenB })).error).toBeNull();
    const after = await conn(b);
    expect(after.webhook_key).toBe(before.webhook_key);
    expect(after.webhook_user).not.toBe(before.webhook_user);
    expect(pd.webhooks(tokenB).map((w) => [w.object, w.user])).toEqual([
      ["person", after.webhook_user],
      ["deal", after.webhook_user],
    ]);
  });

  it("disconnecting removes the connection, its links and queue and the webhooks it made at Pipedrive; its webhook URL answers 401", async () => {
    const admin = await as(b);
    const cb = await conn(b);
    // Another integration's webhook on the same company stays.
    const other = await fetch(`${pd.url}/v1/webhooks`, { method: "POST", headers: { "content-type": "application/json", "x-api-token": tokenB }, body: JSON.stringify({ subscription_url: "https://outro.example.com/hook", event_action: "*", event_object: "deal", version: "2.0" }) });
    expect(other.status).toBe(201);
    const done = await admin.trpc<{ ok: boolean; remoteWebhooksLeft: boolean }>("mutation", "crmSync.disconnect", { provider: "pipedrive" });
    expect(done.error).toBeNull();
    expect(done.data).toEqual({ ok: true, remoteWebhooksLeft: false });
    expect(pd.webhooks(tokenB).map((w) => w.url)).toEqual(["https://outro.example.com/hook"]);
    expect((await owner().query("select 1 from crm_sync_links where connection_id = $1", [cb.id])).rows).toEqual([]);
    const d = pd.deliveries.find((x) => x.url.includes(cb.webhook_key))!;
    expect((await request(app.port, app.rootDomain, "POST", `/api/webhooks/crm/pipedrive/${cb.webhook_key}`, { headers: { "content-type": "application/json", authorization: d.authorization }, body: d.body })).status).toBe(401);
    expect((await owner().query("select action from audit_logs where tenant_id = $1 and action = 'crm_sync.disconnect'", [b.id])).rows).toHaveLength(1);
  });

  it("a token revoked at Pipedrive still disconnects: the webhooks left there are reported and their deliveries refused", async () => {
    const admin = await as(a);
    const ca = await conn(a);
    pd.revoke(tokenA);
    const done = await admin.trpc<{ ok: boolean; remoteWebhooksLeft: boolean }>("mutation", "crmSync.disconnect", { provider: "pipedrive" });
    expect(done.error).toBeNull();
    expect(done.data).toEqual({ ok: true, remoteWebhooksLeft: true });
    expect((await admin.trpc<unknown[]>("query", "crmSync.list")).data).toEqual([]);
    expect(pd.webhooks(tokenA)).toHaveLength(2);
    const audit = await owner().query<{ after: unknown }>("select after from audit_logs where tenant_id = $1 and action = 'crm_sync.disconnect'", [a.id]);
    expect(audit.rows.map((r) => r.after)).toEqual([{ remoteWebhooksLeft: true }]);
    const d = pd.deliveries.find((x) => x.url.includes(ca.webhook_key))!;
    expect((await request(app.port, app.rootDomain, "POST", `/api/webhooks/crm/pipedrive/${ca.webhook_key}`, { headers: { "content-type": "application/json", authorization: d.authorization }, body: d.body })).status).toBe(401);
  });
});
