import path from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

// Plants one import per rule at a path inside each package and lints it with the repo's own
// config (eslint.config.js), so `pnpm lint` is shown to fail on each direction it forbids.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const eslint = new ESLint({ cwd: root });

async function importErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const planted = [x];\n`, { filePath: path.join(root, filePath) });
  return result!.messages.filter((m) => m.ruleId?.endsWith("no-restricted-imports")).map((m) => m.message);
}

describe("import direction (eslint.config.js)", () => {
  // The first lint loads the TypeScript parser and the whole config: seconds on a busy machine,
  // which is setup, not the rule under test.
  beforeAll(() => importErrors("packages/core/src/warm-up.ts", "const x = 1;"), 60_000);

  it.each([
    ["packages/core/src/planted.ts", `import { x } from "@vendaflow/connectors/upstash/memory-store";`, /core declares ports/],
    ["packages/core/src/routing/planted.ts", `import { x } from "next/server";`, /framework-free/],
    ["packages/core/src/planted.ts", `import { x } from "@trpc/server";`, /framework-free/],
    ["packages/core/src/planted.ts", `import { x } from "@upstash/redis";`, /behind a port/],
    ["packages/core/src/planted.ts", `import { x } from "@vendaflow/api/root";`, /never the reverse/],
    ["packages/db/src/planted.ts", `import { x } from "@vendaflow/core/errors";`, /db is a library/],
    ["packages/validators/src/planted.ts", `import { x } from "@vendaflow/db/types";`, /validators import nothing of ours/],
    ["packages/validators/src/planted.ts", `import { x } from "@vendaflow/core/deps";`, /validators import nothing of ours/],
    ["packages/connectors/src/planted.ts", `import { x } from "@vendaflow/api/trpc";`, /never reach the apps/],
    ["apps/widget/src/planted.ts", `import { x } from "@vendaflow/ui/button";`, /standalone bundle/],
    ["apps/widget/src/chat/planted.ts", `import { x } from "@vendaflow/web/lib/env";`, /standalone bundle/],
    ["apps/widget/src/chat/planted.ts", `import { x } from "@vendaflow/validators/widget";`, /import type/],
    ["apps/web/app/t/[slug]/(app)/teams/planted.tsx", `import { x } from "../../../../../lib/i18n";`, /`@\/` alias/],
  ])("%s: %s is refused", async (file, code, message) => {
    const errors = await importErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });

  it.each([
    ["apps/web/lib/server/planted.ts", `import { x } from "@vendaflow/connectors/upstash/memory-store";`],
    ["packages/connectors/src/planted.ts", `import type { x } from "@vendaflow/core/ports/scheduler";`],
    ["packages/core/src/planted.ts", `import { x } from "@vendaflow/validators/routing";`],
    ["apps/widget/src/chat/planted.ts", `import type { x } from "@vendaflow/validators/widget";`],
    ["apps/web/app/t/[slug]/(app)/teams/planted.tsx", `import { x } from "@/lib/i18n";`],
  ])("%s: %s is allowed", async (file, code) => {
    expect(await importErrors(file, code)).toEqual([]);
  });
});
