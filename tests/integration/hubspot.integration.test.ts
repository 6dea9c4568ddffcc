import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { crmSync } from "@vendaflow/connectors/crm/crm-sync";
import { CRM_WEBHOOK_PULL_DELAY_SECONDS } from "@vendaflow/core/crm-sync/jobs";
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
import { startHubSpotStandIn, type HubSpotStandIn } from "../stand-ins/hubspot";

// CRM sync with HubSpot end to end: an app instance whose HubSpot public app (HUBSPOT_CLIENT_ID /
// SECRET, HUBSPOT_API_URL / HUBSPOT_AUTH_URL) is the stand-in. Admins install by OAuth (consent →
// root callback → tenant host → code exchanged at /oauth/v1/token); local changes go out by the
// push job (CRM v3 contacts / deals); HubSpot's signed v3 webhooks for every portal reach the one
// app URL and, routed by portalId, schedule a pull (search by last-modified date) that applies them.

let app: NextServer & { rootDomain: string };
let hs: HubSpotStandIn;
let a: FixtureTenant;
let b: FixtureTenant;
let db: Database;
let closeDb: () => Promise<void>;
let portalA: number;
let portalB: number;

const as = signedInClients(() => app);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const HOOK = "/api/webhooks/crm/hubspot";

const receipts = async (t: FixtureTenant) => Number((await q1<{ n: number }>("select count(*)::int as n from webhook_receipts where tenant_id = $1 and provider = 'hubspot'", [t.id])).n);
const conn = (t: FixtureTenant) => q1<{ id: string; account_id: string; account_name: string; credentials_encrypted: string; last_error: string | null } | undefined>("select * from crm_sync_connections where tenant_id = $1 and provider = 'hubspot'", [t.id]);
const writes = (id: string) => hs.requests.filter((r) => (r.method === "PATCH" && r.path === `/crm/v3/objects/contacts/${id}`) || (r.method === "POST" && r.path === "/crm/v3/objects/contacts")).length;

async function editLead(t: FixtureTenant, id: string, details: Record<string, string>) {
  const r = await (await as(t)).trpc("mutation", "crm.leads.update", { id, details });
  expect(r.error, r.error?.message).toBeNull();
}

/** Consent for `portal`, through the root callback to the tenant's host, with the tenant's admin (or none). */
async function install(t: FixtureTenant, portal: number, role: "admin" | "agent" | null = "admin") {
  const started = await (await as(t)).trpc<{ url: string }>("mutation", "crmSync.oauthStart", { provider: "hubspot" });
  expect(started.error, started.error?.message).toBeNull();
  hs.consentFor(portal);
  const consent = await fetch(started.data.url, { redirect: "manual" });
  expect(consent.status).toBe(302);
  const back = new URL(consent.headers.get("location")!);
  const root = await request(app.port, app.rootDomain, "GET", back.pathname + back.search);
  expect(root.status).toBe(302);
  const onTenant = new URL(root.headers.location!);
  const res = role ? await (await as(t, role)).send("GET", onTenant.pathname + onTenant.search) : await request(app.port, `${t.slug}.${app.rootDomain}`, "GET", onTenant.pathname + onTenant.search);
  return { authorize: new URL(started.data.url), back, root: root.headers.location!, location: res.headers.location ?? "", status: res.status };
}

/** The lead linked to a HubSpot contact that satisfies `ready`, with the push recorded (outbox row gone). */
async function pushedContact(t: FixtureTenant, portal: number, id: string, ready: (p: Record<string, string | null>) => boolean = () => true) {
  const first = await eventually(() => link(t, "lead", id), (x) => Boolean(x), 20_000);
  expect(first, "lead linked").toBeTruthy();
  const c = await eventually(() => hs.contact(portal, first!.remote_id), (x) => Boolean(x && ready(x.properties)), 20_000);
  expect(c && ready(c.properties), `contact ready: ${JSON.stringify(c)}`).toBe(true);
  expect(await eventually(() => outboxRows(t, id), (n) => n === 0, 20_000), "the push is recorded").toBe(0);
  return { link: (await link(t, "lead", id))!, contact: c! };
}

