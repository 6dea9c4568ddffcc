import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decryptCredentials, encryptCredentials } from "@vendaflow/core/inboxes/credentials";
import { ENCRYPTED_COLUMNS } from "@vendaflow/core/inboxes/rekey";
import { appUrlFrom, migrate } from "@vendaflow/db/migrate";
import { env } from "../support/fixtures";

// `pnpm db:rekey` after an ENCRYPTION_KEY rotation, on a scratch database of its own (it re-seals
// every tenant's rows, so it must not touch the shared test database other files are using).

const suffix = `${process.pid}_${Date.now().toString(36)}`;
const dbName = `vf_rekey_${suffix}`;
const role = { name: `vf_rekey_${suffix}`, password: "rekey-pass" };
const serverUrl = (name: string) => {
  const u = new URL(env().ownerUrl);
  u.pathname = `/${name}`;
  return u.toString();
};
const oldKey = randomBytes(32).toString("base64");
const midKey = `k2025:${randomBytes(32).toString("base64")}`;
const newKey = `k2026:${randomBytes(32).toString("base64")}`;
const lostKey = `gone:${randomBytes(32).toString("base64")}`;
let db: pg.Client;

beforeAll(async () => {
  const admin = new pg.Client({ connectionString: serverUrl("postgres") });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  await admin.end();
  await migrate(serverUrl(dbName), role);
  db = new pg.Client({ connectionString: serverUrl(dbName) });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  const admin = new pg.Client({ connectionString: serverUrl("postgres") });
  await admin.connect();
  await admin.query(`drop database if exists ${dbName} with (force)`);
  await admin.query(`drop role if exists ${role.name}`);
  await admin.end();
});

function rekey(extra: Record<string, string>) {
  const root = path.resolve(import.meta.dirname, "../..");
  return new Promise<{ code: number; out: string }>((resolve) => {
    const child = spawn(process.execPath, ["packages/core/bin/vf.mjs", "rekey"], {
      cwd: root,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_OWNER_URL: serverUrl(dbName), DATABASE_URL: appUrlFrom(serverUrl(dbName), role), APP_DB_ROLE: role.name, APP_DB_PASSWORD: role.password, ...extra },
    });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (out += c.toString()));
    child.on("exit", (code) => resolve({ code: code ?? 1, out }));
  });
}

describe("pnpm db:rekey", () => {
  it("lists every encrypted column of the schema", async () => {
    const cols = await db.query<{ t: string; c: string }>("select table_name as t, column_name as c from information_schema.columns where table_schema = 'public' and column_name like '%\\_encrypted' order by 1, 2");
    expect(cols.rows.map((r) => `${r.t}.${r.c}`).sort()).toEqual(ENCRYPTED_COLUMNS.map((x) => `${x.table}.${x.column}`).sort());
  });

  it("re-seals every tenant's secrets under the new key, so the retired keys can go; a blob no key opens is left and reported", async () => {
    const tenants = (await db.query<{ id: string }>("insert into tenants (slug, name) values ($1, 'A'), ($2, 'B') returning id", [`a-${suffix}`.replaceAll("_", "-"), `b-${suffix}`.replaceAll("_", "-")])).rows.map((r) => r.id);
    const keyring = `${midKey},0:${oldKey}`;
    const legacy = encryptCredentials({ apiSecret: "sk_legacy" }, oldKey).replace(/^0\./, ""); // before key ids: no prefix
    const blobs = [legacy, encryptCredentials({ apiSecret: "sk_mid" }, midKey), encryptCredentials({ apiSecret: "sk_lost" }, lostKey)];
    const inboxes = [];
    for (const [i, blob] of blobs.entries()) {
      inboxes.push((await db.query<{ id: string }>("insert into inboxes (tenant_id, name, channel, credentials_encrypted) values ($1, $2, 'api', $3) returning id", [tenants[i % 2], `i${i}`, blob])).rows[0]!.id);
    }
    const sub = (await db.query<{ id: string }>("insert into webhook_subscriptions (tenant_id, url, event_types, secret_encrypted) values ($1, 'https://example.com/h', '{lead.created}', $2) returning id", [tenants[1], encryptCredentials({ secret: "whsec_x" }, midKey)])).rows[0]!.id;

    const run = await rekey({ ENCRYPTION_KEY: newKey, ENCRYPTION_KEYS_RETIRED: keyring });
    expect(run.code, run.out).toBe(0);
    expect(run.out).toContain("inboxes.credentials_encrypted: 2 resealed, 1 UNREADABLE");
    expect(run.out).toContain("webhook_subscriptions.secret_encrypted: 1 resealed");
    expect(run.out).toContain("inboxes.credentials_encrypted gone=1");
    expect(run.out).toContain("inboxes.credentials_encrypted k2026=2");

    // The new key alone opens what was re-sealed: the retired keys can leave the environment.
    const read = async (sql: string, id: string) => (await db.query<{ b: string }>(sql, [id])).rows[0]!.b;
    const inboxBlob = (id: string) => read("select credentials_encrypted as b from inboxes where id = $1", id);
    expect(decryptCredentials(await inboxBlob(inboxes[0]!), newKey)).toEqual({ apiSecret: "sk_legacy" });
    expect(decryptCredentials(await inboxBlob(inboxes[1]!), newKey)).toEqual({ apiSecret: "sk_mid" });
    expect(await inboxBlob(inboxes[2]!)).toBe(blobs[2]);
    expect(decryptCredentials<{ secret: string }>(await read("select secret_encrypted as b from webhook_subscriptions where id = $1", sub), newKey)).toEqual({ secret: "whsec_x" });

    // A second run has nothing left to do.
    const again = await rekey({ ENCRYPTION_KEY: newKey, ENCRYPTION_KEYS_RETIRED: keyring });
    expect(again.out).toContain("inboxes.credentials_encrypted: 0 resealed, 1 UNREADABLE");
    expect(again.out).toContain("webhook_subscriptions.secret_encrypted: 0 resealed");
  });
});
