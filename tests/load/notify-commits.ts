import pg from "pg";
import { fmtInt } from "./stats";

// Why change notices leave the message's transaction (migration 0144, packages/db/src/change-notices.ts):
// commits per second of 16 clients, each transaction one INSERT, with and without a NOTIFY in it,
// at this machine's flush and with 2 ms added to each flush (commit_delay, as superuser: a WAL
// that must reach other machines first, as Neon's safekeepers). A transaction that notifies holds a
// cluster-wide lock from its commit until the commit is flushed, so those commit one at a time.

const CLIENTS = 16;

async function commitsPerSecond(url: string, notify: boolean, delayUs: number, seconds: number): Promise<number> {
  const clients = await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`set commit_delay = ${delayUs}; set commit_siblings = 0`);
      return c;
    }),
  );
  let n = 0;
  const end = Date.now() + seconds * 1000;
  try {
    await Promise.all(
      clients.map(async (c) => {
        while (Date.now() < end) {
          await c.query("begin");
          await c.query("insert into notify_bench (v) values ($1)", ["x"]);
          if (notify) await c.query("select pg_notify('vf_bench', 'k')");
          await c.query("commit");
          n++;
        }
      }),
    );
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
  return n / seconds;
}

/** The bench's line: plain and notifying commits per second, at this machine's flush and with 2 ms more. */
export async function notifyCommitsBench(adminUrl: string, seconds = 3): Promise<string[]> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const name = `vf_notify_bench_${process.pid}`;
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  try {
    const u = new URL(adminUrl);
    u.pathname = `/${name}`;
    const url = u.toString();
    const setup = new pg.Client({ connectionString: url });
    await setup.connect();
    await setup.query("create table notify_bench (id bigserial primary key, v text)");
    await setup.end();
    const r: string[] = [];
    for (const delay of [0, 2000]) {
      const plain = await commitsPerSecond(url, false, delay, seconds);
      const notifying = await commitsPerSecond(url, true, delay, seconds);
      r.push(`${delay ? "flush + 2 ms" : "this machine's flush"}: ${fmtInt(plain)} plain, ${fmtInt(notifying)} with a NOTIFY (${(plain / notifying).toFixed(1)}× fewer)`);
    }
    return [`commits/s of ${CLIENTS} clients, one INSERT each (why change notices go after the commit): ${r.join("; ")}`];
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log((await notifyCommitsBench(process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres")).join("\n"));
}
