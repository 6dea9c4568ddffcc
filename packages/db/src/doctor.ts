import { readdirSync } from "node:fs";
import pg from "pg";
import { migrationsDir } from "./paths";

/** One line of `pnpm run doctor` (apps/web/lib/server/doctor.ts). */
export interface Finding {
  level: "ok" | "warn" | "fail";
  check: string;
  message: string;
}

export const ok = (check: string, message: string): Finding => ({ level: "ok", check, message });
export const warn = (check: string, message: string): Finding => ({ level: "warn", check, message });
export const fail = (check: string, message: string): Finding => ({ level: "fail", check, message });

/**
 * The database as the app will use it: reachable, an app role that row-level security binds (not a
 * superuser or BYPASSRLS role such as Neon's default owner), the schema migrated; with the owner's
 * URL, no migration pending.
 */
export async function checkDatabase(appUrl: string, ownerUrl?: string): Promise<Finding[]> {
  const f: Finding[] = [];
  const db = new pg.Client({ connectionString: appUrl, connectionTimeoutMillis: 5000 });
  try {
    await db.connect();
    const role = (await db.query<{ name: string; super: boolean; bypass: boolean }>("select current_user as name, rolsuper as super, rolbypassrls as bypass from pg_roles where rolname = current_user")).rows[0]!;
    f.push(role.super || role.bypass ? fail("database role", `${role.name} ${role.super ? "is a superuser" : "has BYPASSRLS"}: row-level security would not isolate tenants; use the app role (docs/production.md, Neon)`) : ok("database role", `${role.name}, bound by row-level security`));
    const schema = (await db.query<{ t: string | null }>("select to_regclass('public.tenants')::text as t")).rows[0]!;
    f.push(schema.t ? ok("database schema", "migrated") : fail("database schema", "no tenants table: run `pnpm db:migrate` with DATABASE_OWNER_URL"));
  } catch (err) {
    f.push(fail("database", `cannot connect with DATABASE_URL: ${(err as Error).message}`));
  } finally {
    await db.end().catch(() => {});
  }
  f.push(ownerUrl ? await pendingMigrations(ownerUrl) : warn("migrations", "DATABASE_OWNER_URL unset: pending migrations not checked"));
  return f;
}

async function pendingMigrations(ownerUrl: string): Promise<Finding> {
  const db = new pg.Client({ connectionString: ownerUrl, connectionTimeoutMillis: 5000 });
  try {
    await db.connect();
    const exists = (await db.query<{ t: string | null }>("select to_regclass('public.schema_migrations')::text as t")).rows[0]!.t;
    const done = new Set(exists ? (await db.query<{ name: string }>("select name from schema_migrations")).rows.map((r) => r.name) : []);
    const pending = readdirSync(migrationsDir()).filter((m) => m.endsWith(".sql") && !done.has(m)).sort();
    return pending.length ? fail("migrations", `${pending.length} pending (${pending.slice(0, 3).join(", ")}${pending.length > 3 ? ", …" : ""}): run \`pnpm db:migrate\``) : ok("migrations", "all applied");
  } catch (err) {
    return fail("migrations", `cannot connect with DATABASE_OWNER_URL: ${(err as Error).message}`);
  } finally {
    await db.end().catch(() => {});
  }
}

