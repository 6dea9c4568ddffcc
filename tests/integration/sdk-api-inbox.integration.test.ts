import { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createVendaflowClient } from "@vendaflow/sdk/client";
import { closeOwner, createTenant, env, type FixtureTenant } from "../support/fixtures";
import { hostFetch } from "../support/host-fetch";

let tenant: FixtureTenant;
let inbox: { publicKey: string; secret: string };

const sdk = (publicKey: string, secret: string, host = tenant.host) =>
  createVendaflowClient({ baseUrl: `http://${host}`, fetch: hostFetch(env().port, host), headers: () => ({ "x-vendaflow-inbox": publicKey, authorization: `Bearer ${secret}` }) });

beforeAll(async () => {
  tenant = await createTenant();
  const admin = await tenant.loginAs("admin");
  const created = await admin.trpc<{ inbox: { publicKey: string }; secrets: { apiSecret: string } }>("mutation", "inboxes.create", { channel: "api", name: "Backend", settings: { allowedOrigins: [], schedulingUrl: "", templates: {} } });
  expect(created.error).toBeNull();
  expect(created.data.secrets.apiSecret).toMatch(/^sk_/);
  inbox = { publicKey: created.data.inbox.publicKey, secret: created.data.secrets.apiSecret };
});
afterAll(closeOwner);

describe("API inbox through the typed SDK", () => {
  it("posts lead messages and gets the bot's replies in the same call; a retried message is stored once", async () => {
    const client = sdk(inbox.publicKey, inbox.secret);
    const first = await client.apiInbox.send.mutate({ externalLeadId: "crm-42", clientMessageId: "msg-000001", text: "Olá" });
    expect(first.duplicate).toBe(false);
    expect(first.replies.at(-1)!.text).toContain("nome");
    const second = await client.apiInbox.send.mutate({ externalLeadId: "crm-42", clientMessageId: "msg-000002", text: "Otávio" });
    expect(second.replies.map((r) => r.text).join(" ")).toContain("e-mail");
    const retry = await client.apiInbox.send.mutate({ externalLeadId: "crm-42", clientMessageId: "msg-000002", text: "Otávio" });
    expect(retry.duplicate).toBe(true);
    const all = await client.apiInbox.messages.query({ externalLeadId: "crm-42" });
    expect(all.filter((m) => m.sender === "lead").map((m) => m.text)).toEqual(["Olá", "Otávio"]);
  });

  it("refuses a wrong secret, and another tenant's inbox key never reaches this tenant's leads", async () => {
    const wrong = sdk(inbox.publicKey, "sk_wrong-secret-but-same-length-000000000");
    await expect(wrong.apiInbox.messages.query({ externalLeadId: "crm-42" })).rejects.toMatchObject({ data: { code: "UNAUTHORIZED" } });

    const other = await createTenant();
    const admin = await other.loginAs("admin");
    const created = await admin.trpc<{ inbox: { publicKey: string }; secrets: { apiSecret: string } }>("mutation", "inboxes.create", { channel: "api", name: "Backend B", settings: { allowedOrigins: [], schedulingUrl: "", templates: {} } });
    expect(created.error).toBeNull();
    // B's credentials, even sent to A's host, read only B's (empty) data for the same external id.
    const b = sdk(created.data.inbox.publicKey, created.data.secrets.apiSecret, tenant.host);
    expect(await b.apiInbox.messages.query({ externalLeadId: "crm-42" })).toEqual([]);
  });

  it("returns zod issues with field paths for bad input", async () => {
    const client = sdk(inbox.publicKey, inbox.secret);
    const err = await client.apiInbox.send.mutate({ externalLeadId: "", clientMessageId: "x" } as never).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TRPCClientError);
    const issues = (err as TRPCClientError<never>).data as unknown as { zodIssues: { path: string[] }[] };
    expect(issues.zodIssues.map((i) => i.path.join("."))).toEqual(expect.arrayContaining(["externalLeadId", "clientMessageId"]));
  });
});
