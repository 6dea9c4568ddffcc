import path from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

// Plants a read of the machine's clock at a path inside core and lints it with the repo's own config
// (eslint.config.js), so `pnpm lint` is shown to fail when core takes time from anywhere but its
// caller's clock; and shows the places that may (tests, the apps, connectors' adapters) are left alone.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const eslint = new ESLint({ cwd: root });

async function clockErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const planted = [x];\n`, { filePath: path.join(root, filePath) });
  return result!.messages.filter((m) => m.ruleId === "no-restricted-syntax").map((m) => m.message);
}

describe("core reads the caller's clock (eslint.config.js)", () => {
  // The first lint loads the TypeScript parser and the whole config: setup, not the rule under test.
  beforeAll(() => clockErrors("packages/core/src/warm-up.ts", "const x = 1;"), 60_000);

  it.each([
    ["packages/core/src/planted.ts", "const x = new Date();"],
    ["packages/core/src/crm/planted.ts", "export function f(now = new Date()) { return now; }\nconst x = f;"],
    ["packages/core/src/crm/planted.ts", "const x = { updated_at: new Date };"],
    ["packages/core/src/planted.ts", "const x = Date.now();"],
    ["packages/core/src/rate-limit/planted.ts", "export function f(now = Date.now()) { return now; }\nconst x = f;"],
    ["packages/core/src/planted.ts", "const x = new Date(Date.now() + 1000);"],
    ["packages/core/src/planted.ts", "const x = Date();"],
  ])("%s: %s is refused", async (file, code) => {
    const errors = await clockErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/caller's clock/);
  });

  it.each([
    ["packages/core/src/planted.ts", "declare const deps: { now: () => Date };\nconst x = new Date(deps.now().getTime() + 1000);"],
    ["packages/core/src/planted.ts", "const x = new Date(\"2026-01-01T00:00:00Z\");"],
    ["packages/core/src/crm/planted.test.ts", "const x = [new Date(), Date.now()];"],
    ["packages/connectors/src/planted.ts", "const x = Date.now();"],
    ["apps/web/lib/server/planted.ts", "const x = () => new Date();"],
  ])("%s: %s is allowed", async (file, code) => {
    expect(await clockErrors(file, code)).toEqual([]);
  });
});