/**
 * The pulls the webhooks so far asked for (queued CRM_WEBHOOK_PULL_DELAY_SECONDS ahead, crmWebhookPull)
 * are brought forward to the end of their window (when every event of the window has arrived, the
 * point of the delay) and waited for until delivered: what sleeping past the delay (6.5 s) gave, but
 * each such pull is known to have run. In-flight (claimed: not_before a lease ahead) and scheduled
 * (300 s) pulls are left alone.
 */
async function hookPullsRun() {
  // The stand-in posts a write's webhooks 20 ms after it; let the last ones land and queue their pull.
  await sleep(300);
  const hookPulls = "destination = $1 and deduplication_id like '%:hook:%' and delivered_at is null";
  const dest = `http://${app.rootDomain}/api/jobs/crm-sync-pull`;
  const windowEnd = `to_timestamp((floor(extract(epoch from created_at) / ${CRM_WEBHOOK_PULL_DELAY_SECONDS}) + 1) * ${CRM_WEBHOOK_PULL_DELAY_SECONDS})`;
  await owner().query(
    `update scheduled_jobs set not_before = least(not_before, ${windowEnd}) where ${hookPulls} and attempts = 0 and not_before > now() and not_before <= created_at + interval '10 seconds'`,
    [dest],
  );
  const left = await eventually(async () => Number((await q1<{ n: number }>(`select count(*)::int as n from scheduled_jobs where ${hookPulls}`, [dest])).n), (n) => n === 0, 20_000);
  expect(left, "the webhooks' pulls ran").toBe(0);
}

const testDeps = (jobs: ScheduledJob[]) => crmJobDeps(db, crmSync({ pipedriveApiBase: "http://127.0.0.1:9", hubspot: { apiBase: hs.url, authBase: hs.url, clientId: hs.oauth.clientId, clientSecret: hs.oauth.clientSecret }, policy: { allowHosts: ["127.0.0.1"] } }), jobs);

beforeAll(async () => {
  hs = await startHubSpotStandIn();
  app = await startAppServer({ HUBSPOT_API_URL: hs.url, HUBSPOT_AUTH_URL: hs.url, HUBSPOT_CLIENT_ID: hs.oauth.clientId, HUBSPOT_CLIENT_SECRET: hs.oauth.clientSecret });
  hs.setWebhookTarget(`http://${app.rootDomain}${HOOK}`);
  a = await createTenant();
  b = await createTenant();
  ({ db, close: closeDb } = createDb({ url: env().appUrl, max: 2 }));
  portalA = hs.portal("acme-vendas.com.br").portalId;
  portalB = hs.portal("beta-comercio.com.br").portalId;
});
afterAll(async () => {
  await app?.stop();
  await hs?.close();
  await closeDb?.();
  await closeOwner();
});

