import path from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

// Plants each way of writing a lookup by lower(email) inside core and lints it with the repo's own
// config (eslint.config.js): under RLS such a lookup reads every row of the tenant, so `pnpm lint`
// must refuse it; the lookup by the stored email_key, and lower() of anything else, pass.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const eslint = new ESLint({ cwd: root });
const header = 'import { sql } from "kysely";\ndeclare const tx: any;\ndeclare const email: string;\n';

async function emailErrors(code: string, filePath = "packages/core/src/leads/planted.ts"): Promise<string[]> {
  const [result] = await eslint.lintText(`${header}export const planted = ${code};\n`, { filePath: path.join(root, filePath) });
  return result!.messages.filter((m) => m.ruleId === "no-restricted-syntax").map((m) => m.message);
}

describe("core looks e-mails up by email_key (eslint.config.js)", () => {
  beforeAll(() => emailErrors("1"), 60_000);

  it.each([
    'tx.selectFrom("leads").where((eb: any) => eb(eb.fn("lower", ["email"]), "=", email))',
    'tx.selectFrom("leads as l").where((eb: any) => eb(eb.fn("lower", ["l.email"]), "=", email))',
    "sql`select id from leads where lower(email) = ${email}`",
    "sql`select id from contacts c where LOWER( c.email ) = ${email}`",
  ])("%s is refused", async (code) => {
    const errors = await emailErrors(code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/email_key/);
  });

  it.each([
    ['tx.selectFrom("leads").where("email_key", "=", email.toLowerCase())', "packages/core/src/leads/planted.ts"],
    ["sql`select id from teams where lower(name) = ${email}`", "packages/core/src/leads/planted.ts"],
    ["sql`select id from leads where lower(email) = ${email}`", "packages/core/src/leads/planted.test.ts"],
  ])("%s in %s is allowed", async (code, file) => {
    expect(await emailErrors(code, file)).toEqual([]);
  });
});
