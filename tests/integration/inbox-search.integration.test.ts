import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CompiledQuery, sql } from "kysely";
import { createDb } from "@vendaflow/db/create-db";
import { withTenant } from "@vendaflow/db/with-tenant";
import { conversationListQuery, listConversations, RARE_TERM_MESSAGES, searchesMessages } from "@vendaflow/core/conversations/dashboard";
import { closeOwner, createTenant, env, owner, type FixtureTenant } from "../support/fixtures";

// The agent inbox's search in message texts (db/migrations/0166): a term of 3+ letters or digits in
// a row is looked up in the messages' trigram index, which under RLS only the definer function
// app_conversations_with_text can use (ILIKE is not leakproof); a rare term's page reads only the
// messages holding it, a common one's keeps the walk of the latest conversations; shorter terms
// search the lead's fields only. Another tenant's messages never match.

let a: FixtureTenant;
let b: FixtureTenant;
const db = createDb({ url: env().appUrl, max: 1 });
/** Tenant A's conversations: `rare` holds the rare term in one message, `common` are the first 30 of those holding "orçamento". */
let rare: string;
let onlyInB: string;
let common: string[];
let allOfA: number;

async function conversationsOf(tenantId: string, n: number, leadName: (i: number) => string) {
  const o = owner();
  const inbox = (await o.query<{ id: string }>("insert into inboxes (tenant_id, name, channel) values ($1, 'WhatsApp', 'whatsapp') returning id", [tenantId])).rows[0]!.id;
  const { rows } = await o.query<{ id: string }>(
    `with l as (insert into leads (tenant_id, name, source) select $1, x, 'whatsapp' from unnest($3::text[]) x returning id)
     insert into conversations (tenant_id, inbox_id, lead_id, last_message_at)
     select $1, $2, id, now() - row_number() over () * interval '1 minute' from l returning id`,
    [tenantId, inbox, Array.from({ length: n }, (_, i) => leadName(i))],
  );
  return rows.map((r) => r.id);
}

beforeAll(async () => {
  a = await createTenant();
  b = await createTenant();
  const o = owner();
  const convA = await conversationsOf(a.id, 400, (i) => `Lead ${i}`);
  const convB = await conversationsOf(b.id, 20, (i) => `Outro ${i}`);
  // 5 messages per conversation; "orçamento" in more than RARE_TERM_MESSAGES of A's messages.
  for (const [tenant, convs] of [[a.id, convA], [b.id, convB]] as const) {
    await o.query(
      `insert into messages (tenant_id, conversation_id, sender, text)
       select $1, c, 'lead', case when k <= 3 then 'Bom dia, queria um orçamento do plano ' || k else 'Pode me ligar amanhã?' end
       from unnest($2::uuid[]) c cross join generate_series(1, 5) k`,
      [tenant, convs],
    );
  }
  // The oldest of A's conversations holds the rare term, in an internal note; B holds another rare one.
  const byRecency = (await o.query<{ id: string }>("select id from conversations where tenant_id = $1 order by last_message_at desc, id desc", [a.id])).rows.map((r) => r.id);
  rare = byRecency.at(-1)!;
  await o.query("insert into messages (tenant_id, conversation_id, sender, content_type, text) values ($1, $2, 'agent', 'note', 'Cliente mandou o código XPT-4471 do pedido')", [a.id, rare]);
  onlyInB = convB[0]!;
  await o.query("insert into messages (tenant_id, conversation_id, sender, text) values ($1, $2, 'lead', 'meu pedido é o ZQW-9912')", [b.id, onlyInB]);
  // A lead name holding two letters no message holds on its own ("qx").
  await o.query("update leads set name = 'Ana Qx' where id = (select lead_id from conversations where id = $1)", [convA[0]]);
  // And a message holding "qx" in a conversation whose lead is not named so.
  await o.query("insert into messages (tenant_id, conversation_id, sender, text) values ($1, $2, 'lead', 'qx qx qx')", [a.id, convA[1]]);
  // A tenant of some size: with 2,000 messages the tenant's btree and a filter cost less than the
  // trigram index, as they should; the plan test is about a tenant where they do not.
  await o.query("insert into messages (tenant_id, conversation_id, sender, text) select $1, $2, 'bot', 'Pode me ligar amanhã? ' || g from generate_series(1, 30000) g", [a.id, convA[2]]);
  common = byRecency.slice(0, 30);
  allOfA = byRecency.length;
  await o.query("analyze messages; analyze conversations; analyze leads");
}, 60_000);
afterAll(async () => {
  await db.close();
  await closeOwner();
});

const list = (tenantId: string, search: string, extra: { cursor?: string; limit?: number } = {}) =>
  withTenant(db.db, tenantId, (tx) => listConversations(tx, { search, limit: extra.limit ?? 25, cursor: extra.cursor }));