describe("HubSpot by OAuth", () => {
  it("the admin is sent to HubSpot's consent with the app's client id, scopes, the root redirect URI and a signed state; agents cannot start", async () => {
    expect((await (await as(a)).trpc<{ oauth: string[] }>("query", "crmSync.options")).data).toEqual({ oauth: ["hubspot"] });
    expect((await (await as(a, "agent")).trpc("mutation", "crmSync.oauthStart", { provider: "hubspot" })).error?.data.code).toBe("FORBIDDEN");
    // A forged state is refused at the root, a denied consent stores nothing.
    const started = await (await as(a)).trpc<{ url: string }>("mutation", "crmSync.oauthStart", { provider: "hubspot" });
    const authorize = new URL(started.data.url);
    expect(authorize.origin + authorize.pathname).toBe(`${hs.url}/oauth/authorize`);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({ client_id: hs.oauth.clientId, redirect_uri: `http://${app.rootDomain}/api/crm-sync/hubspot/callback` });
    expect(authorize.searchParams.get("scope")).toContain("crm.objects.deals.write");
    const state = authorize.searchParams.get("state")!;
    const forged = `${state.slice(0, -2)}${state.endsWith("AA") ? "BB" : "AA"}`;
    expect((await request(app.port, app.rootDomain, "GET", `/api/crm-sync/hubspot/callback?code=x&state=${encodeURIComponent(forged)}`)).status).toBe(400);
    // A HubSpot state is no other provider's (the purpose is signed).
    expect((await request(app.port, app.rootDomain, "GET", `/api/crm-sync/pipedrive/callback?code=x&state=${encodeURIComponent(state)}`)).status).toBe(400);
    const denied = await (await as(a)).send("GET", `/api/crm-sync/hubspot/callback?error=access_denied&state=${encodeURIComponent(state)}`);
    expect(denied.headers.location).toBe(`http://${a.slug}.${app.rootDomain}/settings?crm=hubspot-negado`);
    // Another user's session (A's agent) cannot finish A's admin's consent.
    expect((await install(a, portalA, "agent")).location).toBe(`http://${a.slug}.${app.rootDomain}/settings?crm=hubspot-outra-sessao`);
    expect(await conn(a)).toBeUndefined();
  });

  it("the same admin session: code exchanged at /oauth/v1/token, the portal stored as the account, tokens sealed; the settings and mapping pages open", async () => {
    const done = await install(a, portalA);
    expect(done.root).toMatch(new RegExp(`^http://${a.slug}\\.${app.rootDomain.replace(/[.:]/g, "\\$&")}/api/crm-sync/hubspot/callback\\?`));
    expect(done).toMatchObject({ status: 302, location: `http://${a.slug}.${app.rootDomain}/settings?crm=hubspot-conectado` });
    const row = (await conn(a))!;
    expect(row).toMatchObject({ account_id: String(portalA), account_name: "acme-vendas.com.br" });
    // One exchange: the agent's attempt was refused before the code reached HubSpot.
    expect(hs.requests.filter((r) => r.path === "/oauth/v1/token")).toHaveLength(1);
    const bearer = hs.requests.find((r) => r.path.startsWith("/oauth/v1/access-tokens/"))!.path.split("/").pop()!;
    expect(row.credentials_encrypted).not.toContain(bearer);
    const list = await (await as(a)).trpc<{ provider: string; accountName: string }[]>("query", "crmSync.list");
    expect(list.data).toEqual([expect.objectContaining({ provider: "hubspot", accountName: "acme-vendas.com.br", webhookUrl: `http://${app.rootDomain}${HOOK}` })]);
    expect(JSON.stringify(list.data)).not.toContain(bearer);
    // The settings page says how it went; HubSpot's mapping page opens.
    const page = await (await as(a)).send("GET", "/settings?crm=hubspot-conectado");
    expect(page.status).toBe(200);
    expect(page.text).toContain("HubSpot conectado.");
    expect((await (await as(a)).send("GET", "/settings/crm-sync/hubspot")).status).toBe(200);
    // Tenant B installs its own portal.
    expect((await install(b, portalB)).location).toBe(`http://${b.slug}.${app.rootDomain}/settings?crm=hubspot-conectado`);
    expect((await conn(b))!.account_id).toBe(String(portalB));
  });
});

