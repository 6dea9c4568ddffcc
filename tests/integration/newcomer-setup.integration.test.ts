import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "@vendaflow/db/paths";
import { appServerEnv } from "../support/app-env";
import { closeOwner, env, owner } from "../support/fixtures";
import { request } from "../support/http";
import { freePort, startNextServer, type NextServer } from "../support/next-server";

// What a newcomer runs: other ports, a server bound to 127.0.0.1 behind a proxy, the embedded
// scheduler on a port that is not 3000, `pnpm db:migrate` with only the app's URL.
const servers: NextServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await closeOwner();
});

async function start(envOverrides: Record<string, string | undefined>, opts: { hostname?: string } = {}) {
  const port = await freePort();
  const base: Record<string, string> = { ...appServerEnv(env().appUrl, `localhost:${port}`), PORT: String(port) };
  for (const [k, v] of Object.entries(envOverrides)) {
    if (v === undefined) delete base[k];
    else base[k] = v;
  }
  const s = await startNextServer(base, { port, hostname: opts.hostname });
  servers.push(s);
  return s;
}

describe("newcomer set-up", () => {
  it("with ROOT_DOMAIN unset, tenant hosts follow the port the server runs on", async () => {
    const s = await start({ ROOT_DOMAIN: undefined });
    const res = await request(s.port, `demo.localhost:${s.port}`, "GET", "/login");
    expect(res.status).toBe(200);
    expect(res.text).toContain("Entrar");
  });

  it("bound to 127.0.0.1 (behind a reverse proxy), tenant pages and the unknown-host page are rewritten internally", async () => {
    const s = await start({}, { hostname: "127.0.0.1" });
    const page = await request(s.port, `demo.localhost:${s.port}`, "GET", "/login");
    expect(page.status).toBe(200);
    expect(page.text).toContain("Entrar");
    const unknown = await request(s.port, `nobody.localhost:${s.port}`, "GET", "/");
    expect(unknown.status).toBe(404);
    // Its own "/" is this page again: it links to the root domain's workspace finder instead.
    expect(unknown.text).toContain("Espaço de trabalho não encontrado");
    expect(unknown.text).toContain(`localhost:${s.port}/find-workspace`);
    expect(s.logs.join("")).not.toContain("Failed to proxy");
  });

  it("the embedded scheduler delivers to the port this server listens on, and keeps a job that keeps failing", async () => {
    // A public host that does not lead back here (as ROOT_DOMAIN=localhost:3000 on PORT=3100 did not).
    const s = await start({ ROOT_DOMAIN: "vendaflow-dev.invalid" });
    const ok = await owner().query("insert into scheduled_jobs (destination, body, not_before) values ('http://vendaflow-dev.invalid/api/jobs/inbound-recovery', '{}', now()) returning id");
    const bad = await owner().query("insert into scheduled_jobs (destination, body, attempts, not_before) values ('http://vendaflow-dev.invalid/api/jobs/no-such-job', '{}', 4, now()) returning id");
    const deadline = Date.now() + 15_000;
    let rows: { id: string; delivered_at: Date | null; attempts: number; last_error: string | null }[] = [];
    for (;;) {
      rows = (await owner().query("select id, delivered_at, attempts, last_error from scheduled_jobs where id = any($1)", [[ok.rows[0].id, bad.rows[0].id]])).rows;
      const [good, failing] = [rows.find((r) => r.id === ok.rows[0].id)!, rows.find((r) => r.id === bad.rows[0].id)!];
      if (good.delivered_at && failing.attempts >= 5) break;
      if (Date.now() > deadline) throw new Error(`jobs not settled: ${JSON.stringify(rows)}\n${s.logs.join("")}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    const failing = rows.find((r) => r.id === bad.rows[0].id)!;
    expect(failing.delivered_at).toBeNull();
    expect(failing.last_error).toContain("404");
    const health = await request(s.port, "localhost", "GET", "/api/health");
    expect(health.json<{ jobs: { failedForGood: number } }>().jobs.failedForGood).toBeGreaterThanOrEqual(1);
    await owner().query("delete from scheduled_jobs where id = $1", [bad.rows[0].id]);
  });

  it("`pnpm db:migrate` with only the app's DATABASE_URL exits non-zero and says what to set", () => {
    const r = spawnSync(process.execPath, [path.join(repoRoot(), "packages", "core", "bin", "vf.mjs"), "migrate"], {
      cwd: repoRoot(),
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", DATABASE_URL: env().appUrl, DATA_DIR: path.join(repoRoot(), ".data", "test-app") },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("DATABASE_OWNER_URL");
    expect(r.stderr).toContain("unset DATABASE_URL");
  });
});
