import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRANSCRIPT_PAGE_SIZE, TRANSCRIPT_REFRESH_LIMIT } from "@vendaflow/validators/inbox";
import { closeOwner, createTenant, owner, type FixtureTenant } from "../support/fixtures";
import type { Client } from "../support/http";

// A long conversation in the agent inbox: conversations.get carries the newest page of the
// transcript (not the first 1,000 messages, which hid everything after them), and
// conversations.messages pages back from there by seq.

interface Msg { id: string; seq: number; text: string | null; delivery_status?: string | null; deleted_at?: string | null }
interface Page { messages: Msg[]; hasOlder: boolean }

const TOTAL = 1234;
let a: FixtureTenant;
let b: FixtureTenant;
let agentA: Client;
let agentB: Client;
let conversationA: string;
let conversationB: string;

/** A web conversation of a new lead, as owner. */
async function conversation(tenantId: string): Promise<string> {
  const q = (sql: string, params: unknown[]) => owner().query<{ id: string }>(sql, params).then((r) => r.rows[0]!.id);
  const inbox = await q("insert into inboxes (tenant_id, name, channel) values ($1, 'Site', 'web') returning id", [tenantId]);
  const lead = await q("insert into leads (tenant_id, name, source, visitor_id) values ($1, 'Lead longo', 'web', gen_random_uuid()::text) returning id", [tenantId]);
  return q("insert into conversations (tenant_id, inbox_id, lead_id, status) values ($1, $2, $3, 'open') returning id", [tenantId, inbox, lead]);
}

/** The conversation's messages as stored, in seq order. */
const stored = async (conversationId: string) => (await owner().query<Msg>("select id, seq::float8 as seq, text from messages where conversation_id = $1 order by seq", [conversationId])).rows;

beforeAll(async () => {
  a = await createTenant();
  b = await createTenant();
  agentA = await a.loginAs("agent");
  agentB = await b.loginAs("agent");
  conversationA = await conversation(a.id);
  conversationB = await conversation(b.id);
  await owner().query(
    `insert into messages (tenant_id, conversation_id, sender, text, created_at)
     select $1, $2, case when i % 2 = 0 then 'lead' else 'bot' end, 'mensagem ' || i, now() - interval '1 day' + i * interval '1 second'
       from generate_series(1, $3::int) as i`,
    [a.id, conversationA, TOTAL],
  );
  await owner().query("insert into messages (tenant_id, conversation_id, sender, text) values ($1, $2, 'lead', 'oi do B')", [b.id, conversationB]);
});
afterAll(closeOwner);

