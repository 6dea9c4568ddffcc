import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Client } from "../support/http";
import { closeOwner, createTenant, owner, type FixtureTenant } from "../support/fixtures";

/**
 * A connection whose credentials cannot be opened (its key left the keyring before `pnpm db:rekey`,
 * a bad restore): the settings reads report it (unreadable: true) instead of failing the whole page,
 * disconnecting still works, and what acts with the credentials still fails.
 */
let tenant: FixtureTenant;
let admin: Client;

beforeAll(async () => {
  tenant = await createTenant();
  const q = (sql: string) => owner().query(sql, [tenant.id]);
  // 'x' is no sealed blob (garbage); 'gone.' names a key id the keyring does not hold.
  await q("insert into calendar_connections (tenant_id, provider, credentials_encrypted, account_ref, webhook_key, webhook_ref) values ($1, 'calendly', 'x', 'https://api.calendly.com/users/fixture', replace(gen_random_uuid()::text, '-', ''), 'https://api.calendly.com/webhook_subscriptions/fixture')");
  await q("insert into slack_connections (tenant_id, mode, credentials_encrypted, channel, command_key) values ($1, 'bot', 'gone.AAAA', '#vendas', replace(gen_random_uuid()::text, '-', ''))");
  await q("insert into crm_sync_connections (tenant_id, provider, credentials_encrypted, webhook_key) values ($1, 'pipedrive', 'x', replace(gen_random_uuid()::text, '-', ''))");
  await q("insert into chatwoot_connections (tenant_id, base_url, account_id, inbox_id, credentials_encrypted, webhook_key, webhook_token_sha256) values ($1, 'https://chatwoot.example.com', 1, 2, 'x', replace(gen_random_uuid()::text, '-', ''), encode(sha256('fixture'::bytea), 'hex'))");
  await q("insert into n8n_connections (tenant_id, base_url) values ($1, 'https://n8n.example.com')");
  await q("insert into webhook_subscriptions (tenant_id, url, event_types, secret_encrypted) values ($1, 'https://hooks.example.com/vf', '{deal.won}', 'x')");
  admin = await tenant.loginAs("admin");
});

afterAll(closeOwner);

const ok = async <T>(c: Client, kind: "query" | "mutation", path: string, input?: unknown) => {
  const r = await c.trpc<T>(kind, path, input);
  expect(r.error, `${path}: ${JSON.stringify(r.error)}`).toBeNull();
  return r.data;
};

describe("connections whose credentials cannot be read", () => {
  it("the settings, /calendar and mapping reads answer with unreadable: true", async () => {
    const calendar = await ok<{ provider: string; unreadable: boolean }[]>(admin, "query", "scheduling.connections");
    expect(calendar).toMatchObject([{ provider: "calendly", unreadable: true }]);
    expect(await ok(admin, "query", "slack.get")).toMatchObject({ channel: "#vendas", unreadable: true, commandsUrl: null });
    expect(await ok(admin, "query", "chatwoot.get")).toMatchObject({ baseUrl: "https://chatwoot.example.com", unreadable: true, webhookUrl: null });
    expect(await ok(admin, "query", "crmSync.mapping", { provider: "pipedrive" })).toMatchObject({ provider: "pipedrive", unreadable: true, remoteStages: [], remoteError: null });
    // Reads that never opened the secrets.
    expect(await ok<{ provider: string }[]>(admin, "query", "crmSync.list")).toMatchObject([{ provider: "pipedrive" }]);
    expect(await ok(admin, "query", "n8n.get")).toMatchObject({ baseUrl: "https://n8n.example.com" });
    expect(await ok<unknown[]>(admin, "query", "webhooks.list")).toHaveLength(1);
  });

  it("acting with the credentials still fails", async () => {
    expect((await admin.trpc("query", "scheduling.eventTypes", { provider: "calendly" })).error).not.toBeNull();
    expect((await admin.trpc("mutation", "slack.test")).error).not.toBeNull();
  });

  it("disconnecting still works", async () => {
    await ok(admin, "mutation", "scheduling.disconnect", { provider: "calendly" });
    await ok(admin, "mutation", "slack.disconnect");
    expect(await ok(admin, "mutation", "crmSync.disconnect", { provider: "pipedrive" })).toMatchObject({ ok: true, remoteWebhooksLeft: true });
    await ok(admin, "mutation", "chatwoot.disconnect");
    expect(await ok(admin, "query", "scheduling.connections")).toEqual([]);
    expect(await ok(admin, "query", "slack.get")).toBeNull();
    expect(await ok(admin, "query", "chatwoot.get")).toBeNull();
    expect(await ok(admin, "query", "crmSync.list")).toEqual([]);
  });
});
