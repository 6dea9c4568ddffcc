import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { generateTypes, typesFile } from "@vendaflow/db/codegen";
import { createDb } from "@vendaflow/db/create-db";
import { localSecrets } from "@vendaflow/db/local-secrets";
import { migrate, resetSchema } from "@vendaflow/db/migrate";
import { keyringSpec } from "../inboxes/credentials";
import { keyUsage, reencryptAll } from "../inboxes/rekey";
import { seedDemo } from "../seed/demo";
import { resolveDatabase, type ResolvedDatabase } from "./database";

const log = (msg: string) => console.log(`[vf] ${msg}`);

/** Why migrations cannot run with only the app role's URL, and what to do. */
const NO_OWNER_URL =
  "DATABASE_OWNER_URL is not set, so there is no role that may change the schema (DATABASE_URL is the app role, which owns nothing by design). " +
  "Set DATABASE_OWNER_URL to the owner's URL (e.g. postgres://owner:secret@host:5432/vendaflow), or unset DATABASE_URL to use the embedded database.";

/** `required`: the command was asked to migrate (`vf migrate`), so not migrating is a failure. */
async function runMigrations(d: ResolvedDatabase, required: boolean) {
  if (!d.ownerUrl) {
    if (required) throw new Error(NO_OWNER_URL);
    return log("DATABASE_OWNER_URL not set: the app starts on the existing schema without migrating");
  }
  const { applied } = await migrate(d.ownerUrl, d.role);
  log(applied.length ? `applied ${applied.join(", ")}` : "schema up to date");
}

async function runSeed(d: ResolvedDatabase) {
  const app = createDb({ url: d.appUrl, max: 2 });
  const owner = createDb({ url: d.ownerUrl ?? d.appUrl, max: 1 });
  try {
    const secrets = localSecrets();
    // The CLI is a process entry point, like apps/web/lib/server/deps.ts: it owns the real clock.
    // eslint-disable-next-line no-restricted-syntax
    const clock = () => new Date();
    await seedDemo(app.db, owner.db, { encryptionKey: process.env.ENCRYPTION_KEY ?? secrets.ENCRYPTION_KEY, tokenSecret: process.env.AUTH_SECRET ?? secrets.AUTH_SECRET }, clock);
    log("seeded tenants demo and acme");
  } finally {
    await app.close();
    await owner.close();
  }
}

/** A scratch database on the given server: migrated, handed to fn, dropped. */
async function withScratchDb<T>(adminUrl: string, role: ResolvedDatabase["role"], fn: (url: string) => Promise<T>) {
  const name = `vf_codegen_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name}`);
  await admin.query(`create database ${name}`);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  try {
    await migrate(u.toString(), role);
    return await fn(u.toString());
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

async function codegen(d: ResolvedDatabase, check: boolean) {
  const adminUrl = process.env.TEST_DATABASE_URL ?? d.ownerUrl;
  if (!adminUrl) throw new Error("codegen needs TEST_DATABASE_URL or an owner URL");
  await withScratchDb(adminUrl, d.role, async (url) => {
    if (!check) {
      generateTypes(url, typesFile());
      return log(`wrote ${typesFile()}`);
    }
    const tmp = path.join(mkdtempSync(path.join(os.tmpdir(), "vf-types-")), "types.ts");
    const fresh = generateTypes(url, tmp);
    rmSync(path.dirname(tmp), { recursive: true });
    if (fresh !== readFileSync(typesFile(), "utf8")) {
      throw new Error("packages/db/src/types.ts is out of date with db/migrations: run `pnpm db:codegen` and commit it");
    }
    log("generated types match the migrations");
  });
}

/**
 * `vf rekey`: re-seals every stored credential under ENCRYPTION_KEY (after a rotation, with the old
 * key in ENCRYPTION_KEYS_RETIRED), as the owner, then prints which key ids blobs still name.
 */
async function rekey(d: ResolvedDatabase) {
  if (!d.ownerUrl) throw new Error(`rekey runs as the owner (it reads every tenant's rows). ${NO_OWNER_URL}`);
  const current = process.env.ENCRYPTION_KEY ?? localSecrets().ENCRYPTION_KEY;
  const owner = createDb({ url: d.ownerUrl, max: 1 });
  try {
    for (const r of await reencryptAll(owner.db, keyringSpec(current, process.env.ENCRYPTION_KEYS_RETIRED))) {
      log(`${r.table}.${r.column}: ${r.resealed} resealed${r.unreadable ? `, ${r.unreadable} UNREADABLE (a key id missing from ENCRYPTION_KEYS_RETIRED?)` : ""}`);
    }
    const usage = await keyUsage(owner.db);
    log(`blobs per key id now: ${usage.map((u) => `${u.table}.${u.column} ${u.keyId}=${u.count}`).join(", ") || "none stored"}`);
  } finally {
    await owner.close();
  }
}

/** `vf up -- <cmd>`: make the database ready (embedded when nothing is configured), then run cmd. */
async function up(d: ResolvedDatabase, cmd: string[]) {
  await runMigrations(d, false);
  if (d.embedded) await runSeed(d);
  const secrets = localSecrets();
  const env = {
    ...secrets,
    ...process.env,
    DATABASE_URL: d.appUrl,
    APP_DB_PASSWORD: undefined,
  } as NodeJS.ProcessEnv;
  delete env.APP_DB_PASSWORD;
  delete env.DATABASE_OWNER_URL;
  const [bin, ...args] = cmd;
  if (!bin) throw new Error("usage: vf up -- <command> [args]");
  const child = spawn(bin, args, { stdio: "inherit", env, shell: false });
  const forward = (sig: NodeJS.Signals) => child.kill(sig);
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  const code = await new Promise<number>((resolve) => child.on("exit", (c) => resolve(c ?? 0)));
  await d.stop();
  process.exit(code);
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  const d = await resolveDatabase();
  try {
    switch (command) {
      case "migrate": return await runMigrations(d, true);
      case "seed": return await runSeed(d);
      case "reset":
        if (!d.ownerUrl) throw new Error("reset needs DATABASE_OWNER_URL (or the embedded default)");
        await resetSchema(d.ownerUrl);
        await runMigrations(d, true);
        return await runSeed(d);
      case "codegen": return await codegen(d, false);
      case "check-types": return await codegen(d, true);
      case "rekey": return await rekey(d);
      case "up": return await up(d, rest[0] === "--" ? rest.slice(1) : rest);
      default:
        throw new Error(`unknown command ${command ?? ""}: use migrate | seed | reset | codegen | check-types | rekey | up -- <cmd>`);
    }
  } finally {
    if (command !== "up") await d.stop();
  }
}

main().catch((err) => {
  console.error(`[vf] ${(err as Error).message}`);
  process.exit(1);
});
