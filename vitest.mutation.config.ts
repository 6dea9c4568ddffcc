import { defineConfig } from "vitest/config";

// `pnpm test:mutation` (StrykerJS): the unit tests of the pure modules it mutates, nothing that
// needs a database or a server, so each mutant runs in seconds.
export default defineConfig({
  test: {
    include: [
      "packages/core/src/bot/**/*.test.ts",
      "packages/core/src/keyset.test.ts",
      "packages/connectors/src/whatsapp/verify-signature.test.ts",
      "packages/connectors/src/whatsapp/parse-webhook.test.ts",
      "packages/connectors/src/qstash/*.test.ts",
      "packages/validators/src/**/*.test.ts",
    ],
    environment: "node",
    // Under instrumentation on a busy machine the eval-corpus test takes longer than the 5 s default.
    testTimeout: 60_000,
  },
});
