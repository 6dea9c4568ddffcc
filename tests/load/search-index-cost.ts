import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { CompiledQuery } from "kysely";
import pg from "pg";
import { conversationListQuery } from "@vendaflow/core/conversations/dashboard";
import { createDb } from "@vendaflow/db/create-db";
import { withTenant } from "@vendaflow/db/with-tenant";
import { withScratchDb } from "./scratch-db";

// What a trigram index on messages.text (for the agent inbox's search) costs the message write
// path, and what it saves the search (docs/scaling.md "The inbox search and a trigram index").
// Not part of `pnpm bench`: run it by hand; it makes a scratch database and drops it.
//
//   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres pnpm tsx tests/load/search-index-cost.ts
//   (SEARCH_COST_ONLY=writes|reads for one half, SEARCH_COST_DB to name the scratch database)
//
// 1. Writes: N single-row inserts of message rows as the pipeline writes them (20-200 characters of
//    pt-BR, a provider id on the lead's), into copies of messages without the index and with it
//    (and with the cheaper two: trigram on the lead's messages only, a `simple` tsvector),
//    in a server-side loop (no network), blocks alternating between the copies so the machine's
//    noise falls on all alike: wall and backend CPU time per insert, then WAL bytes per insert from
//    EXPLAIN (ANALYZE, WAL) of 2,000 more single inserts into each.
// 2. Reads: a tenant with 200k messages in 20k conversations (another with 100k beside it), EXPLAIN
//    ANALYZE of the inbox list's statement as this tree builds it, as the app role under RLS, for a
//    rare term, a common one and a 2-character one, without the index and with it.

const N = Number(process.env.SEARCH_COST_INSERTS ?? 20_000);
const WAL_SAMPLE = 2_000;
const adminUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const dbName = process.env.SEARCH_COST_DB ?? `search_cost_${process.pid}`;

// The index measured (with pg_trgm in public, as unaccent is).
const CREATE_INDEX = "create index messages_text_trgm_idx on messages using gin (text gin_trgm_ops)";
const DROP_INDEX = "drop index if exists messages_text_trgm_idx";

const WORDS = (
  "oi olá bom dia boa tarde boa noite tudo bem quero saber o preço do plano mensal anual " +
  "vocês atendem em São Paulo Rio de Janeiro Curitiba preciso de um orçamento para minha empresa " +
  "obrigado obrigada pode me ligar amanhã qual o prazo de entrega aceita pix cartão boleto " +
  "parcelado desconto à vista frete grátis estoque disponível tamanho cor modelo garantia " +
  "nota fiscal CNPJ contrato proposta reunião demonstração equipe vendas suporte técnico"
).split(" ");

function text(rand: () => number): string {
  const target = 20 + Math.floor(rand() * 181);
  let s = "";
  while (s.length < target) s += (s ? " " : "") + WORDS[Math.floor(rand() * WORDS.length)];
  return s.slice(0, 200);
}

const fmt = (n: number, d = 1) => n.toFixed(d);

async function main() {
  await withScratchDb(adminUrl, dbName, async (o, { appUrl }) => {
    await o.query("create extension if not exists pg_trgm");
    await o.query(DROP_INDEX); // whether or not a migration made it
    if (process.env.SEARCH_COST_ONLY !== "reads") await writes(o);
    if (process.env.SEARCH_COST_ONLY !== "writes") await reads(o, appUrl);
  });
}

async function tenantWithConversations(o: pg.Client, slug: string, conversations: number) {
  const tenant = (await o.query<{ id: string }>("insert into tenants (slug, name) values ($1, $1) returning id", [slug])).rows[0]!.id;
  const inbox = (await o.query<{ id: string }>("insert into inboxes (tenant_id, name, channel) values ($1, 'WhatsApp', 'whatsapp') returning id", [tenant])).rows[0]!.id;
  await o.query(
    `with l as (insert into leads (tenant_id, name, source, phone)
                select $1, 'Lead ' || g, 'whatsapp', '55119' || lpad(g::text, 8, '0') from generate_series(1, $3::int) g returning id)
     insert into conversations (tenant_id, inbox_id, lead_id, status, last_message_at)
     select $1, $2, id, 'open', now() - random() * interval '90 days' from l`,
    [tenant, inbox, conversations],
  );
  const ids = (await o.query<{ id: string }>("select id from conversations where tenant_id = $1", [tenant])).rows.map((r) => r.id);
  return { tenant, ids };
}

