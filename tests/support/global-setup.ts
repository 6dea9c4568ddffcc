import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbedded } from "@vendaflow/db/embedded";
import { appUrlFrom, migrate } from "@vendaflow/db/migrate";
import { repoRoot } from "@vendaflow/db/paths";
import { createDb } from "@vendaflow/db/create-db";
import { seedDemo } from "@vendaflow/core/seed/demo";

export interface TestEnv {
  ownerUrl: string;
  appUrl: string;
  port: number;
  rootDomain: string;
  appRole: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    testEnv: TestEnv;
  }
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });

async function waitForHealth(port: number, child: ChildProcess, logs: string[]) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}):\n${logs.join("")}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.status === 200) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`app did not become healthy on ${port}:\n${logs.join("")}`);
}

/**
 * A fresh database per run (TEST_DATABASE_URL's server, else an embedded one), migrated and
 * seeded, and the production build of apps/web served by `next start` against it as the app role.
 */
export default async function setup(project: TestProject) {
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl && process.env.CI === "true") throw new Error("CI=true: set TEST_DATABASE_URL (the suite will not fall back to an embedded server in CI)");
  let stopEmbedded = async () => {};
  if (!adminUrl) {
    const server = await startEmbedded(path.join(repoRoot(), ".data", "test"), 54339, "postgres");
    adminUrl = server.ownerUrl;
    stopEmbedded = server.stop;
  }
  const dbName = `vf_test_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  const u = new URL(adminUrl);
  u.pathname = `/${dbName}`;
  const ownerUrl = u.toString();
  const role = { name: "vendaflow_app", password: "vendaflow_app_test" };
  await migrate(ownerUrl, role);
  const appUrl = appUrlFrom(ownerUrl, role);
  const app = createDb({ url: appUrl, max: 2 });
  const owner = createDb({ url: ownerUrl, max: 1 });
  await seedDemo(app.db, owner.db);
  await app.close();
  await owner.close();

  const webDir = path.join(repoRoot(), "apps", "web");
  if (!existsSync(path.join(webDir, ".next", "BUILD_ID"))) throw new Error("apps/web has no production build: run `pnpm build` (pnpm test does it for you)");
  const port = await freePort();
  const rootDomain = `localhost:${port}`;
  const logs: string[] = [];
  const child = spawn(process.execPath, [path.join(webDir, "node_modules", "next", "dist", "bin", "next"), "start", "-p", String(port)], {
    cwd: webDir,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: "production",
      DATABASE_URL: appUrl,
      ROOT_DOMAIN: rootDomain,
      PUBLIC_PROTOCOL: "http",
      AUTH_SECRET: "test-secret-test-secret-test-secret-0123456789",
      LOG_LEVEL: "warn",
      DEV_OUTBOX: "1",
      DATA_DIR: path.join(repoRoot(), ".data", "test-app"),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => logs.push(String(d)));
  child.stderr!.on("data", (d) => logs.push(String(d)));
  await waitForHealth(port, child, logs);

  project.provide("testEnv", { ownerUrl, appUrl, port, rootDomain, appRole: role.name });

  return async () => {
    child.kill("SIGTERM");
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once("exit", r)));
    if (process.env.VF_TEST_LOGS) console.log(logs.join(""));
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
    await stopEmbedded();
  };
}
