import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { grantsFile, migrationsDir } from "./paths";

export interface AppRole {
  name: string;
  password: string;
}

const quoteIdent = (s: string) => `"${s.replace(/"/g, '""')}"`;
const quoteLit = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * Creates (or re-asserts) the application's login role: it can neither bypass RLS nor be a
 * superuser, and it owns nothing. Roles are cluster-wide but advisory locks are per database, so
 * concurrent runs (each on its own database) serialise on an advisory lock taken in the server's
 * `postgres` maintenance database; where that database is unreachable, retries settle the race.
 */
export async function ensureAppRole(client: pg.Client, role: AppRole, ownerUrl?: string): Promise<void> {
  let lock: pg.Client | null = null;
  if (ownerUrl) {
    const u = new URL(ownerUrl);
    u.pathname = "/postgres";
    lock = new pg.Client({ connectionString: u.toString() });
    try {
      await lock.connect();
      await lock.query("select pg_advisory_lock(hashtext('vendaflow:app-role'))");
    } catch {
      await lock.end().catch(() => undefined);
      lock = null;
    }
  }
  try {
    await upsertRole(client, role);
  } finally {
    if (lock) {
      await lock.query("select pg_advisory_unlock(hashtext('vendaflow:app-role'))").catch(() => undefined);
      await lock.end();
    }
  }
}

async function upsertRole(client: pg.Client, role: AppRole): Promise<void> {
  const ident = quoteIdent(role.name);
  for (let attempt = 0; ; attempt++) {
    try {
      const { rowCount } = await client.query("select 1 from pg_roles where rolname = $1", [role.name]);
      if (!rowCount) await client.query(`create role ${ident} login password ${quoteLit(role.password)}`);
      await client.query(
        `alter role ${ident} with login nosuperuser nobypassrls nocreatedb nocreaterole noinherit password ${quoteLit(role.password)}`,
      );
      return;
    } catch (err) {
      const code = (err as { code?: string }).code;
      // 42710 duplicate_object, XX000 "tuple concurrently updated": another run got there first.
      if (attempt < 5 && (code === "42710" || code === "XX000" || code === "23505")) continue;
      throw err;
    }
  }
}

export interface MigrateResult {
  applied: string[];
}

/** Applies db/migrations/*.sql in order, once each, as the owner; then re-applies grants. */
export async function migrate(ownerUrl: string, role: AppRole): Promise<MigrateResult> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await ensureAppRole(client, role, ownerUrl);
    await client.query("select pg_advisory_lock(hashtext('vendaflow:migrate'))");
    await client.query(`create table if not exists schema_migrations (
      name text primary key, applied_at timestamptz not null default now())`);
    await client.query(
      `comment on table schema_migrations is 'global: migration bookkeeping of the owner role'`,
    );
    const done = new Set(
      (await client.query<{ name: string }>("select name from schema_migrations")).rows.map((r) => r.name),
    );
    const files = readdirSync(migrationsDir()).filter((f) => f.endsWith(".sql")).sort();
    const applied: string[] = [];
    for (const file of files) {
      if (done.has(file)) continue;
      const body = readFileSync(path.join(migrationsDir(), file), "utf8");
      await client.query("begin");
      try {
        await client.query(body);
        await client.query("insert into schema_migrations (name) values ($1)", [file]);
        await client.query("commit");
      } catch (err) {
        await client.query("rollback");
        throw new Error(`migration ${file} failed: ${(err as Error).message}`);
      }
      applied.push(file);
    }
    const grants = readFileSync(grantsFile(), "utf8").replaceAll('"{{app_role}}"', quoteIdent(role.name));
    await client.query(grants);
    await client.query("select pg_advisory_unlock(hashtext('vendaflow:migrate'))");
    return { applied };
  } finally {
    await client.end();
  }
}

/** Drops and recreates the public schema (dev only): the next migrate starts from nothing. */
export async function resetSchema(ownerUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query("drop schema public cascade; create schema public;");
  } finally {
    await client.end();
  }
}

/** URL of the same server and database, logged in as the app role. */
export function appUrlFrom(ownerUrl: string, role: AppRole): string {
  const u = new URL(ownerUrl);
  u.username = encodeURIComponent(role.name);
  u.password = encodeURIComponent(role.password);
  return u.toString();
}
