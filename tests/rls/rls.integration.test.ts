import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { createDb } from "@vendaflow/db/create-db";
import { advisoryLocksSql, bindingBeginSql, boundStatementSql, TenantBindingDialect } from "@vendaflow/db/tenant-binding";
import { tenantQuery, withTenant } from "@vendaflow/db/with-tenant";
import type { DB } from "@vendaflow/db/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeOwner, createTenant, env, owner, seedConversationRows, type FixtureTenant } from "../support/fixtures";

/**
 * Reads the catalog, so a table added by a later migration is covered without touching this file:
 * it must either be tenant-owned with forced RLS, or carry a `global:` comment.
 */
interface TableInfo {
  name: string;
  rls: boolean;
  forced: boolean;
  policies: number;
  comment: string | null;
}

let tables: TableInfo[] = [];
let a: FixtureTenant;
let b: FixtureTenant;

const tenantTables = () => tables.filter((t) => !t.comment?.startsWith("global:"));

beforeAll(async () => {
  const { rows } = await owner().query<TableInfo>(`
    select c.relname as name, c.relrowsecurity as rls, c.relforcerowsecurity as forced,
           (select count(*)::int from pg_policy p where p.polrelid = c.oid) as policies,
           obj_description(c.oid, 'pg_class') as comment
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p') order by c.relname`);
  tables = rows;
  // Give both tenants a row in every tenant-owned table, through the app itself where it can: B's
  // rows are the targets, A's rows are what A could try to move into B.
  a = await createTenant();
  b = await createTenant();
  for (const t of [a, b]) {
    const c = await t.loginAs("admin");
    await c.trpc("mutation", "auth.forgotPassword", { email: t.users.agent.email });
    await seedConversationRows(t.id);
  }
});
afterAll(closeOwner);