describe("a conversation past 1,000 messages", () => {
  it("conversations.get carries the newest page, oldest first; conversations.messages chains back to the first message without gaps or repeats", async () => {
    const all = await stored(conversationA);
    expect(all).toHaveLength(TOTAL);

    const detail = await agentA.trpc<Page>("query", "conversations.get", { conversationId: conversationA });
    expect(detail.error).toBeNull();
    expect(detail.data.hasOlder).toBe(true);
    expect(detail.data.messages).toHaveLength(TRANSCRIPT_PAGE_SIZE);
    expect(detail.data.messages.at(-1)!.text).toBe(`mensagem ${TOTAL}`);
    expect(detail.data.messages.map((m) => m.id)).toEqual(all.slice(-TRANSCRIPT_PAGE_SIZE).map((m) => m.id));

    // Page back from the oldest message shown, as the "Carregar mensagens anteriores" button does.
    const shown = [...detail.data.messages];
    let hasOlder = detail.data.hasOlder;
    let calls = 0;
    while (hasOlder) {
      const page = await agentA.trpc<Page>("query", "conversations.messages", { conversationId: conversationA, before: shown[0]!.seq });
      expect(page.error).toBeNull();
      expect(page.data.messages.length).toBeGreaterThan(0);
      expect(page.data.messages.length).toBeLessThanOrEqual(TRANSCRIPT_PAGE_SIZE);
      expect(page.data.messages.at(-1)!.seq).toBeLessThan(shown[0]!.seq);
      shown.unshift(...page.data.messages);
      hasOlder = page.data.hasOlder;
      calls++;
    }
    expect(calls).toBe(Math.ceil(TOTAL / TRANSCRIPT_PAGE_SIZE) - 1);
    expect(shown.map((m) => m.id)).toEqual(all.map((m) => m.id));
    expect(new Set(shown.map((m) => m.id)).size).toBe(TOTAL);
    expect(shown[0]!.text).toBe("mensagem 1");

    // A smaller page, and the page before the first message: empty, nothing older.
    const small = await agentA.trpc<Page>("query", "conversations.messages", { conversationId: conversationA, before: all[10]!.seq, limit: 3 });
    expect(small.data).toEqual({ messages: all.slice(7, 10).map((m) => expect.objectContaining({ id: m.id, seq: m.seq })), hasOlder: true });
    const none = await agentA.trpc<Page>("query", "conversations.messages", { conversationId: conversationA, before: all[0]!.seq });
    expect(none.data).toEqual({ messages: [], hasOlder: false });
  });

  it("a new message is the last of the newest page at once", async () => {
    await owner().query("insert into messages (tenant_id, conversation_id, sender, text) values ($1, $2, 'lead', 'a mais nova')", [a.id, conversationA]);
    const detail = await agentA.trpc<Page>("query", "conversations.get", { conversationId: conversationA });
    expect(detail.data.messages).toHaveLength(TRANSCRIPT_PAGE_SIZE);
    expect(detail.data.messages.at(-1)!.text).toBe("a mais nova");
  });

  it("conversations.messageRange re-reads the older messages shown in one call: their ticks, edits and deletes as they are now", async () => {
    const all = await stored(conversationA);
    const newestFirst = all.at(-TRANSCRIPT_PAGE_SIZE)!.seq;
    // Two older pages loaded: the 400 messages before the newest page. Three of them change after.
    const loaded = all.slice(-3 * TRANSCRIPT_PAGE_SIZE, -TRANSCRIPT_PAGE_SIZE);
    const [tick, edit, gone] = [loaded[0]!, loaded[150]!, loaded[399]!];
    await owner().query("update messages set delivery_status = 'read' where id = $1", [tick.id]);
    await owner().query("update messages set text = 'corrigida', edited_at = now() where id = $1", [edit.id]);
    await owner().query("update messages set text = null, deleted_at = now() where id = $1", [gone.id]);

    const range = await agentA.trpc<{ messages: Msg[] }>("query", "conversations.messageRange", { conversationId: conversationA, from: loaded[0]!.seq, before: newestFirst });
    expect(range.error).toBeNull();
    expect(range.data.messages.map((m) => m.id)).toEqual(loaded.map((m) => m.id));
    const byId = new Map(range.data.messages.map((m) => [m.id, m]));
    expect(byId.get(tick.id)!.delivery_status).toBe("read");
    expect(byId.get(edit.id)!.text).toBe("corrigida");
    expect(byId.get(gone.id)).toMatchObject({ text: null, deleted_at: expect.any(String) });

    // A range wider than the limit gives its newest TRANSCRIPT_REFRESH_LIMIT messages, oldest first.
    const wide = await agentA.trpc<{ messages: Msg[] }>("query", "conversations.messageRange", { conversationId: conversationA, from: all[0]!.seq, before: newestFirst });
    expect(wide.data.messages.map((m) => m.id)).toEqual(all.slice(-TRANSCRIPT_PAGE_SIZE - TRANSCRIPT_REFRESH_LIMIT, -TRANSCRIPT_PAGE_SIZE).map((m) => m.id));

    // Its input keeps to its limits, and another tenant's conversation is not found.
    for (const input of [{ conversationId: conversationA, from: 0, before: 1 }, { conversationId: conversationA, before: 1 }, { conversationId: conversationA, from: 1.5, before: 2 }]) {
      expect((await agentA.trpc("query", "conversations.messageRange", input)).error?.data.code, JSON.stringify(input)).toBe("BAD_REQUEST");
    }
    expect((await agentB.trpc("query", "conversations.messageRange", { conversationId: conversationA, from: 1, before: newestFirst })).error?.data.code).toBe("NOT_FOUND");
  });

  it("the page input keeps to its limits", async () => {
    for (const input of [
      { conversationId: conversationA, before: 1, limit: TRANSCRIPT_PAGE_SIZE + 1 },
      { conversationId: conversationA, before: 1, limit: 0 },
      { conversationId: conversationA, before: 0 },
      { conversationId: conversationA, before: 1.5 },
      { conversationId: conversationA, before: Number.MAX_SAFE_INTEGER + 2 },
      { conversationId: "não é uuid", before: 1 },
      { conversationId: conversationA },
    ]) {
      expect((await agentA.trpc("query", "conversations.messages", input)).error?.data.code, JSON.stringify(input)).toBe("BAD_REQUEST");
    }
  });

  it("another tenant cannot page it: not found, and its own conversation's pages hold only its messages", async () => {
    const newest = (await stored(conversationA)).at(-1)!.seq;
    const cross = await agentB.trpc("query", "conversations.messages", { conversationId: conversationA, before: newest + 1 });
    expect(cross.error?.data.code).toBe("NOT_FOUND");
    expect((await agentB.trpc("query", "conversations.get", { conversationId: conversationA })).error?.data.code).toBe("NOT_FOUND");
    const own = await agentB.trpc<Page>("query", "conversations.messages", { conversationId: conversationB, before: newest + 1 });
    expect(own.error).toBeNull();
    expect(own.data.messages.map((m) => m.text)).toEqual(["oi do B"]);
    expect(own.data.hasOlder).toBe(false);
  });
});