async function writes(o: pg.Client) {
  const { tenant, ids } = await tenantWithConversations(o, "escrita", 200);
  let seed = 7;
  const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
  // Copies of messages (its columns, defaults, checks and indexes; no triggers or foreign keys,
  // which cost every copy the same): without the index, with it (autovacuum off, so every flush of
  // the GIN pending list lands on an insert; and on, as deployed, where autovacuum merges the list
  // when it gets there first), and with fastupdate off (each insert writes into the index itself).
  const tables = {
    m_plain: "",
    m_trgm: "create index on m_trgm using gin (text gin_trgm_ops)",
    m_trgm_autovacuum: "create index on m_trgm_autovacuum using gin (text gin_trgm_ops)",
    m_trgm_nofastupdate: "create index on m_trgm_nofastupdate using gin (text gin_trgm_ops) with (fastupdate = off)",
    // The two cheaper ways docs/scaling.md left open: the lead's messages only (the bot's are the
    // flow's questions, common terms anyway), and word keys of a `simple` tsvector (as the CRM's lists).
    m_trgm_lead_only: "create index on m_trgm_lead_only using gin (text gin_trgm_ops) where sender <> 'bot'",
    m_tsv_simple: "create index on m_tsv_simple using gin (to_tsvector('simple', coalesce(text, '')))",
  } as const;
  type T = keyof typeof tables;
  for (const [t, index] of Object.entries(tables)) {
    await o.query(`create table ${t} (like messages including all) with (autovacuum_enabled = ${t === "m_trgm_autovacuum"})`);
    if (index) await o.query(index);
  }
  // The rows, made once: every table gets the same ones.
  const BLOCK = 500;
  const rows = Array.from({ length: N + BLOCK + WAL_SAMPLE }, () => {
    const lead = rand() < 0.5;
    return { conversation: ids[Math.floor(rand() * ids.length)]!, sender: lead ? "lead" : "bot", text: text(rand), wamid: lead ? `wamid.${randomUUID()}` : null, status: lead ? null : "pending" };
  });
  await o.query("create temp table rows_to_insert as select * from json_populate_recordset(null::record, $1) as x(i int, conversation uuid, sender text, text text, wamid text, status text)", [JSON.stringify(rows.map((r, i) => ({ i, ...r })))]);
  await o.query("create index on rows_to_insert (i)");
  // Single-row inserts in a server-side loop (as pgbench would send them, minus the network): one
  // statement per row, blocks of BLOCK rows alternating between the tables.
  const block = (t: T, from: number) =>
    o.query(`do $$ declare r record; begin
      for r in select * from rows_to_insert where i >= ${from} and i < ${from + BLOCK} order by i loop
        insert into ${t} (tenant_id, conversation_id, sender, content_type, text, provider_message_id, delivery_status)
        values ('${tenant}', r.conversation, r.sender, 'text', r.text, r.wamid, r.status);
      end loop; end $$`);
  const zero = () => Object.fromEntries(Object.keys(tables).map((t) => [t, 0])) as Record<T, number>;
  const us = zero();
  // The backend's CPU time too (utime + stime from /proc, in clock ticks of 10 ms): on a loaded
  // machine the wall time counts the waits for a core as well.
  const cpu = zero();
  const backend = (await o.query<{ pid: number }>("select pg_backend_pid() as pid")).rows[0]!.pid;
  const ticks = () => {
    try {
      const f = readFileSync(`/proc/${backend}/stat`, "utf8").split(") ")[1]!.split(" ");
      return Number(f[11]) + Number(f[12]);
    } catch {
      return Number.NaN; // another machine's server
    }
  };
  for (const t of Object.keys(tables) as T[]) await block(t, N); // warm-up rows, outside the measured ones
  for (let from = 0; from < N; from += BLOCK) {
    for (const t of Object.keys(tables) as T[]) {
      const t0 = process.hrtime.bigint();
      const c0 = ticks();
      await block(t, from);
      us[t] += Number(process.hrtime.bigint() - t0) / 1000;
      cpu[t] += ticks() - c0;
    }
  }
  console.log("\n== writes ==");
  for (const t of Object.keys(tables) as T[]) console.log(`${t.padEnd(20)} ${fmt(us[t] / N)} µs wall, ${fmt((cpu[t] * 10_000) / N)} µs backend CPU per insert (${N} single-row inserts, server-side loop, blocks of ${BLOCK})`);
  for (const t of Object.keys(tables) as T[]) if (t !== "m_plain") console.log(`index cost, ${t.padEnd(20)} ${fmt((us[t] - us.m_plain) / N)} µs wall, ${fmt(((cpu[t] - cpu.m_plain) * 10_000) / N)} µs CPU per insert`);
  // WAL per insert: EXPLAIN (ANALYZE, WAL) of single inserts, the rows after the measured ones.
  for (const t of Object.keys(tables) as T[]) {
    let bytes = 0;
    let fpi = 0;
    for (let i = 0; i < WAL_SAMPLE; i++) {
      const r = rows[N + BLOCK + i]!;
      const { rows: plan } = await o.query<{ "QUERY PLAN": [{ Plan: { "WAL Bytes": number; "WAL FPI": number } }] }>(
        `explain (analyze, wal, format json) insert into ${t} (tenant_id, conversation_id, sender, content_type, text, provider_message_id, delivery_status) values ($1, $2, $3, 'text', $4, $5, $6)`,
        [tenant, r.conversation, r.sender, r.text, r.wamid, r.status],
      );
      bytes += plan[0]!["QUERY PLAN"][0].Plan["WAL Bytes"];
      fpi += plan[0]!["QUERY PLAN"][0].Plan["WAL FPI"];
    }
    console.log(`${t.padEnd(20)} ${fmt(bytes / WAL_SAMPLE, 0)} WAL bytes (${fmt(fpi / WAL_SAMPLE, 3)} full-page images) per insert`);
  }
  for (const t of Object.keys(tables) as T[]) {
    if (t === "m_plain") continue;
    const size = (await o.query(`select pg_size_pretty(pg_indexes_size('${t}') - pg_indexes_size('m_plain')) as idx, pg_size_pretty(pg_relation_size('${t}')) as heap`)).rows[0];
    console.log(`after ${N + WAL_SAMPLE + BLOCK} rows: ${t}'s search index ${size.idx}, heap ${size.heap}`);
  }
}