describe("row-level security, from the catalog", () => {
  it("every table is tenant-owned with RLS enabled, forced and a policy, or commented global:", () => {
    expect(tables.length).toBeGreaterThan(5);
    const offenders = tables.filter((t) => !t.comment?.startsWith("global:") && !(t.rls && t.forced && t.policies > 0)).map((t) => t.name);
    expect(offenders).toEqual([]);
    const unforced = tables.filter((t) => !t.forced).map((t) => t.name);
    for (const name of unforced) expect(tables.find((t) => t.name === name)!.comment).toMatch(/^global: \S/);
  });

  it("every tenant-owned table has tenant_id not null and an index led by tenant_id", async () => {
    for (const t of tenantTables()) {
      const col = await owner().query("select is_nullable from information_schema.columns where table_name = $1 and column_name = 'tenant_id'", [t.name]);
      expect(col.rows[0]?.is_nullable, `${t.name}.tenant_id`).toBe("NO");
      const idx = await owner().query(
        `select 1 from pg_index i join pg_class c on c.oid = i.indrelid
         join pg_attribute a on a.attrelid = c.oid and a.attnum = i.indkey[0]
         where c.relname = $1 and a.attname = 'tenant_id'`,
        [t.name],
      );
      expect(idx.rowCount, `index led by tenant_id on ${t.name}`).toBeGreaterThan(0);
    }
  });

  it("every policy is the indexable tenant_id = app_current_tenant(), an inlinable STABLE function", async () => {
    const { rows } = await owner().query<{ table: string; qual: string; check: string | null }>(
      `select tablename as table, qual, with_check as check from pg_policies where schemaname = 'public'`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(tenantTables().length);
    expect(rows.filter((p) => p.qual !== "(tenant_id = app_current_tenant())" || p.check !== "(tenant_id = app_current_tenant())").map((p) => p.table)).toEqual([]);
    // SQL, STABLE, not a definer, no SET: the planner inlines it and compares tenant_id with an index.
    const fn = await owner().query(
      `select p.provolatile as volatility, l.lanname as language, p.prosecdef as definer, p.proconfig as config
         from pg_proc p join pg_language l on l.oid = p.prolang where p.proname = 'app_current_tenant'`,
    );
    expect(fn.rows).toEqual([{ volatility: "s", language: "sql", definer: false, config: null }]);
  });

  it("the app role is NOSUPERUSER NOBYPASSRLS and owns nothing", async () => {
    const { rows } = await owner().query("select rolsuper, rolbypassrls from pg_roles where rolname = $1", [env().appRole]);
    expect(rows[0]).toEqual({ rolsuper: false, rolbypassrls: false });
    const owned = await owner().query(
      "select count(*)::int as n from pg_class c join pg_roles r on r.oid = c.relowner join pg_namespace n on n.oid = c.relnamespace where r.rolname = $1 and n.nspname = 'public'",
      [env().appRole],
    );
    expect(owned.rows[0].n).toBe(0);
  });

  describe("as the app role, tenant A cannot touch tenant B's rows", () => {
    let app: pg.Client;
    beforeAll(async () => {
      app = new pg.Client({ connectionString: env().appUrl });
      await app.connect();
    });
    afterAll(() => app.end());

    /** Runs fn in a transaction bound to tenantId (or to none) and always rolls back. */
    async function asTenant<T>(tenantId: string | null, fn: () => Promise<T>): Promise<T> {
      await app.query("begin");
      try {
        if (tenantId) await app.query("select set_config('app.tenant_id', $1, true)", [tenantId]);
        return await fn();
      } finally {
        await app.query("rollback");
      }
    }

    const denied = (err: unknown) => /row-level security|permission denied/.test((err as Error).message);

    it("has a fixture row of tenant A and of tenant B in every tenant-owned table", async () => {
      for (const t of tenantTables()) {
        for (const [name, tenant] of [["A", a], ["B", b]] as const) {
          const { rows } = await owner().query(`select count(*)::int as n from "${t.name}" where tenant_id = $1`, [tenant.id]);
          expect(rows[0].n, `no row of tenant ${name} in ${t.name}: extend seedConversationRows`).toBeGreaterThan(0);
        }
      }
    });

    it("select, update, delete of B's rows reach nothing; insert as B is refused", async () => {
      for (const t of tenantTables()) {
        const seen = await asTenant(a.id, () => app.query(`select count(*)::int as n from "${t.name}" where tenant_id = $1`, [b.id]));
        expect(seen.rows[0].n, `select ${t.name}`).toBe(0);

        const upd = await asTenant(a.id, () => app.query(`update "${t.name}" set tenant_id = tenant_id where tenant_id = $1`, [b.id]).catch((e) => e));
        if (upd instanceof Error) expect(denied(upd), `update ${t.name}: ${upd.message}`).toBe(true);
        else expect(upd.rowCount, `update ${t.name}`).toBe(0);

        const del = await asTenant(a.id, () => app.query(`delete from "${t.name}" where tenant_id = $1`, [b.id]).catch((e) => e));
        if (del instanceof Error) expect(denied(del), `delete ${t.name}: ${del.message}`).toBe(true);
        else expect(del.rowCount, `delete ${t.name}`).toBe(0);

        // Take one of B's real rows (read as owner), give it a new id and try to write it while bound to A.
        const { rows } = await owner().query(`select to_jsonb(x) - 'id' as row from "${t.name}" x where tenant_id = $1 limit 1`, [b.id]);
        // Identity "generated always" columns cannot be written at all; leave them to their default.
        const cols = await owner().query<{ attname: string }>(
          `select attname from pg_attribute where attrelid = $1::regclass and attnum > 0 and not attisdropped and attidentity <> 'a' and attgenerated = ''`,
          [`"${t.name}"`],
        );
        const list = cols.rows.map((c) => `"${c.attname}"`).join(", ");
        const ins = await asTenant(a.id, () =>
          app
            .query(`insert into "${t.name}" (${list}) select ${list} from jsonb_populate_record(null::"${t.name}", $1::jsonb || jsonb_build_object('id', gen_random_uuid()))`, [rows[0].row])
            .catch((e) => e),
        );
        expect(ins instanceof Error && denied(ins), `insert into ${t.name} as tenant B while bound to A`).toBe(true);

        // Moving an own row (A has one in every table) to B is refused by the policy's check.
        const move = await asTenant(a.id, () => app.query(`update "${t.name}" set tenant_id = $1 where tenant_id = $2`, [b.id, a.id]).catch((e) => e));
        expect(move instanceof Error && denied(move), `moving an own row of ${t.name} to B: ${move instanceof Error ? move.message : `${move.rowCount} rows moved`}`).toBe(true);
      }
    });

    it("with no tenant set, writes reach nothing and inserts are refused", async () => {
      for (const t of tenantTables()) {
        const upd = await asTenant(null, () => app.query(`update "${t.name}" set tenant_id = tenant_id`).catch((e) => e));
        if (upd instanceof Error) expect(denied(upd), `update ${t.name}: ${upd.message}`).toBe(true);
        else expect(upd.rowCount, `update ${t.name} with no tenant`).toBe(0);
        const del = await asTenant(null, () => app.query(`delete from "${t.name}"`).catch((e) => e));
        if (del instanceof Error) expect(denied(del), `delete ${t.name}: ${del.message}`).toBe(true);
        else expect(del.rowCount, `delete ${t.name} with no tenant`).toBe(0);
        const { rows } = await owner().query(`select to_jsonb(x) - 'id' as row from "${t.name}" x where tenant_id = $1 limit 1`, [b.id]);
        const cols = await owner().query<{ attname: string }>(
          `select attname from pg_attribute where attrelid = $1::regclass and attnum > 0 and not attisdropped and attidentity <> 'a' and attgenerated = ''`,
          [`"${t.name}"`],
        );
        const list = cols.rows.map((c) => `"${c.attname}"`).join(", ");
        const ins = await asTenant(null, () =>
          app.query(`insert into "${t.name}" (${list}) select ${list} from jsonb_populate_record(null::"${t.name}", $1::jsonb || jsonb_build_object('id', gen_random_uuid()))`, [rows[0].row]).catch((e) => e),
        );
        expect(ins instanceof Error && denied(ins), `insert into ${t.name} with no tenant set`).toBe(true);
      }
    });

    it("sees nothing with no tenant set", async () => {
      for (const t of tenantTables()) {
        const res = await asTenant(null, () => app.query(`select count(*)::int as n from "${t.name}"`));
        expect(res.rows[0].n, t.name).toBe(0);
      }
    });

    it("sees its own rows when bound to its tenant (the policy is not simply closed)", async () => {
      const res = await asTenant(a.id, () => app.query("select count(*)::int as n from users"));
      expect(res.rows[0].n).toBe(3);
    });

    /**
     * SECURITY DEFINER functions run as their owner, past RLS. Each one answers one narrow question;
     * its attack, run as the app role bound to tenant A, shows it gives out no more of B than that.
     * A definer function missing here fails the suite: write its attack.
     */
    /**
     * The CRM searches' candidates (0171: app_<kind>_matching reads the GIN index past RLS): bound to A,
     * B's word finds nothing and a query naming both words only A's row, whatever the limit; bound to
     * B (the same call) B's row, so the probe is not empty by accident; unbound, it refuses.
     */
    async function matchingAttack(kind: "leads" | "contacts" | "companies" | "deals") {
      const word = (t: string) => `sondagem${kind}${t}${Date.now()}`;
      const insert = async (tenantId: string, w: string) => {
        if (kind === "leads") return owner().query<{ id: string }>("insert into leads (tenant_id, name, source) values ($1, $2, 'web') returning id", [tenantId, w]);
        if (kind !== "deals") return owner().query<{ id: string }>(`insert into ${kind} (tenant_id, name) values ($1, $2) returning id`, [tenantId, w]);
        return owner().query<{ id: string }>(
          `insert into deals (tenant_id, pipeline_id, stage_id, title, probability)
             select $1, s.pipeline_id, s.id, $2, 10 from pipeline_stages s where s.tenant_id = $1 order by s.position limit 1 returning id`,
          [tenantId, w],
        );
      };
      const [wa, wb] = [word("a"), word("b")];
      const ofA = (await insert(a.id, wa)).rows[0]!.id;
      const ofB = (await insert(b.id, wb)).rows[0]!.id;
      const call = (tenantId: string | null, query: string, limit: number) =>
        asTenant(tenantId, () => app.query(`select * from app_${kind}_matching(to_tsquery('simple', $1), $2)`, [query, limit]));
      expect((await call(a.id, wb, 1000)).rows, `${kind}: B's word from A`).toEqual([]);
      expect((await call(a.id, `${wa} | ${wb}`, 1000)).rows, `${kind}: both words from A`).toEqual([{ id: ofA }]);
      expect((await call(a.id, `${wa} | ${wb}`, -1)).rows).toEqual([]);
      expect((await call(b.id, `${wa} | ${wb}`, 1000)).rows, `${kind}: both words from B`).toEqual([{ id: ofB }]);
      const none = await call(null, `${wa} | ${wb}`, 1000).catch((e: Error) => e);
      expect(none instanceof Error && /no tenant bound/.test(none.message), `${kind} with no tenant bound`).toBe(true);
    }

    const DEFINER_ATTACKS: Record<string, { columns: string[] | null; attack: () => Promise<void> }> = {
      app_workspaces_for_email: {
        columns: ["slug", "name"],
        async attack() {
          const call = (email: string) => asTenant(a.id, () => app.query("select * from app_workspaces_for_email($1)", [email]));
          expect((await call(b.users.admin.email)).rows).toEqual([{ slug: b.slug, name: `Empresa ${b.slug}` }]);
          // No patterns, no blanks: only an exact address, and only workspaces where it is an active user.
          for (const probe of ["%", "%@%", "", `%${b.slug}%`, b.users.admin.email.replace("@", "_")]) expect((await call(probe)).rows, probe).toEqual([]);
          await owner().query("update users set is_active = false where id = $1", [b.users.viewer.id]);
          expect((await call(b.users.viewer.email)).rows).toEqual([]);
          await owner().query("update users set is_active = true where id = $1", [b.users.viewer.id]);
        },
      },
      app_resolve_inbox: {
        columns: ["tenant_id", "inbox_id", "channel"],
        async attack() {
          const { rows } = await owner().query("select id, public_key from inboxes where tenant_id = $1 limit 1", [b.id]);
          const call = (kind: string, key: string | null) => asTenant(a.id, () => app.query("select * from app_resolve_inbox($1, $2)", [kind, key]));
          // The public key is public (it is in the snippet): it maps to its inbox and nothing else.
          expect((await call("public_key", rows[0].public_key)).rows).toEqual([{ tenant_id: b.id, inbox_id: rows[0].id, channel: "web" }]);
          for (const [kind, key] of [["public_key", "%"], ["public_key", null], ["id", rows[0].id], ["tenant_id", b.id], ["webhook_key", ""], ["phone_number_id", "%"]] as const) {
            expect((await call(kind, key)).rows, `${kind}=${key}`).toEqual([]);
          }
          await owner().query("update inboxes set is_active = false where id = $1", [rows[0].id]);
          expect((await call("public_key", rows[0].public_key)).rows).toEqual([]);
          await owner().query("update inboxes set is_active = true where id = $1", [rows[0].id]);
        },
      },
      app_stale_inbound: {
        columns: ["tenant_id", "conversation_id"],
        async attack() {
          // Ids only, of events really left pending, never their payloads.
          const res = await asTenant(a.id, () => app.query("select * from app_stale_inbound('0 seconds'::interval, 1000)"));
          const pending = await owner().query("select distinct tenant_id, conversation_id from inbound_events where status = 'pending' and conversation_id is not null");
          const key = (r: { tenant_id: string; conversation_id: string }) => `${r.tenant_id}/${r.conversation_id}`;
          expect(res.rows.map(key).every((k) => pending.rows.map(key).includes(k))).toBe(true);
          const fresh = await asTenant(a.id, () => app.query("select * from app_stale_inbound('100 years'::interval, 1000)"));
          expect(fresh.rows).toEqual([]);
        },
      },
      app_due_media_downloads: {
        columns: ["tenant_id", "media_object_id"],
        async attack() {
          // Ids only, of inbound files whose download is due, never their names or Meta's ids. Due a
          // second ago, so a running app's sweep (300 s of grace) leaves B's file alone meanwhile.
          const { rows: files } = await owner().query("update media_objects set provider_media_id = '9990001', filename = 'b.pdf', download_due_at = now() - interval '1 second' where tenant_id = $1 returning id", [b.id]);
          const call = (dueBefore: string) => asTenant(a.id, () => app.query("select * from app_due_media_downloads($1::timestamptz, 1000)", [dueBefore]));
          const mine = async (dueBefore: string) => (await call(dueBefore)).rows.filter((r) => r.tenant_id === b.id);
          expect(await mine("now")).toEqual(files.map((f) => ({ tenant_id: b.id, media_object_id: f.id })));
          // Not before it is due; never once stored, nor once anonymised (no media id left to fetch).
          expect(await mine("-infinity")).toEqual([]);
          await owner().query("update media_objects set status = 'stored' where tenant_id = $1", [b.id]);
          expect(await mine("now")).toEqual([]);
          await owner().query("update media_objects set status = 'pending', provider_media_id = null where tenant_id = $1", [b.id]);
          expect(await mine("now")).toEqual([]);
          await owner().query("update media_objects set filename = null, download_due_at = null where tenant_id = $1", [b.id]);
        },
      },
      app_mark_inactive_agents_away: {
        columns: ["tenant_id", "user_id"],
        async attack() {
          // B's agent is online and active: a call from A's side cannot take it away, and only
          // availability columns of idle agents ever change.
          await owner().query("update agent_profiles set availability = 'online', last_seen_at = now() where tenant_id = $1", [b.id]);
          const before = await owner().query("select to_jsonb(p) as row from agent_profiles p where tenant_id = $1", [b.id]);
          const res = await asTenant(a.id, () => app.query("select * from app_mark_inactive_agents_away(now(), '1 hour'::interval)"));
          expect(res.rows.filter((r) => r.tenant_id === b.id)).toEqual([]);
          const after = await owner().query("select to_jsonb(p) as row from agent_profiles p where tenant_id = $1", [b.id]);
          expect(after.rows).toEqual(before.rows);
        },
      },
      app_ai_states: {
        // The operator console's question (0016): is AI on, and is it blocked, for these tenants.
        columns: ["tenant_id", "enabled", "operator_blocked"],
        async attack() {
          await owner().query("update ai_settings set operator_note = 'nota do operador', monthly_token_cap = 12345 where tenant_id = $1", [b.id]);
          // A caller bound to a tenant gets nothing (0049): asked about B from A's side, no row.
          expect((await asTenant(a.id, () => app.query("select * from app_ai_states($1::uuid[])", [[b.id]]))).rows).toEqual([]);
          // The operator path (no tenant bound) gets the two switches and nothing else of B's
          // settings (no note, no cap, no usage or calls: those stay behind RLS).
          const call = (ids: unknown) => asTenant(null, () => app.query("select * from app_ai_states($1::uuid[])", [ids]));
          const res = await call([b.id]);
          expect(res.rows).toEqual([{ tenant_id: b.id, enabled: true, operator_blocked: false }]);
          expect(JSON.stringify(res.rows)).not.toMatch(/nota do operador|12345/);
          // No wildcard: null, an empty list and unknown ids give nothing.
          expect((await call(null)).rows).toEqual([]);
          expect((await call([])).rows).toEqual([]);
          expect((await call(["00000000-0000-4000-8000-000000000000"])).rows).toEqual([]);
          // Only the first 100 ids are read: B's id past them gives nothing (no bulk dump).
          const filler = Array.from({ length: 100 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`);
          expect((await call([...filler, b.id])).rows).toEqual([]);
          // Read-only: B's settings are what they were.
          const after = await owner().query("select enabled, operator_blocked, operator_note, monthly_token_cap from ai_settings where tenant_id = $1", [b.id]);
          expect(after.rows).toEqual([{ enabled: true, operator_blocked: false, operator_note: "nota do operador", monthly_token_cap: 12345 }]);
        },
      },
      app_platform_tenants_for_waba: {
        // Template webhooks (0034, 0161) name a WABA: which tenants have an active WhatsApp inbox on
        // it on the platform's Meta app.
        columns: ["tenant_id"],
        async attack() {
          const waba = `9${Date.now()}${Math.floor(Math.random() * 1000)}`;
          const inbox = await owner().query<{ id: string }>(
            "insert into inboxes (tenant_id, name, channel, settings) values ($1, 'WhatsApp B', 'whatsapp', jsonb_build_object('waBusinessAccountId', $2::text, 'secretNote', 'segredo')) returning id",
            [b.id, waba],
          );
          try {
            const call = (id: string | null) => asTenant(a.id, () => app.query("select * from app_platform_tenants_for_waba($1)", [id]));
            // The exact WABA id gives B's tenant id only: no inbox ids, settings or credentials.
            expect((await call(waba)).rows).toEqual([{ tenant_id: b.id }]);
            // No patterns, blanks or prefixes reach it.
            for (const probe of ["%", "", null, `${waba.slice(0, -1)}%`, waba.slice(0, -1), ` ${waba}`]) expect((await call(probe)).rows, String(probe)).toEqual([]);
            // An inbox on its own Meta app (its own webhook path), a web inbox carrying the same key in
            // its settings, and an inactive one, do not count.
            await owner().query("update inboxes set webhook_key = $2 where id = $1", [inbox.rows[0]!.id, `k${waba}`]);
            expect((await call(waba)).rows).toEqual([]);
            await owner().query("update inboxes set webhook_key = null, is_active = false where id = $1", [inbox.rows[0]!.id]);
            expect((await call(waba)).rows).toEqual([]);
            await owner().query("update inboxes set is_active = true, channel = 'web' where id = $1", [inbox.rows[0]!.id]);
            expect((await call(waba)).rows).toEqual([]);
          } finally {
            await owner().query("delete from inboxes where id = $1", [inbox.rows[0]!.id]);
          }
        },
      },
      app_platform_account_tenants_for_waba: {
        // account_update (0166) names a WABA: which tenants have a WhatsApp inbox on it on the
        // platform's Meta app, active or not.
        columns: ["tenant_id"],
        async attack() {
          const waba = `8${Date.now()}${Math.floor(Math.random() * 1000)}`;
          const inbox = await owner().query<{ id: string }>(
            "insert into inboxes (tenant_id, name, channel, settings, is_active) values ($1, 'WhatsApp B', 'whatsapp', jsonb_build_object('waBusinessAccountId', $2::text, 'secretNote', 'segredo'), false) returning id",
            [b.id, waba],
          );
          try {
            const call = (id: string | null) => asTenant(a.id, () => app.query("select * from app_platform_account_tenants_for_waba($1)", [id]));
            // The exact WABA id gives B's tenant id only (its inbox inactive): no inbox ids, settings or credentials.
            expect((await call(waba)).rows).toEqual([{ tenant_id: b.id }]);
            for (const probe of ["%", "", null, `${waba.slice(0, -1)}%`, waba.slice(0, -1), ` ${waba}`]) expect((await call(probe)).rows, String(probe)).toEqual([]);
            // An inbox on its own Meta app, or a web inbox carrying the same key in its settings, does not count.
            await owner().query("update inboxes set webhook_key = $2 where id = $1", [inbox.rows[0]!.id, `k${waba}`]);
            expect((await call(waba)).rows).toEqual([]);
            await owner().query("update inboxes set webhook_key = null, channel = 'web' where id = $1", [inbox.rows[0]!.id]);
            expect((await call(waba)).rows).toEqual([]);
          } finally {
            await owner().query("delete from inboxes where id = $1", [inbox.rows[0]!.id]);
          }
        },
      },
      app_seed_crm_defaults: {
        // Seeds the default pipeline and lost reasons of a tenant being created (0020): returns nothing.
        columns: null,
        async attack() {
          const snapshot = async () =>
            (
              await owner().query(
                `select (select coalesce(jsonb_agg(to_jsonb(p) order by p.id), '[]') from pipelines p where tenant_id = $1) as pipelines,
                        (select coalesce(jsonb_agg(to_jsonb(s) order by s.id), '[]') from pipeline_stages s where tenant_id = $1) as stages,
                        (select coalesce(jsonb_agg(to_jsonb(r) order by r.id), '[]') from lost_reasons r where tenant_id = $1) as reasons`,
                [b.id],
              )
            ).rows[0];
          const before = await snapshot();
          // Bound to A, naming B is refused outright.
          const bound = await asTenant(a.id, () => app.query("select app_seed_crm_defaults($1)", [b.id]).catch((e: Error) => e));
          expect(bound instanceof Error && /another tenant/.test(bound.message), "seed B's CRM while bound to A").toBe(true);
          // With no tenant bound (as while a tenant row is inserted), B already has its pipeline:
          // nothing is added, changed or reset.
          await asTenant(null, () => app.query("select app_seed_crm_defaults($1)", [b.id]));
          // B's user-made changes survive a second call: a renamed default pipeline, a deleted reason.
          await owner().query("update pipelines set name = 'Renomeado' where tenant_id = $1 and is_default", [b.id]);
          const renamed = await snapshot();
          await asTenant(null, () => app.query("select app_seed_crm_defaults($1)", [b.id]));
          expect(await snapshot()).toEqual(renamed);
          await owner().query("update pipelines set name = 'Vendas' where tenant_id = $1 and is_default", [b.id]);
          expect(await snapshot()).toEqual(before);
          // A tenant id that does not exist gets no rows (the foreign keys refuse them).
          const ghost = await asTenant(null, () => app.query("select app_seed_crm_defaults('00000000-0000-4000-8000-000000000000')").catch((e: Error) => e));
          expect(ghost instanceof Error, "seed a tenant that does not exist").toBe(true);
        },
      },
      app_resolve_slack_command: {
        // A slash command names its Slack connection by route key (0120): that connection only.
        columns: ["tenant_id", "connection_id"],
        async attack() {
          const { rows } = await owner().query("select id, command_key from slack_connections where tenant_id = $1", [b.id]);
          const c = rows[0];
          const call = (key: string | null) => asTenant(a.id, () => app.query("select * from app_resolve_slack_command($1)", [key]));
          expect((await call(c.command_key)).rows).toEqual([{ tenant_id: b.id, connection_id: c.id }]);
          for (const key of ["%", "", null, c.command_key.slice(0, -1), `${c.command_key}%`, c.id]) expect((await call(key)).rows, String(key)).toEqual([]);
          await owner().query("update slack_connections set is_active = false where id = $1", [c.id]);
          expect((await call(c.command_key)).rows).toEqual([]);
          await owner().query("update slack_connections set is_active = true where id = $1", [c.id]);
        },
      },
      app_resolve_chatwoot_webhook: {
        // A Chatwoot webhook names its connection by route key (0137): that connection only, with
        // the token's hash the route compares (never the token or the API token).
        columns: ["tenant_id", "connection_id", "webhook_token_sha256"],
        async attack() {
          const { rows } = await owner().query("select id, webhook_key, webhook_token_sha256 from chatwoot_connections where tenant_id = $1", [b.id]);
          const c = rows[0];
          const call = (key: string | null) => asTenant(a.id, () => app.query("select * from app_resolve_chatwoot_webhook($1)", [key]));
          expect((await call(c.webhook_key)).rows).toEqual([{ tenant_id: b.id, connection_id: c.id, webhook_token_sha256: c.webhook_token_sha256 }]);
          for (const key of ["%", "", null, c.webhook_key.slice(0, -1), `${c.webhook_key}%`, c.id]) expect((await call(key)).rows, String(key)).toEqual([]);
          await owner().query("update chatwoot_connections set is_active = false where id = $1", [c.id]);
          expect((await call(c.webhook_key)).rows).toEqual([]);
          await owner().query("update chatwoot_connections set is_active = true where id = $1", [c.id]);
        },
      },
      app_resolve_crm_sync_webhook: {
        // A Pipedrive / HubSpot webhook names its CRM-sync connection by provider and route key (0135): that connection only.
        columns: ["tenant_id", "connection_id"],
        async attack() {
          const { rows } = await owner().query("select id, provider, webhook_key from crm_sync_connections where tenant_id = $1 limit 1", [b.id]);
          const c = rows[0];
          const call = (provider: string | null, key: string | null) => asTenant(a.id, () => app.query("select * from app_resolve_crm_sync_webhook($1, $2)", [provider, key]));
          expect((await call(c.provider, c.webhook_key)).rows).toEqual([{ tenant_id: b.id, connection_id: c.id }]);
          for (const key of ["%", "", null, c.webhook_key.slice(0, -1), `${c.webhook_key}%`, c.id]) expect((await call(c.provider, key)).rows, String(key)).toEqual([]);
          expect((await call("hubspot", c.webhook_key)).rows, "another provider").toEqual([]);
          await owner().query("update crm_sync_connections set is_active = false where id = $1", [c.id]);
          expect((await call(c.provider, c.webhook_key)).rows).toEqual([]);
          await owner().query("update crm_sync_connections set is_active = true where id = $1", [c.id]);
        },
      },
      app_resolve_crm_sync_account: {
        // HubSpot's app-wide webhooks name the portal (0136): that provider's active connections with that account id only.
        columns: ["tenant_id", "connection_id"],
        async attack() {
          const { rows } = await owner().query("select id, provider from crm_sync_connections where tenant_id = $1 limit 1", [b.id]);
          const c = rows[0];
          const account = `9${Date.now() % 1_000_000_000}`;
          await owner().query("update crm_sync_connections set account_id = $2 where id = $1", [c.id, account]);
          const call = (provider: string | null, acc: string | null) => asTenant(a.id, () => app.query("select * from app_resolve_crm_sync_account($1, $2)", [provider, acc]));
          expect((await call(c.provider, account)).rows).toEqual([{ tenant_id: b.id, connection_id: c.id }]);
          for (const [provider, acc] of [[c.provider, "%"], [c.provider, ""], [c.provider, null], [null, account], [c.provider, account.slice(0, -1)], [c.provider, `${account}%`], [c.provider, c.id], [c.provider === "hubspot" ? "pipedrive" : "hubspot", account]] as const) {
            expect((await call(provider, acc)).rows, `${provider}/${acc}`).toEqual([]);
          }
          await owner().query("update crm_sync_connections set is_active = false where id = $1", [c.id]);
          expect((await call(c.provider, account)).rows).toEqual([]);
          await owner().query("update crm_sync_connections set is_active = true, account_id = null where id = $1", [c.id]);
        },
      },
      app_resolve_calendar_webhook: {
        // A Calendly / Cal.com webhook names its connection by route key (0100): that connection only.
        columns: ["tenant_id", "connection_id"],
        async attack() {
          const { rows } = await owner().query("select id, provider, webhook_key from calendar_connections where tenant_id = $1 limit 1", [b.id]);
          const c = rows[0];
          const call = (provider: string | null, key: string | null) => asTenant(a.id, () => app.query("select * from app_resolve_calendar_webhook($1, $2)", [provider, key]));
          expect((await call(c.provider, c.webhook_key)).rows).toEqual([{ tenant_id: b.id, connection_id: c.id }]);
          for (const [provider, key] of [["calcom", c.webhook_key], [c.provider, "%"], [c.provider, ""], [c.provider, null], [null, c.webhook_key], [c.provider, c.webhook_key.slice(0, -1)], [c.provider, c.id]] as const) {
            expect((await call(provider, key)).rows, `${provider}/${key}`).toEqual([]);
          }
          await owner().query("update calendar_connections set is_active = false where id = $1", [c.id]);
          expect((await call(c.provider, c.webhook_key)).rows).toEqual([]);
          await owner().query("update calendar_connections set is_active = true where id = $1", [c.id]);
        },
      },
      app_tenant_for_stripe_customer: {
        // Stripe webhooks name a customer (0040): which tenant it is. A scalar: no columns.
        columns: null,
        async attack() {
          const customer = `cus_${Date.now()}${Math.floor(Math.random() * 1000)}`;
          await owner().query("update tenant_subscriptions set stripe_customer_id = $2 where tenant_id = $1", [b.id, customer]);
          try {
            const call = (c: string | null) => asTenant(a.id, () => app.query("select app_tenant_for_stripe_customer($1) as t", [c])).then((r) => r.rows[0].t);
            // The exact id gives B's tenant id and nothing else; no patterns, blanks or prefixes.
            expect(await call(customer)).toBe(b.id);
            for (const probe of ["%", "", null, customer.slice(0, -1), `${customer.slice(0, -1)}%`]) expect(await call(probe), String(probe)).toBeNull();
          } finally {
            await owner().query("update tenant_subscriptions set stripe_customer_id = null where tenant_id = $1", [b.id]);
          }
        },
      },
      app_tenants_with_unreported_usage: {
        // The usage report job's question (0040, 0160): which tenants have usage to report or settle,
        // the one waiting longest first. Ids only.
        columns: ["tenant_id"],
        async attack() {
          const call = (limit: number) => asTenant(a.id, () => app.query("select * from app_tenants_with_unreported_usage($1)", [limit]));
          const all = await call(100000);
          const truth = await owner().query(
            `select tenant_id from (
               select e.tenant_id, e.occurred_at as since from usage_events e join billing_meters m on m.name = e.meter
               left join tenant_subscriptions s on s.tenant_id = e.tenant_id
               where e.report_id is null and e.unbilled_at is null and (m.stripe_meter_id is not null or s.stripe_customer_id is null)
               union all select tenant_id, coalesce(attempted_at, created_at) from usage_reports where acknowledged_at is null
             ) x group by tenant_id order by min(since), tenant_id`,
          );
          expect(all.rows.map((r) => r.tenant_id)).toEqual(truth.rows.map((r) => r.tenant_id));
          expect((await call(1)).rows.length).toBeLessThanOrEqual(1);
          expect((await call(0)).rows).toEqual([]);
        },
      },
      app_tenants_for_analytics_rollup: {
        // The analytics rollup job's question (0121): which tenants have days to roll up. Ids only.
        columns: ["tenant_id"],
        async attack() {
          const call = (closed: string, limit: number) => asTenant(a.id, () => app.query("select * from app_tenants_for_analytics_rollup($1, $2)", [closed, limit]));
          // Far in the future every tenant has days to roll up: the list is the tenants, nothing else.
          const all = await call("9999-12-31", 100000);
          const truth = await owner().query("select id as tenant_id from tenants");
          expect(all.rows.map((r) => r.tenant_id).sort()).toEqual(truth.rows.map((r) => r.tenant_id).sort());
          expect((await call("9999-12-31", 1)).rows.length).toBe(1);
          expect((await call("9999-12-31", 0)).rows).toEqual([]);
          expect((await call("9999-12-31", -5)).rows).toEqual([]);
        },
      },
      app_tenants_with_notification_emails: {
        // The notification e-mails' question (0155): which tenants have a notification unread and not yet handled, written before a time. Ids only.
        columns: ["tenant_id"],
        async attack() {
          const call = (before: string, limit: number) => asTenant(a.id, () => app.query("select * from app_tenants_with_notification_emails($1, $2)", [before, limit]));
          // Far in the future: the tenants with such a notification (B's fixture one among them), nothing else.
          const all = await call("9999-12-31", 100000);
          const truth = await owner().query("select distinct tenant_id from notifications where read_at is null and emailed_at is null");
          expect(all.rows.map((r) => r.tenant_id).sort()).toEqual(truth.rows.map((r) => r.tenant_id).sort());
          expect(all.rows.map((r) => r.tenant_id)).toContain(b.id);
          expect((await call("2000-01-01", 100000)).rows).toEqual([]);
          expect((await call("9999-12-31", 1)).rows.length).toBe(1);
          expect((await call("9999-12-31", 0)).rows).toEqual([]);
          expect((await call("9999-12-31", -5)).rows).toEqual([]);
        },
      },
      app_tenants_with_privacy_reminders: {
        // The maintenance sweep's question (0157): which tenants have an open LGPD request due before a day and not reminded. Ids only.
        columns: ["tenant_id"],
        async attack() {
          const req = await owner().query<{ id: string }>(
            "insert into privacy_requests (tenant_id, protocol, kind, status, requester_name, requester_email, details, verified_at, due_date) values ($1, $2, 'access', 'open', 'Bia', 'bia@exemplo.com.br', 'segredo de B', now(), '2001-01-01') returning id",
            [b.id, `LGPD-RLS-${Date.now()}`],
          );
          try {
            const call = (firstNotDue: string, limit: number) => asTenant(a.id, () => app.query("select * from app_tenants_with_privacy_reminders($1, $2)", [firstNotDue, limit]));
            const all = await call("9999-12-31", 100000);
            const truth = await owner().query("select distinct tenant_id from privacy_requests where reminded_at is null and status in ('open', 'in_progress') and due_date is not null");
            expect(all.rows.map((r) => r.tenant_id).sort()).toEqual(truth.rows.map((r) => r.tenant_id).sort());
            expect(JSON.stringify(all.rows)).not.toMatch(/segredo|bia@/);
            // Most urgent first: B's request of 2001 puts B first; nothing is due before it.
            expect((await call("9999-12-31", 1)).rows).toEqual([{ tenant_id: b.id }]);
            expect((await call("2001-01-01", 100000)).rows).toEqual([]);
            expect((await call("9999-12-31", 0)).rows).toEqual([]);
            expect((await call("9999-12-31", -5)).rows).toEqual([]);
          } finally {
            await owner().query("delete from privacy_requests where id = $1", [req.rows[0]!.id]);
          }
        },
      },
      app_tenants_due_retention: {
        // The retention run's question (0157, 0165): which tenants have the policy on and a run draining or none since a time. Ids only.
        columns: ["tenant_id"],
        async attack() {
          await owner().query("insert into privacy_retention (tenant_id, enabled, last_run_at) values ($1, true, null) on conflict (tenant_id) do update set enabled = true, last_run_at = null", [b.id]);
          try {
            const call = (ranBefore: string, limit: number) => asTenant(a.id, () => app.query("select * from app_tenants_due_retention($1, $2)", [ranBefore, limit]));
            const all = await call("9999-12-31", 100000);
            const truth = await owner().query("select tenant_id from privacy_retention where enabled");
            expect(all.rows.map((r) => r.tenant_id).sort()).toEqual(truth.rows.map((r) => r.tenant_id).sort());
            await owner().query("update privacy_retention set last_run_at = now() where tenant_id = $1", [b.id]);
            expect((await call(new Date(Date.now() - 3_600_000).toISOString(), 100000)).rows.map((r) => r.tenant_id)).not.toContain(b.id);
            // A run still draining (0165) is due whatever its last batch's time.
            await owner().query("update privacy_retention set run_started_at = now() where tenant_id = $1", [b.id]);
            expect((await call(new Date(Date.now() - 3_600_000).toISOString(), 100000)).rows.map((r) => r.tenant_id)).toContain(b.id);
            expect((await call("9999-12-31", 0)).rows).toEqual([]);
          } finally {
            await owner().query("update privacy_retention set enabled = false, last_run_at = null, run_started_at = null where tenant_id = $1", [b.id]);
          }
        },
      },
      app_billing_overview: {
        // The operator console's billing list (0040, guarded by 0049): per tenant its slug, name,
        // plan, status and figures, to the operator path only; held to those columns, read-only.
        columns: ["tenant_id", "slug", "name", "plan_code", "status", "billing_interval", "mrr_cents", "messages", "max_messages_month", "trial_ends_at"],
        async attack() {
          const before = await owner().query("select to_jsonb(s) as row from tenant_subscriptions s where tenant_id = $1", [b.id]);
          // A caller bound to a tenant gets nothing (0049): no figure of B (nor of A) from A's side.
          expect((await asTenant(a.id, () => app.query("select * from app_billing_overview('2026-12')"))).rows).toEqual([]);
          // The operator path (no tenant bound) lists B with the figures only.
          const res = await asTenant(null, () => app.query("select * from app_billing_overview('2026-12')"));
          const rowB = res.rows.find((r) => r.tenant_id === b.id);
          expect(rowB?.slug).toBeTruthy();
          // No Stripe ids, no content of B: only the listed figures.
          expect(JSON.stringify(rowB ?? {})).not.toMatch(/cus_|sub_|@/);
          expect((await owner().query("select to_jsonb(s) as row from tenant_subscriptions s where tenant_id = $1", [b.id])).rows).toEqual(before.rows);
        },
      },
      app_tenant_activity: {
        // /api/metrics' per-tenant figures (0090): counts per tenant slug, to the unbound caller only.
        columns: ["tenant_id", "slug", "metric", "value"],
        async attack() {
          const conv = await owner().query("select id from conversations where tenant_id = $1 limit 1", [b.id]);
          if (conv.rows[0]) await owner().query("insert into conversation_events (tenant_id, conversation_id, kind) values ($1, $2, 'handoff')", [b.id, conv.rows[0].id]);
          // Bound to A: nothing, neither B's figures nor A's own.
          expect((await asTenant(a.id, () => app.query("select * from app_tenant_activity(300)"))).rows).toEqual([]);
          const res = await asTenant(null, () => app.query("select * from app_tenant_activity(300)"));
          const ofB = res.rows.filter((r) => r.tenant_id === b.id);
          if (conv.rows[0]) expect(ofB.find((r) => r.metric === "handoffs")?.value).toBeGreaterThanOrEqual(1);
          // Numbers only: no text of B's rows comes out (metric names and the slug are ours).
          for (const r of res.rows) expect(typeof r.value).toBe("number");
          expect(new Set(res.rows.map((r) => r.metric)).size).toBeLessThanOrEqual(9);
        },
      },
      app_scrub_audit: {
        // LGPD anonymisation (0072): scrubs the bound tenant's audit trail of a subject's data. Returns a count.
        columns: null,
        async attack() {
          const marker = `segredo-${Date.now()}`;
          await owner().query("insert into audit_logs (tenant_id, action, entity_type, entity_id, after) values ($1, 'fixture.scrub', 'lead', $2, jsonb_build_object('email', $3::text))", [b.id, b.id, marker]);
          // Bound to A, B's trail is out of reach whatever the pattern (a match-all one included).
          const n = await asTenant(a.id, () => app.query("select app_scrub_audit($1, $2) as n", [[marker, "..."], [b.id]]));
          expect(n.rows[0].n).toBe(0);
          const kept = await owner().query("select after from audit_logs where tenant_id = $1 and action = 'fixture.scrub'", [b.id]);
          expect(kept.rows).toEqual([{ after: { email: marker } }]);
          // With no tenant bound it refuses to run.
          const none = await asTenant(null, () => app.query("select app_scrub_audit($1, $2)", [[marker], [b.id]]).catch((e: Error) => e));
          expect(none instanceof Error && /no tenant bound/.test(none.message)).toBe(true);
        },
      },
      app_leads_matching: { columns: ["id"], attack: () => matchingAttack("leads") },
      app_contacts_matching: { columns: ["id"], attack: () => matchingAttack("contacts") },
      app_companies_matching: { columns: ["id"], attack: () => matchingAttack("companies") },
      app_deals_matching: { columns: ["id"], attack: () => matchingAttack("deals") },
      app_tenants_seed_crm: {
        // The trigger on tenants that calls app_seed_crm_defaults: not callable on its own.
        columns: null,
        async attack() {
          const direct = await asTenant(a.id, () => app.query("select app_tenants_seed_crm()").catch((e: Error) => e));
          expect(direct instanceof Error && /trigger/.test(direct.message), "call the trigger function directly").toBe(true);
        },
      },
    };

    it("every SECURITY DEFINER function is listed with its attack, returns only its columns, and gives A nothing more of B", async () => {
      const { rows } = await owner().query<{ name: string; columns: string[] | null }>(
        `select p.proname as name, (select array_agg(a order by o) from unnest(p.proargnames, p.proargmodes) with ordinality as x(a, m, o) where m = 't') as columns
           from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'public' and p.prosecdef order by 1`,
      );
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.map((r) => r.name).filter((n) => !DEFINER_ATTACKS[n]), "definer functions without an attack in this suite").toEqual([]);
      for (const r of rows) {
        expect(r.columns, `${r.name} returns`).toEqual(DEFINER_ATTACKS[r.name]!.columns);
        await DEFINER_ATTACKS[r.name]!.attack();
      }
    });

    it("every view runs with the caller's rights (security_invoker), so RLS applies through it", async () => {
      const { rows } = await owner().query<{ name: string; invoker: boolean }>(
        `select c.relname as name, coalesce('security_invoker=true' = any(c.reloptions) or 'security_invoker=on' = any(c.reloptions), false) as invoker
           from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind in ('v', 'm')`,
      );
      expect(rows.filter((v) => !v.invoker).map((v) => v.name)).toEqual([]);
      for (const v of rows) {
        const cols = await owner().query("select 1 from information_schema.columns where table_name = $1 and column_name = 'tenant_id'", [v.name]);
        if (cols.rowCount === 0) continue;
        const seen = await asTenant(a.id, () => app.query(`select count(*)::int as n from "${v.name}" where tenant_id = $1`, [b.id]));
        expect(seen.rows[0].n, `view ${v.name}`).toBe(0);
      }
    });
  });

  describe("withTenant binds the tenant in BEGIN's round trip, and only that transaction", () => {
    /** A pool whose clients record every statement text they are sent (node-postgres, not our code). */
    function recordingPool(sent: string[], config: pg.PoolConfig = {}) {
      const pool = new pg.Pool({ connectionString: env().appUrl, max: 1, ...config });
      pool.on("connect", (client) => {
        const query = client.query.bind(client) as (...args: unknown[]) => unknown;
        (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
          if (typeof args[0] === "string") sent.push(args[0]);
          return query(...args);
        };
      });
      return pool;
    }
    const bound = (tx: Kysely<DB>) => sql<{ t: string | null }>`select nullif(current_setting('app.tenant_id', true), '') as t`.execute(tx).then((r) => r.rows[0]!.t);

    it("createDb's dialect sends begin + set_config as one statement text; A sees A only; nothing outlives the transaction", async () => {
      const sent: string[] = [];
      const db = new Kysely<DB>({ dialect: new TenantBindingDialect({ pool: recordingPool(sent) }) });
      try {
        const users = await withTenant(db, a.id, (tx) => tx.selectFrom("users").select(["tenant_id"]).execute(), { readOnly: true });
        expect(users.length).toBeGreaterThan(0);
        expect(new Set(users.map((u) => u.tenant_id))).toEqual(new Set([a.id]));
        expect(sent[0]).toBe(`start transaction read only; select set_config('app.tenant_id', '${a.id}', true)`);
        expect(sent.filter((s) => s.includes("set_config"))).toHaveLength(1);
        expect(sent).toHaveLength(3); // begin+bind, the query, commit
        // The same pooled connection afterwards: no tenant, and B's rows stay out of A's binding.
        expect(await bound(db)).toBeNull();
        expect(await db.selectFrom("users").select("id").execute()).toEqual([]);
        const leak = await withTenant(db, a.id, (tx) => tx.selectFrom("users").select("id").where("tenant_id", "=", b.id).execute());
        expect(leak).toEqual([]);
        // After a failed bound transaction the connection carries no tenant either.
        await expect(withTenant(db, b.id, async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
        expect(await bound(db)).toBeNull();
      } finally {
        await db.destroy();
      }
    });

    it("advisory locks travel with begin + set_config; a lock that cannot be taken leaves the pooled connection clean", async () => {
      const sent: string[] = [];
      const db = new Kysely<DB>({ dialect: new TenantBindingDialect({ pool: recordingPool(sent, { options: "-c lock_timeout=200" }) }) });
      const key = `test:${a.id}:${Math.random()}`;
      const holder = new pg.Client({ connectionString: env().appUrl });
      await holder.connect();
      try {
        expect(await withTenant(db, a.id, (tx) => bound(tx), { advisoryLocks: [key] })).toBe(a.id);
        expect(sent[0]).toBe(`${bindingBeginSql({}, a.id)}; ${advisoryLocksSql([key])}`);
        expect(sent).toHaveLength(3); // begin+bind+locks, the query, commit
        // Held until the commit: another session waits for it.
        const release = await withTenant(db, a.id, async () => {
          const other = await holder.query<{ got: boolean }>("select pg_try_advisory_lock(hashtextextended($1, 0)) as got", [key]);
          return other.rows[0]!.got;
        }, { advisoryLocks: [key] });
        expect(release).toBe(false);
        // Another session holds it: the begin query fails on lock_timeout, and the one pooled
        // connection is rolled back (not left in an aborted transaction, and unbound).
        await holder.query("begin");
        await holder.query("select pg_advisory_xact_lock(hashtextextended($1, 0))", [key]);
        await expect(withTenant(db, b.id, () => Promise.resolve(1), { advisoryLocks: [key] })).rejects.toThrow(/lock timeout/);
        expect(sent.at(-1)).toBe("rollback");
        expect(await bound(db)).toBeNull();
        expect(await withTenant(db, b.id, (tx) => bound(tx))).toBe(b.id);
        await holder.query("commit");
        expect(await withTenant(db, b.id, (tx) => bound(tx), { advisoryLocks: [key] })).toBe(b.id);
      } finally {
        await holder.end();
        await db.destroy();
      }
    });

    it("tenantQuery: binding and statement in one round trip, the statement's rows back, RLS applied, nothing left on the connection", async () => {
      const sent: string[] = [];
      const db = new Kysely<DB>({ dialect: new TenantBindingDialect({ pool: recordingPool(sent) }) });
      try {
        const users = await tenantQuery<{ tenant_id: string }>(db, a.id, "select tenant_id from users");
        expect(users.length).toBeGreaterThan(0);
        expect(new Set(users.map((u) => u.tenant_id))).toEqual(new Set([a.id]));
        expect(sent).toEqual([boundStatementSql(a.id, "select tenant_id from users")]);
        expect(await tenantQuery(db, a.id, `select id from users where tenant_id = '${b.id}'`)).toEqual([]);
        // A write's returning rows come back too, and another tenant's row is out of its reach.
        const bUser = (await owner().query<{ id: string; name: string }>("select id, name from users where tenant_id = $1 limit 1", [b.id])).rows[0]!;
        expect(await tenantQuery(db, a.id, `update users set name = name where id = '${bUser.id}' returning id`)).toEqual([]);
        expect(await tenantQuery(db, b.id, `update users set name = name where id = '${bUser.id}' returning id`)).toEqual([{ id: bUser.id }]);
        // The binding ended with the implicit transaction, also after a statement that failed.
        expect(await bound(db)).toBeNull();
        await expect(tenantQuery(db, a.id, "select 1 / 0")).rejects.toThrow(/division by zero/);
        expect(await bound(db)).toBeNull();
        expect(await db.selectFrom("users").select("id").execute()).toEqual([]);
      } finally {
        await db.destroy();
      }
    });

    it("a transaction opened inside the callback is not bound; a nested withTenant binds its own tenant", async () => {
      const { db, close } = createDb({ url: env().appUrl, max: 3 });
      try {
        const seen = await withTenant(db, a.id, async (tx) => ({
          outer: await bound(tx),
          unrelated: await db.transaction().execute((other) => bound(other)),
          nested: await withTenant(db, b.id, (inner) => bound(inner)),
          still: await bound(tx),
        }));
        expect(seen).toEqual({ outer: a.id, unrelated: null, nested: b.id, still: a.id });
      } finally {
        await close();
      }
    });

    it("a Kysely on a bare PostgresDialect is still bound (withTenant sets it itself)", async () => {
      const sent: string[] = [];
      const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: recordingPool(sent) }) });
      try {
        expect(await withTenant(db, b.id, (tx) => bound(tx))).toBe(b.id);
        expect(sent[0]).toBe("begin");
        expect(sent[1]).toContain("set_config");
      } finally {
        await db.destroy();
      }
    });

    it("refuses anything but a uuid before a statement is written", async () => {
      const { db, close } = createDb({ url: env().appUrl, max: 1 });
      try {
        for (const evil of [`${a.id}', true); select 1; --`, `${a.id}'`, "", "not-a-uuid", `${a.id}\n`]) {
          await expect(withTenant(db, evil, () => Promise.resolve(1))).rejects.toThrow(/not a tenant id/);
          expect(() => bindingBeginSql({}, evil)).toThrow(/not a tenant id/);
        }
      } finally {
        await close();
      }
    });
  });
});