describe("push, echo, webhooks", () => {
  let leadId: string;
  let contactId: string;

  it("a lead edited here is pushed as a HubSpot contact (first / last name, e-mail, phone, company) and linked", async () => {
    leadId = await lead(a, `mari.${randomUUID().slice(0, 6)}@padaria.com.br`);
    await editLead(a, leadId, { phone: "(11) 98765-4321", company: "Padaria Pão Quente" });
    const { link: l, contact } = await pushedContact(a, portalA, leadId, (p) => p.phone === "+5511987654321");
    contactId = l.remote_id;
    expect(contact.properties).toMatchObject({ firstname: "Mariana", lastname: "Costa", email: (await leadRow(leadId)).email, phone: "+5511987654321", company: "Padaria Pão Quente" });
    expect(l.remote_version).toBe(contact.updatedAt);
  });

  it("the echo of our own push (signed webhooks, then the pull they ask for) changes nothing and pushes nothing back", async () => {
    const before = await leadRow(leadId);
    const n = writes(contactId);
    const delivered = await eventually(() => hs.deliveries.filter((d) => d.body.includes(`"objectId":${contactId}`)), (d) => d.length >= 1, 10_000);
    expect(delivered.every((d) => d.status === 200)).toBe(true);
    // The webhook's pull runs ~5 s later and reads the contact at the version we hold.
    const seen = new Date();
    await hookPullsRun();
    const pulled = await eventually(() => q1<{ last_pull_at: Date | null }>("select last_pull_at from crm_sync_connections where tenant_id = $1 and provider = 'hubspot'", [a.id]), (r) => Boolean(r.last_pull_at && r.last_pull_at > seen), 20_000);
    expect(pulled.last_pull_at!.getTime()).toBeGreaterThan(seen.getTime());
    expect(await leadRow(leadId)).toEqual(before);
    expect(await audits(a, leadId)).toEqual([]);
    expect(writes(contactId)).toBe(n);
    expect(await receipts(a)).toBeGreaterThanOrEqual(1);
  });

  it("an edit in HubSpot arrives (webhook → pull): applied with the phone normalised, the overwrite audited, not echoed back", async () => {
    const n = writes(contactId);
    await hs.editContact(portalA, contactId, { lastname: "Costa Silva", phone: "(21) 99999-0000" });
    await hookPullsRun();
    const row = await eventually(() => leadRow(leadId), (r) => r.name === "Mariana Costa Silva", 20_000);
    expect(row).toMatchObject({ name: "Mariana Costa Silva", phone: "+5521999990000" });
    const [audit] = await audits(a, leadId);
    expect(audit).toMatchObject({ action: "crm_sync.overwrite", before: { name: "Mariana Costa", phone: "+5511987654321" }, after: { name: "Mariana Costa Silva", phone: "+5521999990000", provider: "hubspot", remoteId: contactId } });
    await sleep(1000);
    expect(writes(contactId), "a synced change is not pushed back").toBe(n);
    expect(await outboxRows(a, leadId)).toBe(0);
  });

  it("webhook signature: wrong secret, stale timestamp, tampered body or none → 401 and nothing stored; bad JSON → 400; a duplicate delivery changes nothing", async () => {
    const n = await receipts(a);
    const ev = [{ eventId: 9_000_001, subscriptionId: 1, portalId: portalA, appId: hs.oauth.appId, occurredAt: Date.now(), subscriptionType: "contact.deletion", attemptNumber: 0, objectId: Number(contactId), changeSource: "CRM_UI" }];
    expect((await hs.send(ev, { secret: "not-the-app-secret" })).status).toBe(401);
    expect((await hs.send(ev, { timestamp: Date.now() - 6 * 60_000 })).status).toBe(401);
    const good = await hs.send([{ ...ev[0], subscriptionType: "contact.propertyChange", eventId: 9_000_002 }], { url: `http://${app.rootDomain}${HOOK}` });
    expect(good.status).toBe(200);
    const tampered = await request(app.port, app.rootDomain, "POST", HOOK, { headers: good.headers, body: JSON.stringify(ev) });
    expect(tampered.status).toBe(401);
    expect((await request(app.port, app.rootDomain, "POST", HOOK, { headers: { "content-type": "application/json" }, body: JSON.stringify(ev) })).status).toBe(401);
    expect(await receipts(a)).toBe(n + 1);
    expect(await link(a, "lead", leadId), "the forged deletion did not unlink").toBeTruthy();
    // Verified but not JSON / not the shape: 400 (never 500).
    const { signV3 } = await import("../stand-ins/hubspot");
    const ts = Date.now();
    for (const body of ["{nope", JSON.stringify({ not: "an array" })]) {
      const sig = signV3(hs.oauth.clientSecret, "POST", `http://${app.rootDomain}${HOOK}`, body, ts);
      expect((await request(app.port, app.rootDomain, "POST", HOOK, { headers: { "content-type": "application/json", "x-hubspot-signature-v3": sig, "x-hubspot-request-timestamp": String(ts) }, body })).status).toBe(400);
    }

    // A real delivery sent twice: recorded once, applied once.
    hs.hold();
    await hs.editContact(portalA, contactId, { company: "Padaria Nova" });
    await hs.release();
    const d = hs.deliveries.at(-1)!;
    expect(d.status).toBe(200);
    await hookPullsRun();
    expect((await eventually(() => leadRow(leadId), (r) => r.company === "Padaria Nova", 20_000)).company).toBe("Padaria Nova");
    const afterFirst = await receipts(a);
    const overwrites = (await audits(a, leadId)).length;
    expect(await hs.redeliver(d)).toBe(200);
    await hookPullsRun();
    expect(await receipts(a)).toBe(afterFirst);
    expect((await audits(a, leadId)).length).toBe(overwrites);
  });

  it("a deal is pushed with its amount in reais, its mapped stage (and pipeline) and its contact", async () => {
    const admin = await as(a);
    const mapping = await admin.trpc<{ localStages: { id: string }[]; remoteStages: { id: string; pipeline: string }[] }>("query", "crmSync.mapping", { provider: "hubspot" });
    expect(mapping.error, mapping.error?.message).toBeNull();
    expect(mapping.data.remoteStages.map((s) => s.id)).toEqual(["appointmentscheduled", "qualifiedtobuy", "closedwon"]);
    const local = mapping.data.localStages[0]!;
    expect((await admin.trpc("mutation", "crmSync.saveMapping", { provider: "hubspot", mapping: { contact: {}, deal: {}, stages: [{ localStageId: local.id, remoteStageId: "qualifiedtobuy" }] } })).error).toBeNull();
    const stage = await q1<{ pipeline_id: string }>("select pipeline_id from pipeline_stages where id = $1", [local.id]);
    const deal = await admin.trpc<{ id: string }>("mutation", "crm.deals.create", { title: "Plano anual", valueCents: 990050, pipelineId: stage.pipeline_id, stageId: local.id, leadId });
    expect(deal.error, deal.error?.message).toBeNull();
    const l = await eventually(() => link(a, "deal", deal.data.id), Boolean, 20_000);
    const remote = hs.deal(portalA, l!.remote_id)!;
    expect(remote.properties).toMatchObject({ dealname: "Plano anual", amount: "9900.50", dealstage: "qualifiedtobuy", pipeline: "default" });
    expect(remote.associations?.contacts.results.map((r) => r.id)).toEqual([contactId]);
    // HubSpot changes the amount: applied here in cents.
    await hs.editDeal(portalA, l!.remote_id, { amount: "12000" });
    await hookPullsRun();
    expect(Number((await eventually(() => q1<{ value_cents: string }>("select value_cents from deals where id = $1", [deal.data.id]), (r) => Number(r.value_cents) === 1200000, 20_000)).value_cents)).toBe(1200000);
  });

  it("an expired access token is refreshed with the refresh token, stored sealed, and the push goes through", async () => {
    const before = (await conn(a))!.credentials_encrypted;
    const refreshes = () => hs.requests.filter((r) => r.path === "/oauth/v1/token").length;
    const n = refreshes();
    hs.expireTokens(portalA);
    await editLead(a, leadId, { company: "Padaria Renovada" });
    await pushedContact(a, portalA, leadId, (p) => p.company === "Padaria Renovada");
    expect(refreshes()).toBe(n + 1);
    expect((await conn(a))!.credentials_encrypted).not.toBe(before);
    expect((await conn(a))!.last_error).toBeNull();
  });

  it("a 429 is retried after HubSpot's Retry-After and the push then lands", async () => {
    // The pulls the last pushes' webhooks asked for run first (they would push this lead themselves).
    await hookPullsRun();
    const jobs: ScheduledJob[] = [];
    const deps = testDeps(jobs);
    const id = await lead(a, `limite.${randomUUID().slice(0, 6)}@empresa.com.br`, "Rate Limit");
    const c = (await conn(a))!;
    hs.failNext(429, 1, 2);
    const first = await runCrmPush(deps, { tenantId: a.id, connectionId: c.id, attempt: 0 });
    expect(first).toMatchObject({ status: "rate_limited", retryInSeconds: 2 });
    expect(jobs).toEqual([expect.objectContaining({ path: "/api/jobs/crm-sync-push", delaySeconds: 2, body: { tenantId: a.id, connectionId: c.id, attempt: 1 } })]);
    expect((await conn(a))!.last_error).toContain("Limite de requisições");
    expect(await runCrmPush(deps, jobs[0]!.body as { tenantId: string; connectionId: string; attempt: number })).toMatchObject({ status: "done" });
    expect((await pushedContact(a, portalA, id)).contact.properties).toMatchObject({ firstname: "Rate", lastname: "Limit" });
    expect((await conn(a))!.last_error).toBeNull();
  });

  it("a contact deleted in HubSpot is unlinked here (the lead stays)", async () => {
    const id = await lead(a, `apagar.${randomUUID().slice(0, 6)}@empresa.com.br`, "Para Apagar");
    await editLead(a, id, { company: "X" });
    const { link: l } = await pushedContact(a, portalA, id);
    await hs.deleteContact(portalA, l.remote_id);
    expect(await eventually(() => link(a, "lead", id), (x) => !x, 10_000)).toBeUndefined();
    expect((await leadRow(id)).name).toBe("Para Apagar");
  });
});

