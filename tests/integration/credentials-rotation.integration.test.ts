import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createVendaflowClient } from "@vendaflow/sdk/client";
import { appServerEnv, TEST_KEYS } from "../support/app-env";
import { closeOwner, createTenant, env, owner, type FixtureTenant } from "../support/fixtures";
import { hostFetch } from "../support/host-fetch";
import { Client } from "../support/http";
import { startNextServer, type NextServer } from "../support/next-server";

let tenant: FixtureTenant;
let inbox: { id: string; publicKey: string; secret: string };
let rotated: NextServer;
const newKey = `k2026:${randomBytes(32).toString("base64")}`;

const sdk = (port: number) =>
  createVendaflowClient({ baseUrl: `http://${tenant.host}`, fetch: hostFetch(port, tenant.host), headers: () => ({ "x-vendaflow-inbox": inbox.publicKey, authorization: `Bearer ${inbox.secret}` }) });
const blobOf = async (inboxId: string) => (await owner().query<{ c: string }>("select credentials_encrypted as c from inboxes where id = $1", [inboxId])).rows[0]!.c;

beforeAll(async () => {
  tenant = await createTenant();
  const admin = await tenant.loginAs("admin");
  const created = await admin.trpc<{ inbox: { id: string; publicKey: string }; secrets: { apiSecret: string } }>("mutation", "inboxes.create", { channel: "api", name: "Backend", settings: { allowedOrigins: [], schedulingUrl: "", templates: {} } });
  expect(created.error).toBeNull();
  inbox = { id: created.data.inbox.id, publicKey: created.data.inbox.publicKey, secret: created.data.secrets.apiSecret };
  // The same database and domain, after a rotation: a new current key, the old one retired.
  rotated = await startNextServer(appServerEnv(env().appUrl, env().rootDomain, { ENCRYPTION_KEY: newKey, ENCRYPTION_KEYS_RETIRED: `0:${TEST_KEYS.encryptionKey}` }));
}, 90_000);
afterAll(async () => {
  await rotated?.stop();
  await closeOwner();
});

describe("ENCRYPTION_KEY rotation", () => {
  it("an inbox sealed before the rotation still authenticates with its secret after it; new inboxes get the new key", async () => {
    expect(await blobOf(inbox.id)).toMatch(/^0\./);
    const sent = await sdk(rotated.port).apiInbox.send.mutate({ externalLeadId: "crm-1", clientMessageId: "msg-000001", text: "Olá" });
    expect(sent.duplicate).toBe(false);
    const wrong = createVendaflowClient({ baseUrl: `http://${tenant.host}`, fetch: hostFetch(rotated.port, tenant.host), headers: () => ({ "x-vendaflow-inbox": inbox.publicKey, authorization: `Bearer sk_${"x".repeat(32)}` }) });
    await expect(wrong.apiInbox.messages.query({ externalLeadId: "crm-1" })).rejects.toMatchObject({ data: { code: "UNAUTHORIZED" } });

    const admin = new Client(rotated.port, tenant.host);
    expect(await admin.login(tenant.users.admin.email, tenant.users.admin.password)).toBeNull();
    const fresh = await admin.trpc<{ inbox: { id: string } }>("mutation", "inboxes.create", { channel: "api", name: "Depois", settings: { allowedOrigins: [], schedulingUrl: "", templates: {} } });
    expect(fresh.error).toBeNull();
    expect(await blobOf(fresh.data.inbox.id)).toMatch(/^k2026\./);
  });
});
