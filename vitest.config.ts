import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// apps/web's `@/` path alias (apps/web/tsconfig.json), for its unit tests under lib/.
const webAlias = [{ find: /^@\//, replacement: fileURLToPath(new URL("./apps/web/", import.meta.url)) }];

// Tiers by suffix: *.test.ts (unit, beside the code), *.integration.test.ts (real Postgres and the
// built app over HTTP), *.e2e.test.ts (Chromium). The integration and e2e tiers share one globalSetup.
export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias: webAlias },
        test: {
          name: "unit",
          include: ["packages/**/src/**/*.test.ts", "apps/**/src/**/*.test.ts", "apps/web/lib/**/*.test.ts", "tests/lint/**/*.test.ts"],
          exclude: ["**/node_modules/**", "**/*.integration.test.ts", "**/*.e2e.test.ts"],
          environment: "node",
          // One module graph per worker for the files it runs: re-importing the modules for each file
          // took the tier from ~14 s to ~70 s on the 2-core machine. Unit tests hold no state between
          // files (the two that fake timers or stub globals restore them after each test); the tier
          // passes with its files shuffled.
          isolate: false,
        },
      },
      {
        // The web app's pure lib/ modules (a link's address, a filter's days) checked against the server.
        resolve: { alias: webAlias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.integration.test.ts", "tests/rls/**/*.integration.test.ts"],
          globalSetup: ["tests/support/global-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.e2e.test.ts"],
          globalSetup: ["tests/support/global-setup.ts"],
          testTimeout: 90_000,
          hookTimeout: 120_000,
          // A page's answer under the CI's load can take more than expect.poll's default second (a
          // "Carregar mais" page once did); a poll that passes returns at once, so only failures wait.
          expect: { poll: { timeout: 10_000 } },
          fileParallelism: false,
          // One module graph for the files, run one after another: re-importing playwright-core and
          // the support modules for each file took ~1 s of the 2-core machine. Each file still makes
          // its own tenant, browser and contexts; support modules keep nothing a file relies on.
          isolate: false,
        },
      },
    ],
  },
});
