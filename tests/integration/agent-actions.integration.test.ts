import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@vendaflow/core/auth/password";
import { closeOwner, createTenant, env, owner, type FixtureTenant } from "../support/fixtures";
import { Client } from "../support/http";
import { WidgetClient } from "../support/widget-client";

const SITE = "http://loja.example";
let tenant: FixtureTenant;
let publicKey: string;
let agent2: Client;

beforeAll(async () => {
  tenant = await createTenant();
  const admin = await tenant.loginAs("admin");
  const created = await admin.trpc<{ inbox: { publicKey: string } }>("mutation", "inboxes.create", { channel: "web", name: "Site", settings: { allowedOrigins: [SITE], schedulingUrl: "", templates: {} } });
  publicKey = created.data.inbox.publicKey;
  await owner().query("insert into users (tenant_id, email, name, role, password_hash, email_verified_at) values ($1, $2, 'Segundo Agente', 'agent', $3, now())", [tenant.id, `agent2@${tenant.slug}.test`, await hashPassword("agent2-pass-123")]);
  agent2 = new Client(env().port, tenant.host);
  expect(await agent2.login(`agent2@${tenant.slug}.test`, "agent2-pass-123")).toBeNull();
});
afterAll(closeOwner);

/** A widget lead who asked for a human: the conversation is pending. */
async function pendingConversation() {
  const w = new WidgetClient(env().port, env().rootDomain, SITE);
  await w.start(publicKey);
  await w.consent();
  let got = await w.waitForReply(0);
  await w.send({ text: "Quero falar com um atendente" });
  got = await w.waitForReply(got.at(-1)!.seq);
  const visitorId = JSON.parse(Buffer.from(w.token.split(".")[0]!, "base64url").toString()).v as string;
  const conv = (await owner().query("select c.id, c.status from conversations c join leads l on l.id = c.lead_id where l.visitor_id = $1", [visitorId])).rows[0];
  expect(conv.status).toBe("pending");
  return { w, conversationId: conv.id as string, lastSeq: got.at(-1)!.seq };
}