describe("pull and tenants", () => {
  it("a contact created in HubSpot becomes a lead by the pull (search since the cursor), re-pulled as an echo", async () => {
    const jobs: ScheduledJob[] = [];
    const deps = testDeps(jobs);
    const c = (await conn(a))!;
    hs.hold();
    const created = await hs.createContact(portalA, { firstname: "Carlos", lastname: "Pull", email: "carlos.pull@empresa.com.br", phone: "11 3456-7890" });
    const remoteDeal = await hs.createDeal(portalA, { dealname: "Negócio do Carlos", amount: "1500.25", dealstage: "appointmentscheduled", pipeline: "default" }, [created.id]);
    const lonely = await hs.createDeal(portalA, { dealname: "Negócio sem contato", amount: "10", dealstage: "appointmentscheduled", pipeline: "default" });
    const first = await runCrmPull(deps, { tenantId: a.id, connectionId: c.id });
    expect(first.status).toBe("pulled");
    const row = await q1<{ id: string; phone: string; source: string; name: string }>("select l.id, l.phone, l.source, l.name from crm_sync_links k join leads l on l.id = k.local_id where k.tenant_id = $1 and k.remote_id = $2", [a.id, created.id]);
    expect(row).toMatchObject({ name: "Carlos Pull", phone: "+551134567890", source: "api" });
    // The deal comes with its contact's lead (read by the batch association call); one without a contact, without.
    const deal = await q1<{ lead_id: string | null; value_cents: string; title: string }>("select d.lead_id, d.value_cents, d.title from crm_sync_links k join deals d on d.id = k.local_id where k.tenant_id = $1 and k.entity_type = 'deal' and k.remote_id = $2", [a.id, remoteDeal.id]);
    expect(deal).toMatchObject({ lead_id: row.id, title: "Negócio do Carlos" });
    expect(Number(deal.value_cents)).toBe(150025);
    expect((await q1<{ lead_id: string | null }>("select d.lead_id from crm_sync_links k join deals d on d.id = k.local_id where k.tenant_id = $1 and k.entity_type = 'deal' and k.remote_id = $2", [a.id, lonely.id])).lead_id).toBeNull();
    const again = await runCrmPull(deps, { tenantId: a.id, connectionId: c.id });
    expect((again as { applied: Record<string, number> }).applied.created ?? 0).toBe(0);
    await hs.release();
    await hookPullsRun();
    expect(Number((await q1<{ n: number }>("select count(*)::int as n from leads where tenant_id = $1 and email = 'carlos.pull@empresa.com.br'", [a.id])).n)).toBe(1);
  });

  it("a pull that finds a push run holding the connection comes back 30 s later, once per slot", async () => {
    const jobs: ScheduledJob[] = [];
    const deps = testDeps(jobs);
    const c = (await conn(a))!;
    await owner().query("update crm_sync_connections set push_lease_until = now() + interval '1 minute' where id = $1", [c.id]);
    try {
      expect(await runCrmPull(deps, { tenantId: a.id, connectionId: c.id })).toEqual({ status: "busy" });
      expect(await runCrmPull(deps, { tenantId: a.id, connectionId: c.id })).toEqual({ status: "busy" });
    } finally {
      await owner().query("update crm_sync_connections set push_lease_until = null where id = $1", [c.id]);
    }
    const retries = jobs.filter((j) => j.delaySeconds === 30);
    expect(retries).toHaveLength(2);
    expect(retries[0]).toMatchObject({ path: "/api/jobs/crm-sync-pull", body: { tenantId: a.id, connectionId: c.id } });
    expect(retries[0]!.deduplicationId).toMatch(/:busy$/);
    // The same slot: one retry however often it is asked for.
    expect(new Set(retries.map((j) => j.deduplicationId)).size).toBe(1);
  });

  it("tenant A's webhook or job cannot touch tenant B's rows", async () => {
    const jobs: ScheduledJob[] = [];
    const deps = testDeps(jobs);
    const cb = (await conn(b))!;
    expect(await runCrmPush(deps, { tenantId: a.id, connectionId: cb.id, attempt: 0 })).toEqual({ status: "not_connected" });
    expect(await runCrmPull(deps, { tenantId: a.id, connectionId: cb.id })).toEqual({ status: "not_connected" });
    expect(jobs).toEqual([]);
    // B's contact edited in B's portal lands in B only; A's receipts do not move.
    const bLead = await lead(b, `b.${randomUUID().slice(0, 6)}@beta.com.br`, "Cliente B");
    await editLead(b, bLead, { company: "Beta" });
    const { link: lb } = await pushedContact(b, portalB, bLead);
    await hookPullsRun();
    const aLeads = Number((await q1<{ n: number }>("select count(*)::int as n from leads where tenant_id = $1", [a.id])).n);
    const aReceipts = await receipts(a);
    await hs.editContact(portalB, lb.remote_id, { firstname: "Cliente", lastname: "B Editado" });
    await hookPullsRun();
    expect((await eventually(() => leadRow(bLead), (r) => r.name === "Cliente B Editado", 20_000)).name).toBe("Cliente B Editado");
    expect(Number((await q1<{ n: number }>("select count(*)::int as n from leads where tenant_id = $1", [a.id])).n)).toBe(aLeads);
    expect(await receipts(a)).toBe(aReceipts);
    // A deletion naming A's portal and B's contact id touches nothing of B's.
    const d = await hs.send([{ eventId: 9_100_001, subscriptionId: 1, portalId: portalA, appId: hs.oauth.appId, occurredAt: Date.now(), subscriptionType: "contact.deletion", attemptNumber: 0, objectId: Number(lb.remote_id), changeSource: "CRM_UI" }]);
    expect(d.status).toBe(200);
    expect(await link(b, "lead", bLead)).toBeTruthy();
    // An event for a portal nobody connected: acknowledged, nothing stored.
    const other = await hs.send([{ eventId: 9_100_002, subscriptionId: 1, portalId: 1, appId: hs.oauth.appId, occurredAt: Date.now(), subscriptionType: "contact.creation", attemptNumber: 0, objectId: 5 }]);
    expect(other.status).toBe(200);
    expect(JSON.parse((await request(app.port, app.rootDomain, "POST", HOOK, { headers: other.headers, body: other.body })).text)).toMatchObject({ unrouted: 1 });
  });

  it("disconnecting stops the portal's webhooks from reaching the tenant and uninstalls the app once no tenant uses the portal", async () => {
    // A third tenant connects the same portal: B's disconnect must leave the app installed for it.
    const c = await createTenant();
    expect((await install(c, portalB)).location).toBe(`http://${c.slug}.${app.rootDomain}/settings?crm=hubspot-conectado`);
    const first = await (await as(b)).trpc<{ ok: boolean; remoteWebhooksLeft: boolean }>("mutation", "crmSync.disconnect", { provider: "hubspot" });
    expect(first.error).toBeNull();
    expect(first.data).toEqual({ ok: true, remoteWebhooksLeft: false });
    expect(hs.installed(portalB)).toBe(true);
    expect(hs.requests.filter((r) => r.path === "/appinstalls/v3/external-install")).toEqual([]);
    // Its access token expired at HubSpot: refreshed (its own transaction, the row unlocked) before the uninstall.
    hs.expireTokens(portalB);
    const refreshes = hs.requests.filter((r) => r.path === "/oauth/v1/token").length;
    const last = await (await as(c)).trpc<{ ok: boolean; remoteWebhooksLeft: boolean }>("mutation", "crmSync.disconnect", { provider: "hubspot" });
    expect(last.data).toEqual({ ok: true, remoteWebhooksLeft: false });
    // Refused with the expired token, refreshed, sent again.
    expect(hs.requests.filter((r) => r.path === "/appinstalls/v3/external-install").map((r) => r.method)).toEqual(["DELETE", "DELETE"]);
    expect(hs.requests.filter((r) => r.path === "/oauth/v1/token").length).toBe(refreshes + 1);
    expect(hs.installed(portalB)).toBe(false);
    expect(hs.installed(portalA)).toBe(true);
    const n = await receipts(b);
    const d = await hs.send([{ eventId: 9_200_001, subscriptionId: 1, portalId: portalB, appId: hs.oauth.appId, occurredAt: Date.now(), subscriptionType: "contact.creation", attemptNumber: 0, objectId: 77 }]);
    expect(d.status).toBe(200);
    expect(await receipts(b)).toBe(n);
  });
});