async function reads(o: pg.Client, appUrl: string) {
  console.log("\n== reads ==");
  const a = await tenantWithConversations(o, "leitura-a", 20_000);
  const b = await tenantWithConversations(o, "leitura-b", 10_000);
  // 10 messages per conversation, 20-200 characters from WORDS; "obrigado" is one word in ~80.
  const fill = (tenant: string) =>
    o.query(
      `insert into messages (tenant_id, conversation_id, sender, text)
       select $1, c.id, case when k % 2 = 0 then 'lead' else 'bot' end, t.text
       from conversations c cross join generate_series(1, 10) k
       cross join lateral (
         select left(string_agg(($2::text[])[1 + floor(random() * array_length($2::text[], 1))::int], ' '), 200) as text
         from generate_series(1, 4 + (random() * 26)::int + (k * 0) + (length(c.id::text) * 0)) w
       ) t
       where c.tenant_id = $1`,
      [tenant, WORDS],
    );
  // Memoize would reuse one text per k across conversations.
  await o.query("set enable_memoize = off");
  await fill(a.tenant);
  await fill(b.tenant);
  // The rare term: once, in an old conversation of tenant A (and once in tenant B, which A never sees).
  const old = (await o.query<{ id: string }>("select id from conversations where tenant_id = $1 order by last_message_at limit 1", [a.tenant])).rows[0]!.id;
  await o.query("insert into messages (tenant_id, conversation_id, sender, text) values ($1, $2, 'lead', 'o código do pedido é XPT-4471, pode conferir?')", [a.tenant, old]);
  await o.query("insert into messages (tenant_id, conversation_id, sender, text) select $1, id, 'lead', 'meu pedido XPT-4471' from conversations where tenant_id = $1 limit 1", [b.tenant]);
  for (const stmt of ["vacuum analyze messages", "analyze conversations", "analyze leads"]) await o.query(stmt);
  const counts = (await o.query("select count(*)::int as messages, count(distinct conversation_id)::int as conversations from messages where tenant_id = $1", [a.tenant])).rows[0];
  console.log(`tenant A: ${counts.messages} messages in ${counts.conversations} conversations; tenant B: 100k more`);

  const { db, close } = createDb({ url: appUrl, max: 1 });
  try {
    const explain = async (label: string, search: string, show: boolean) => {
      const lines = await withTenant(db, a.tenant, async (tx) => {
        const c = conversationListQuery(tx, { search, limit: 25 }).compile();
        const r = await tx.executeQuery<{ "QUERY PLAN": string }>(CompiledQuery.raw(`explain (analyze, buffers) ${c.sql}`, [...c.parameters]));
        return r.rows.map((row) => row["QUERY PLAN"]);
      });
      const found = await withTenant(db, a.tenant, async (tx) => (await conversationListQuery(tx, { search, limit: 25 }).execute()).length);
      if (!show) return;
      console.log(`\n-- ${label}, search "${search}": ${found} rows (25 + 1 max)`);
      console.log(lines.join("\n"));
    };
    for (const variant of ["without index", "with index"] as const) {
      if (variant === "with index") await o.query(`${CREATE_INDEX}; analyze messages`);
      for (const term of ["XPT-4471", "obrigado", "pi"]) {
        // The first run reads the pages in; the second is the one shown.
        await explain(variant, term, false);
        await explain(variant, term, true);
      }
    }
  } finally {
    await close();
  }
}

await main();