describe("agent actions", () => {
  it("viewer cannot act; agent takes over and replies; the lead sees it in the widget; notes stay internal", async () => {
    const { w, conversationId, lastSeq } = await pendingConversation();
    const viewer = await tenant.loginAs("viewer");
    expect((await viewer.trpc("mutation", "agent.takeOver", { conversationId })).error?.data.code).toBe("FORBIDDEN");
    expect((await viewer.trpc("mutation", "agent.reply", { conversationId, text: "oi" })).error?.data.code).toBe("FORBIDDEN");

    const agent = await tenant.loginAs("agent");
    expect((await agent.trpc("mutation", "agent.takeOver", { conversationId })).error).toBeNull();
    // Another agent cannot reply to a conversation assigned to someone else.
    expect((await agent2.trpc("mutation", "agent.reply", { conversationId, text: "eu respondo" })).error?.data.code).toBe("FORBIDDEN");

    expect((await agent.trpc("mutation", "agent.note", { conversationId, text: "Lead parece quente" })).error).toBeNull();
    expect((await agent.trpc("mutation", "agent.reply", { conversationId, text: "Olá! Sou o agente, como posso ajudar?" })).error).toBeNull();
    const seen = await w.waitForReply(lastSeq);
    expect(seen.map((m) => [m.sender, m.text])).toContainEqual(["agent", "Olá! Sou o agente, como posso ajudar?"]);
    expect(seen.some((m) => m.text === "Lead parece quente")).toBe(false);
    const row = (await owner().query("select status, assigned_to, first_response_at from conversations where id = $1", [conversationId])).rows[0];
    expect(row.status).toBe("open");
    expect(row.assigned_to).toBe(tenant.users.agent.id);
    expect(row.first_response_at).not.toBeNull();
  });

  it("hands back to the bot, which resumes from the chosen step; resolve and reopen", async () => {
    const { w, conversationId } = await pendingConversation();
    const agent = await tenant.loginAs("agent");
    await agent.trpc("mutation", "agent.takeOver", { conversationId });
    const before = (await w.messages(0)).messages.at(-1)!.seq;
    expect((await agent.trpc("mutation", "agent.handBack", { conversationId, stepId: "nope" })).error?.data.code).toBe("BAD_REQUEST");
    expect((await agent.trpc("mutation", "agent.handBack", { conversationId, stepId: "budget" })).error).toBeNull();
    const q = await w.waitForReply(before);
    expect(q.at(-1)!.text).toContain("orçamento");
    expect(q.at(-1)!.options?.length).toBe(4);
    expect((await owner().query("select status, assigned_to from conversations where id = $1", [conversationId])).rows[0]).toEqual({ status: "bot", assigned_to: null });
    // The bot really resumed: the next answer is scored.
    await w.send({ optionId: "gt_10k" });
    await w.waitForReply(q.at(-1)!.seq);
    const state = (await owner().query("select bot_state from conversations where id = $1", [conversationId])).rows[0].bot_state;
    expect(state.answers.budget.optionId).toBe("gt_10k");

    const admin = await tenant.loginAs("admin");
    expect((await admin.trpc("mutation", "agent.resolve", { conversationId })).error).toBeNull();
    expect((await admin.trpc("mutation", "agent.reply", { conversationId, text: "x" })).error?.data.code).toBe("PRECONDITION_FAILED");
    expect((await admin.trpc("mutation", "agent.reopen", { conversationId })).error).toBeNull();
    expect((await owner().query("select status from conversations where id = $1", [conversationId])).rows[0].status).toBe("pending");
    const kinds = (await owner().query("select kind from conversation_events where conversation_id = $1 order by created_at", [conversationId])).rows.map((r) => r.kind);
    expect(kinds).toEqual(expect.arrayContaining(["handoff", "takeover", "hand_back", "resolved", "reopened"]));
    const audited = (await owner().query("select action from audit_logs where entity_id = $1", [conversationId])).rows.map((r) => r.action);
    expect(audited).toEqual(expect.arrayContaining(["conversation.takeover", "conversation.hand_back", "conversation.resolved", "conversation.reopened"]));
  });

  it("admins assign to someone else, who is notified; agents may only assign themselves", async () => {
    const { conversationId } = await pendingConversation();
    const agent = await tenant.loginAs("agent");
    expect((await agent.trpc("mutation", "agent.assign", { conversationId, userId: tenant.users.admin.id })).error?.data.code).toBe("FORBIDDEN");
    const admin = await tenant.loginAs("admin");
    expect((await admin.trpc("mutation", "agent.assign", { conversationId, userId: tenant.users.viewer.id })).error?.data.code).toBe("BAD_REQUEST");
    expect((await admin.trpc("mutation", "agent.assign", { conversationId, userId: tenant.users.agent.id })).error).toBeNull();
    // Each notification names its conversation's lead; a malformed id in its data joins nothing (and breaks nothing).
    await owner().query("update leads set name = 'Helena Dias' where id = (select lead_id from conversations where id = $1)", [conversationId]);
    await owner().query("insert into notifications (tenant_id, user_id, kind, data) values ($1, $2, 'sla_breached', '{\"conversationId\": \"not-a-uuid\"}')", [tenant.id, tenant.users.agent.id]);
    const notes = await agent.trpc<{ kind: string; data: { conversationId: string }; lead_name: string | null }[]>("query", "agent.notifications");
    expect(notes.error).toBeNull();
    expect(notes.data.find((n) => n.kind === "conversation_assigned" && n.data.conversationId === conversationId)?.lead_name).toBe("Helena Dias");
    expect(notes.data.find((n) => n.data.conversationId === "not-a-uuid")?.lead_name).toBeNull();
  });

  it("canned responses: admins manage them, agents read them, shortcuts are unique", async () => {
    const admin = await tenant.loginAs("admin");
    const ok = await admin.trpc<{ id: string }>("mutation", "agent.canned.save", { shortcut: "ola", title: "Saudação", body: "Olá {primeiro_nome}!" });
    expect(ok.error).toBeNull();
    const dup = await admin.trpc("mutation", "agent.canned.save", { shortcut: "OLA", title: "Outra", body: "x" });
    expect(dup.error?.data.code).toBe("CONFLICT");
    const agent = await tenant.loginAs("agent");
    expect((await agent.trpc("mutation", "agent.canned.save", { shortcut: "x1", title: "t", body: "b" })).error?.data.code).toBe("FORBIDDEN");
    const list = await agent.trpc<{ shortcut: string }[]>("query", "agent.canned.list");
    expect(list.data.map((c) => c.shortcut)).toContain("ola");
  });
});
