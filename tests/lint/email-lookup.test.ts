import path from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

// Plants each way of writing a lookup by lower(email), lower(wa_username), lower(to_address) or
// lower(name) inside core and lints it with the repo's own config (eslint.config.js): under RLS such
// a lookup reads every row of the tenant, so `pnpm lint` must refuse it; the lookup by the stored key
// column (email_key, wa_username_key, to_address_key, name_key), and lower() of anything else, pass.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const eslint = new ESLint({ cwd: root });
const header = 'import { sql } from "kysely";\ndeclare const tx: any;\ndeclare const email: string;\n';

async function emailErrors(code: string, filePath = "packages/core/src/leads/planted.ts"): Promise<string[]> {
  const [result] = await eslint.lintText(`${header}export const planted = ${code};\n`, { filePath: path.join(root, filePath) });
  return result!.messages.filter((m) => m.ruleId === "no-restricted-syntax").map((m) => m.message);
}

describe("core looks e-mails, WhatsApp usernames, outbox addresses and company names up by their stored keys (eslint.config.js)", () => {
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
    ['tx.selectFrom("leads").where((eb: any) => eb(eb.fn("lower", ["wa_username"]), "=", email))', "wa_username_key"],
    ["sql`select id from leads l where lower(l.wa_username) = ${email}`", "wa_username_key"],
    ['tx.deleteFrom("email_outbox").where((eb: any) => eb(eb.fn("lower", ["to_address"]), "in", [email]))', "to_address_key"],
    ["sql`lower(t.to_address) = (select l.email_key from leads l where l.id = ${email})`", "to_address_key"],
    ['tx.selectFrom("companies as c").where((eb: any) => eb(eb.fn("lower", ["c.name"]), "=", email))', "name_key"],
    ['tx.selectFrom("companies").where((eb: any) => eb(sql`lower(name)`, "=", email))', "name_key"],
    ["sql`select id from teams where Lower( name ) = ${email}`", "name_key"],
  ])("%s is refused, naming %s", async (code, key) => {
    const errors = await emailErrors(code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`\`${key} = <lower-cased input>\``);
  });

  it.each([
    ['tx.selectFrom("leads").where("email_key", "=", email.toLowerCase())', "packages/core/src/leads/planted.ts"],
    ['tx.selectFrom("leads").where("wa_username_key", "=", email.toLowerCase())', "packages/core/src/leads/planted.ts"],
    ['tx.deleteFrom("email_outbox").where("to_address_key", "in", [email.toLowerCase()])', "packages/core/src/leads/planted.ts"],
    ['tx.selectFrom("companies").where("name_key", "=", email.toLowerCase())', "packages/core/src/leads/planted.ts"],
    ["sql`select id from leads l where exists (select 1 from unnest(l.tags) as lt(v) where lower(lt.v) = lower(${email}))`", "packages/core/src/leads/planted.ts"],
    ["sql`select id from leads where lower(lead_name) = ${email} or lower(username) = ${email}`", "packages/core/src/leads/planted.ts"],
    ["sql`select id from companies where lower(name) = ${email}`", "packages/core/src/leads/planted.test.ts"],
    ["sql`select id from leads where lower(email) = ${email}`", "packages/core/src/leads/planted.test.ts"],
  ])("%s in %s is allowed", async (code, file) => {
    expect(await emailErrors(code, file)).toEqual([]);
  });
});
