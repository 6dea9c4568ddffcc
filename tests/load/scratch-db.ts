import pg from "pg";
import { appUrlFrom, migrate } from "@vendaflow/db/migrate";
import { APP_ROLE } from "./setup-db";

/**
 * A migrated scratch database named dbName on adminUrl's server for a by-hand load script: `run`
 * gets an owner connection (RLS does not apply to it) and the owner's and app role's URLs; the
 * database is dropped afterwards, whatever happened (a leftover of an earlier run is dropped first).
 */
export async function withScratchDb(
  adminUrl: string,
  dbName: string,
  run: (owner: pg.Client, urls: { ownerUrl: string; appUrl: string }) => Promise<void>,
): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${dbName} with (force)`);
  await admin.query(`create database ${dbName}`);
  const u = new URL(adminUrl);
  u.pathname = `/${dbName}`;
  const ownerUrl = u.toString();
  try {
    await migrate(ownerUrl, APP_ROLE);
    const owner = new pg.Client({ connectionString: ownerUrl });
    await owner.connect();
    try {
      await run(owner, { ownerUrl, appUrl: appUrlFrom(ownerUrl, APP_ROLE) });
    } finally {
      await owner.end();
    }
  } finally {
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
}
