import { existsSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { appUrlFrom, migrate } from "@vendaflow/db/migrate";
import { repoRoot } from "@vendaflow/db/paths";
import { createDb } from "@vendaflow/db/create-db";
import { seedDemo } from "@vendaflow/core/seed/demo";
import { appServerEnv, TEST_KEYS } from "./app-env";
import { freePort, startNextServer } from "./next-server";
import { loadEmbedded } from "./embedded-server";
import { startGraphStandIn } from "../stand-ins/graph-api";

export interface TestEnv {
  ownerUrl: string;
  appUrl: string;
  port: number;
  rootDomain: string;
  appRole: string;
  /**
   * The Graph API stand-in the shared app talks to: a WhatsApp inbox is created only for a number
   * Meta knows, so tests register theirs first (registerPhoneNumber, or createWhatsAppInbox).
   */
  graphUrl: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    testEnv: TestEnv;
  }
}

/**
 * A fresh database per run (TEST_DATABASE_URL's server, else an embedded one), migrated and
 * seeded, and the production build of apps/web served by `next start` against it as the app role,
 * with a Graph API stand-in as its Meta.
 */
export default async function setup(project: TestProject) {
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl && process.env.CI === "true") throw new Error("CI=true: set TEST_DATABASE_URL (the suite will not fall back to an embedded server in CI)");
  let stopEmbedded = async () => {};
  if (!adminUrl) {
    const { startEmbedded } = await loadEmbedded();
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
  await seedDemo(app.db, owner.db, { encryptionKey: TEST_KEYS.encryptionKey, tokenSecret: TEST_KEYS.tokenSecret }, () => new Date());
  await app.close();
  await owner.close();

  if (!existsSync(path.join(repoRoot(), "apps", "web", ".next", "BUILD_ID"))) {
    throw new Error("apps/web has no production build: run `pnpm build` (pnpm test does it for you)");
  }
  const port = await freePort();
  const rootDomain = `localhost:${port}`;
  const graph = await startGraphStandIn({ accessToken: TEST_KEYS.waAccessToken, app: { id: TEST_KEYS.metaAppId, secret: TEST_KEYS.waAppSecret } });
  // Facebook's SDK and Embedded Signup popup come from the stand-in too (tests/stand-ins/facebook-sdk.ts).
  const server = await startNextServer(appServerEnv(appUrl, rootDomain, { WHATSAPP_GRAPH_BASE_URL: graph.baseUrl, FACEBOOK_SDK_URL: `${graph.baseUrl}/sdk.js` }), { port });

  project.provide("testEnv", { ownerUrl, appUrl, port, rootDomain, appRole: role.name, graphUrl: graph.baseUrl });

  return async () => {
    await server.stop();
    await graph.close();
    if (process.env.VF_TEST_LOGS) console.log(server.logs.join(""));
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
    await stopEmbedded();
  };
}
