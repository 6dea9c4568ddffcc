import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { createDb } from "@vendaflow/db/create-db";
import { withTenant } from "@vendaflow/db/with-tenant";
import { LATEST_MESSAGE_SQL } from "@vendaflow/core/conversations/agent-feed";
import { visitorUpdatesSql } from "@vendaflow/core/conversations/read";
import { flagDuplicateEmail } from "@vendaflow/core/leads/identify";
import { closeOwner, createTenant, env, owner, seedConversationRows, type FixtureTenant } from "../support/fixtures";

// Plans of hot reads as the app role, under RLS, where the policy's tenant condition must reach an
// index. Lookups by e-mail (db/migrations/0139_email_keys.sql): the stored email_key is an index
// condition (lower(email) never was: Postgres does not mark lower() leakproof), the match ignores
// case, and another tenant's lead with the same address is not seen. The agents' feed reads the
// tenant's latest message through (tenant_id, -seq) (0140), not a walk over other tenants'
// messages, and no other read of messages is tempted by that index.

let a: FixtureTenant;
let b: FixtureTenant;
const db = createDb({ url: env().appUrl, max: 1 });

beforeAll(async () => {
  a = await createTenant();
  b = await createTenant();
  // A tenant of some size, analysed: which index the planner takes depends on its statistics, and
  // on empty or stale ones any index of the tenant costs the same.
  const o = owner();
  await o.query("insert into leads (tenant_id, source, name, email) select $1, 'web', 'Lead ' || g, 'lead' || g || '@exemplo.com.br' from generate_series(1, 3000) g", [a.id]);
  await o.query("insert into contacts (tenant_id, name, email) select $1, 'Contato ' || g, 'contato' || g || '@exemplo.com.br' from generate_series(1, 3000) g", [a.id]);
  const { conversationId } = await seedConversationRows(a.id);
  await o.query("insert into messages (tenant_id, conversation_id, sender, text) select $1, $2, 'lead', 'oi' from generate_series(1, 3000)", [a.id, conversationId]);
  await o.query("analyze leads; analyze contacts; analyze users; analyze messages; analyze conversations");
}, 60_000);
afterAll(async () => {
  await db.close();
  await closeOwner();
});

/**
 * The plan as the app role inside tenant A, with sequential scans priced out so a usable index
 * shows (and sorts too, when asked: a plan that avoids a sort by walking an index in order is then
 * the planner's first choice, as it is with stale statistics that promise few rows).
 */
async function plan(query: string, opts: { noSort?: boolean } = {}): Promise<string> {
  return withTenant(db.db, a.id, async (tx) => {
    await sql`set local enable_seqscan = off`.execute(tx);
    if (opts.noSort) await sql`set local enable_sort = off`.execute(tx);
    const { rows } = await sql<{ "QUERY PLAN": string }>`explain ${sql.raw(query)}`.execute(tx);
    return rows.map((r) => r["QUERY PLAN"]).join("\n");
  });
}

describe("lookups by e-mail under RLS", () => {
  it.each(["leads", "contacts", "users"])("%s: email_key is an index condition, lower(email) is not", async (table) => {
    expect(await plan(`select id from ${table} where email_key = 'ana@exemplo.com.br'`)).toMatch(/Index Cond: .*email_key/);
    expect(await plan(`select id from ${table} where lower(email) = 'ana@exemplo.com.br'`)).not.toMatch(/Index Cond: .*email/);
  });

  it("a typed e-mail finds the tenant's other lead whatever the case, and never another tenant's", async () => {
    const insert = (tenantId: string, name: string, email: string | null) =>
      owner().query<{ id: string }>("insert into leads (tenant_id, source, name, email) values ($1, 'web', $2, $3) returning id", [tenantId, name, email]).then((r) => r.rows[0]!.id);
    const first = await insert(a.id, "Ana", "Ana.Souza@Exemplo.com.br");
    await insert(b.id, "Bia de B", "Bia@Exemplo.com.br");
    const typing = await insert(a.id, "Visitante", null);
    const onlyInB = await insert(a.id, "Outro", null);
    expect(await withTenant(db.db, a.id, (tx) => flagDuplicateEmail(tx, typing, "ANA.SOUZA@exemplo.COM.BR"))).toBe(first);
    expect(await withTenant(db.db, a.id, (tx) => flagDuplicateEmail(tx, onlyInB, "bia@exemplo.com.br"))).toBeNull();
    const { rows } = await owner().query("select id, possible_duplicate_of from leads where id = any($1) order by name", [[typing, onlyInB]]);
    expect(rows).toEqual([
      { id: onlyInB, possible_duplicate_of: null },
      { id: typing, possible_duplicate_of: first },
    ]);
  });
});

describe("the streams' reads under RLS", () => {
  it("a visitor's new messages are read per conversation through (tenant_id, conversation_id, seq), never by walking the tenant's messages in seq order", async () => {
    const p = await plan(visitorUpdatesSql(randomUUID(), "visitante-1", 42, 200), { noSort: true });
    expect(p).toMatch(/messages_tenant_conversation_idx on messages m[\s\S]*Index Cond: .*conversation_id = c\.id.*seq > 42/);
    expect(p).not.toMatch(/messages_tenant_latest_idx/);
  });

  it("the tenant's latest message is one descent of (tenant_id, -seq), whatever other tenants wrote since", async () => {
    expect(await plan(LATEST_MESSAGE_SQL)).toMatch(/Index Scan using messages_tenant_latest_idx[\s\S]*Index Cond: \(tenant_id = /);
  });
});