describe("inbox search in message texts", () => {
  it("a term of 3+ letters or digits found only in a message (an internal note) returns its conversation; another tenant's messages never match", async () => {
    expect(searchesMessages("XPT-4471")).toBe(true);
    expect((await list(a.id, "xpt-4471")).items.map((i) => i.id)).toEqual([rare]);
    expect((await list(a.id, "ZQW-9912")).items).toEqual([]);
    expect((await list(b.id, "ZQW-9912")).items.map((i) => i.id)).toEqual([onlyInB]);
    expect((await list(b.id, "XPT-4471")).items).toEqual([]);
    // LIKE's wildcards stay literals.
    expect((await list(a.id, "XPT_4471")).items).toEqual([]);
    expect((await list(a.id, "XPT%4471")).items).toEqual([]);
  });

  it("a term without 3 letters or digits in a row searches the lead's fields only", async () => {
    expect(searchesMessages("qx")).toBe(false);
    expect(searchesMessages("a-b-c")).toBe(false);
    expect(searchesMessages("%%%")).toBe(false);
    expect(searchesMessages("ção")).toBe(true);
    const found = await list(a.id, "qx");
    expect(found.items.map((i) => i.lead_name)).toEqual(["Ana Qx"]);
  });

  it("a common term (more than RARE_TERM_MESSAGES messages) pages through every conversation holding it, latest first", async () => {
    const { rows } = await owner().query<{ n: number }>("select count(*)::int as n from messages where tenant_id = $1 and text ilike '%orçamento%'", [a.id]);
    expect(rows[0]!.n).toBeGreaterThan(RARE_TERM_MESSAGES);
    const first = await list(a.id, "Orçamento", { limit: 30 });
    expect(first.items.map((i) => i.id)).toEqual(common);
    let seen = first.items.length;
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await list(a.id, "orçamento", { limit: 100, cursor });
      seen += page.items.length;
      cursor = page.nextCursor;
    }
    expect(seen).toBe(allOfA);
    // A term in fewer messages takes the other way and finds the same.
    expect((await list(a.id, "plano 3", { limit: 30 })).items.map((i) => i.id)).toEqual(common);
  });
});

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Alias"?: string;
  "Function Name"?: string;
  "Index Name"?: string;
  "Index Cond"?: string;
  "Actual Loops"?: number;
  Plans?: PlanNode[];
}
const flatten = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(flatten)];

describe("inbox search plans", () => {
  /** The list's statement under RLS as the app role, run (EXPLAIN ANALYZE), as a flat list of plan nodes. */
  const analysed = (search: string) =>
    withTenant(db.db, a.id, async (tx) => {
      const c = conversationListQuery(tx, { search, limit: 25 }).compile();
      const r = await tx.executeQuery<{ "QUERY PLAN": { Plan: PlanNode }[] }>(CompiledQuery.raw(`explain (analyze, format json) ${c.sql}`, [...c.parameters]));
      return flatten(r.rows[0]!["QUERY PLAN"][0]!.Plan);
    });

  it("the app role's ILIKE on messages is no index condition under RLS (why the definer function exists)", async () => {
    const plan = await withTenant(db.db, a.id, async (tx) => {
      await sql`set local enable_seqscan = off`.execute(tx);
      const r = await sql<{ "QUERY PLAN": string }>`explain select conversation_id from messages where text ilike '%XPT-4471%'`.execute(tx);
      return r.rows.map((row) => row["QUERY PLAN"]).join("\n");
    });
    expect(plan).not.toMatch(/Index Cond: .*~~\*/);
  });

  it("app_conversations_with_text reads the trigram index, with the tenant as a condition", async () => {
    // The function's own statement, as its owner runs it (EXECUTE plans it with the values).
    const { rows } = await owner().query<{ src: string }>("select prosrc as src from pg_proc where proname = 'app_conversations_with_text'");
    const body = /execute\s+'([^']+)'/i.exec(rows[0]!.src)![1]!;
    const c = await owner().connect();
    try {
      await c.query("begin");
      await c.query("set local enable_seqscan = off");
      await c.query(`prepare h_body(uuid, text, int) as ${body}`);
      const plan = (await c.query<{ "QUERY PLAN": string }>(`explain execute h_body('${a.id}', '%XPT-4471%', ${RARE_TERM_MESSAGES + 1})`)).rows.map((r) => r["QUERY PLAN"]).join("\n");
      expect(plan).toMatch(/Bitmap Index Scan on messages_text_trgm_idx[^\n]*\n\s+Index Cond: \(text ~~\* /);
      expect(plan).toMatch(/tenant_id = /);
    } finally {
      await c.query("rollback");
      await c.query("deallocate h_body").catch(() => undefined);
      c.release();
    }
  });

  it("a rare term's page reads its messages once through the function and never walks a conversation's messages", async () => {
    const nodes = await analysed("XPT-4471");
    const fn = nodes.filter((n) => n["Function Name"] === "app_conversations_with_text");
    expect(fn.length).toBeGreaterThan(0);
    expect(fn.every((n) => (n["Actual Loops"] ?? 0) <= 1)).toBe(true);
    const walks = nodes.filter((n) => n["Relation Name"] === "messages" && n.Alias === "sm");
    expect(walks.length).toBe(1);
    expect(walks[0]!["Actual Loops"]).toBe(0);
  });

  it("a 2-character term does not read messages for the search", async () => {
    const nodes = await analysed("qx");
    expect(nodes.some((n) => n["Function Name"] === "app_conversations_with_text")).toBe(false);
    expect(nodes.some((n) => n["Relation Name"] === "messages" && n.Alias === "sm")).toBe(false);
  });
});
