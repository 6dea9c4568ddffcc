import pg from "pg";
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
  // Give tenant B a row in every tenant-owned table, through the app itself where it can.
  a = await createTenant();
  b = await createTenant();
  const cb = await b.loginAs("admin");
  await cb.trpc("mutation", "auth.forgotPassword", { email: b.users.agent.email });
  await seedConversationRows(b.id);
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

    it("has a fixture row of tenant B in every tenant-owned table", async () => {
      for (const t of tenantTables()) {
        const { rows } = await owner().query(`select count(*)::int as n from "${t.name}" where tenant_id = $1`, [b.id]);
        expect(rows[0].n, `no row of tenant B in ${t.name}: extend the fixture`).toBeGreaterThan(0);
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

        // Moving an own row to B is refused too.
        const move = await asTenant(a.id, () => app.query(`update "${t.name}" set tenant_id = $1 where tenant_id = $2`, [b.id, a.id]).catch((e) => e));
        if (move instanceof Error) expect(denied(move), `move ${t.name}: ${move.message}`).toBe(true);
        else expect(move.rowCount, `move ${t.name}`).toBe(0);
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
  });
});
