import { randomUUID } from "node:crypto";
import { CompiledQuery } from "kysely";
import pg from "pg";
import { conversationListQuery } from "@vendaflow/core/conversations/dashboard";
import { createDb } from "@vendaflow/db/create-db";
import { appUrlFrom, migrate } from "@vendaflow/db/migrate";
import { withTenant } from "@vendaflow/db/with-tenant";

// What the inbox search's trigram index on messages.text (db/migrations/0166) costs the message
// write path, and what it saves the search. Not part of `pnpm bench`: run it by hand, on a scratch
// database it creates and drops (docs/scaling.md "The inbox search's trigram index").
//
//   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres pnpm tsx tests/load/search-index-cost.ts
//
// 1. Writes: N single-row inserts of message rows as the pipeline writes them (20-200 characters of
//    pt-BR, a provider id), one autocommit statement each, in one session: without the index, with
//    it, without it again (the two "without" runs show the drift). µs per insert is the client's
//    wall time (round trip included; the difference is the index). Then WAL bytes and server time
//    per insert from EXPLAIN (ANALYZE, WAL) of 2,000 more of each.
// 2. Reads: a tenant with 200k messages in 20k conversations (another tenant with 100k beside it),
//    EXPLAIN ANALYZE of the inbox list's statement (the code of this tree) for a rare term, a
//    common one and a 2-character one, without the index and with it.

const N = Number(process.env.SEARCH_COST_INSERTS ?? 20_000);
const WAL_SAMPLE = 2_000;
const adminUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const dbName = process.env.SEARCH_COST_DB ?? `search_cost_${process.pid}`;
const role = { name: "vendaflow_app", password: "vendaflow_app_test" };

// The index as db/migrations/0166_message_search_trgm.sql creates it.
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
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${dbName} with (force)`);
  await admin.query(`create database ${dbName}`);
  const u = new URL(adminUrl);
  u.pathname = `/${dbName}`;
  const ownerUrl = u.toString();
  try {
    await migrate(ownerUrl, role);
    const o = new pg.Client({ connectionString: ownerUrl });
    await o.connect();
    try {
      await o.query("create extension if not exists pg_trgm");
      await o.query(DROP_INDEX);
      if (process.env.SEARCH_COST_ONLY !== "reads") await writes(o);
      if (process.env.SEARCH_COST_ONLY !== "writes") await reads(o, appUrlFrom(ownerUrl, role));
    } finally {
      await o.end();
    }
  } finally {
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
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
  // Two copies of messages (its columns, defaults, checks and indexes; no triggers or foreign keys,
  // which cost both the same), one with the trigram index, written in alternating blocks: the
  // machine's noise (other processes, checkpoints) falls on both alike. Autovacuum is off on both,
  // so every flush of the GIN pending list lands on an insert, as it would when autovacuum lags.
  for (const t of ["m_plain", "m_trgm"]) await o.query(`create table ${t} (like messages including all) with (autovacuum_enabled = false)`);
  await o.query("create index m_trgm_text_trgm_idx on m_trgm using gin (text gin_trgm_ops)");
  // The commit's flush is the same with or without the index, and the shared disk's noise.
  await o.query("set synchronous_commit = off");
  const insert = (t: string) => `insert into ${t} (tenant_id, conversation_id, sender, content_type, text, provider_message_id, delivery_status) values ($1, $2, $3, 'text', $4, $5, $6)`;
  const params = () => {
    const lead = rand() < 0.5;
    return [tenant, ids[Math.floor(rand() * ids.length)]!, lead ? "lead" : "bot", text(rand), lead ? `wamid.${randomUUID()}` : null, lead ? null : "pending"];
  };
  type Plan = { "QUERY PLAN": [{ Plan: { "WAL Bytes": number; "WAL FPI": number }; "Execution Time": number }] };
  const totals = { m_plain: { wall: 0, server: 0, wal: 0, fpi: 0, n: 0 }, m_trgm: { wall: 0, server: 0, wal: 0, fpi: 0, n: 0 } };
  const block = async (t: "m_plain" | "m_trgm", count: number, measure: boolean) => {
    for (let i = 0; i < count; i++) {
      const t0 = process.hrtime.bigint();
      const { rows } = await o.query<Plan>(`explain (analyze, wal, format json) ${insert(t)}`, params());
      if (!measure) continue;
      const p = rows[0]!["QUERY PLAN"][0];
      const x = totals[t];
      x.wall += Number(process.hrtime.bigint() - t0) / 1000;
      x.server += p["Execution Time"] * 1000;
      x.wal += p.Plan["WAL Bytes"];
      x.fpi += p.Plan["WAL FPI"];
      x.n++;
    }
  };
  // Warm up both (caches, the first pages).
  await block("m_plain", 500, false);
  await block("m_trgm", 500, false);
  for (let done = 0; done < N; done += 500) {
    await block("m_plain", 500, true);
    await block("m_trgm", 500, true);
  }
  console.log("\n== writes ==");
  for (const [t, x] of Object.entries(totals)) {
    console.log(`${t === "m_trgm" ? "with index   " : "without index"}: ${x.n} inserts, ${fmt(x.server / x.n)} µs server (EXPLAIN ANALYZE), ${fmt(x.wall / x.n)} µs client wall, ${fmt(x.wal / x.n, 0)} WAL bytes (${fmt(x.fpi / x.n, 3)} full pages) per insert`);
  }
  const d = (k: "server" | "wall" | "wal") => totals.m_trgm[k] / totals.m_trgm.n - totals.m_plain[k] / totals.m_plain.n;
  console.log(`index cost per insert: ${fmt(d("server"))} µs server, ${fmt(d("wall"))} µs wall, ${fmt(d("wal"), 0)} WAL bytes`);
  const size = (await o.query("select pg_size_pretty(pg_relation_size('m_trgm_text_trgm_idx')) as idx, pg_size_pretty(pg_relation_size('m_trgm')) as heap")).rows[0];
  console.log(`after ${totals.m_trgm.n + 500} rows: index ${size.idx}, heap ${size.heap}`);
  await o.query("reset synchronous_commit");
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
