import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeOwner, createTenant, owner, uniq, type FixtureTenant } from "../support/fixtures";
import type { Client } from "../support/http";

/**
 * The header's search (crm.search → core/crm/global-search.ts) over tRPC as each role: names
 * without accents, phones however typed, five of a kind and "more", deleted records left out, and
 * never another tenant's rows (tenant B holds the same names and numbers).
 */

type Kind = { items: Record<string, unknown>[]; more: boolean };
type Found = { leads: Kind; deals: Kind; contacts: Kind; companies: Kind };

let a: FixtureTenant;
let b: FixtureTenant;
let adminA: Client;
const word = uniq("Quixaba").replace(/[^a-z0-9]/gi, "");
const q = async (text: string, params: unknown[]) => (await owner().query(text, params)).rows[0] as { id: string };

async function seed(t: FixtureTenant, phone: string) {
  const { id: stage, pipeline_id: pipeline } = (await owner().query("select s.id, s.pipeline_id from pipeline_stages s join pipelines p on p.id = s.pipeline_id where s.tenant_id = $1 and p.is_default order by s.position limit 1", [t.id])).rows[0] as { id: string; pipeline_id: string };
  const company = (await q("insert into companies (tenant_id, name, domain) values ($1, $2, 'quixaba.com.br') returning id", [t.id, `Indústria ${word}`])).id;
  await q("insert into contacts (tenant_id, name, email, phone, company_id) values ($1, $2, 'joao@quixaba.com.br', $3, $4) returning id", [t.id, `João ${word}`, phone, company]);
  await q("insert into deals (tenant_id, pipeline_id, stage_id, title, value_cents, probability, company_id) values ($1, $2, $3, $4, 1234550, 10, $5) returning id", [t.id, pipeline, stage, `Contrato ${word}`, company]);
  await q("insert into deals (tenant_id, pipeline_id, stage_id, title, probability, deleted_at) values ($1, $2, $3, $4, 10, now()) returning id", [t.id, pipeline, stage, `Apagado ${word}`]);
  for (let i = 0; i < 6; i++) {
    await q("insert into leads (tenant_id, name, source, visitor_id, phone) values ($1, $2, 'web', gen_random_uuid()::text, $3) returning id", [t.id, `Lead ${i} ${word}`, i === 0 ? phone : null]);
  }
}

const search = async (c: Client, text: string) => c.trpc<Found>("query", "crm.search", { q: text });
const names = (k: Kind) => k.items.map((x) => (x.name ?? x.title) as string).sort();

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant(), createTenant()]);
  await seed(a, "+5511988887777");
  await seed(b, "+5511988887777");
  adminA = await a.loginAs("admin");
});
afterAll(closeOwner);

describe("the header's search", () => {
  it("finds each kind by a word without its accent, five of a kind and 'more', deleted deals left out", async () => {
    const r = await search(adminA, word.toLowerCase());
    expect(r.error).toBeNull();
    const found = r.data!;
    expect(found.leads.items).toHaveLength(5);
    expect(found.leads.more).toBe(true);
    expect(names(found.deals)).toEqual([`Contrato ${word}`]);
    expect(found.deals.items[0]).toMatchObject({ value_cents: 1234550, status: "open", stage_name: expect.any(String) });
    expect(found.deals.more).toBe(false);
    expect(names(found.contacts)).toEqual([`João ${word}`]);
    expect(found.contacts.items[0]).toMatchObject({ company_name: `Indústria ${word}` });
    expect(names(found.companies)).toEqual([`Indústria ${word}`]);
    // "joao" finds "João", and "industria" "Indústria".
    expect(names((await search(adminA, `joao ${word}`)).data!.contacts)).toEqual([`João ${word}`]);
    expect(names((await search(adminA, `industria ${word}`)).data!.companies)).toEqual([`Indústria ${word}`]);
  });

  it("finds a phone however it is typed, and only the tenant's own", async () => {
    for (const typed of ["(11) 98888-7777", "+55 11 98888 7777", "011 98888-7777", "11988887777"]) {
      const found = (await search(adminA, typed)).data!;
      const mine = (k: Kind) => k.items.filter((x) => String(x.name).endsWith(word));
      expect(mine(found.leads).map((x) => x.name), typed).toEqual([`Lead 0 ${word}`]);
      expect(mine(found.contacts).map((x) => x.name), typed).toEqual([`João ${word}`]);
      const ids = [...found.leads.items, ...found.contacts.items].map((x) => x.id);
      const foreign = await owner().query("select id from leads where tenant_id = $2 and id = any($1::uuid[]) union all select id from contacts where tenant_id = $2 and id = any($1::uuid[])", [ids, b.id]);
      expect(foreign.rows).toEqual([]);
    }
    // The lead and contact lists match the same way ("ver todos" shows what the search counted).
    const leads = await adminA.trpc<{ items: { name: string }[] }>("query", "crm.leads.list", { q: "(11) 98888-7777" });
    expect(leads.data!.items.map((x) => x.name).filter((n) => n.endsWith(word))).toEqual([`Lead 0 ${word}`]);
    const contacts = await adminA.trpc<{ items: { name: string }[] }>("query", "crm.contacts.list", { q: "(11) 98888-7777" });
    expect(contacts.data!.items.map((x) => x.name).filter((n) => n.endsWith(word))).toEqual([`João ${word}`]);
  });

  it("never shows another tenant's records, to any role", async () => {
    for (const role of ["admin", "agent", "viewer"] as const) {
      const found = (await search(await b.loginAs(role), word)).data!;
      const all = [...found.leads.items, ...found.deals.items, ...found.contacts.items, ...found.companies.items].map((x) => x.id as string);
      expect(all.length).toBe(8);
      const inA = await owner().query(
        "select id from leads where tenant_id = $1 and id = any($2::uuid[]) union all select id from deals where tenant_id = $1 and id = any($2::uuid[]) union all select id from contacts where tenant_id = $1 and id = any($2::uuid[]) union all select id from companies where tenant_id = $1 and id = any($2::uuid[])",
        [a.id, all],
      );
      expect(inA.rows, role).toEqual([]);
    }
  });

  it("refuses a blank or oversized query with a pt-BR message, and finds nothing in punctuation alone", async () => {
    const blank = await search(adminA, "   ");
    expect(blank.status).toBe(400);
    expect(blank.error?.message).toContain("Digite o que procurar.");
    const long = await search(adminA, "a".repeat(201));
    expect(long.status).toBe(400);
    expect(long.error?.message).toContain("no máximo 200 caracteres");
    const nul = await search(adminA, "ab\u0000c");
    expect(nul.status).toBe(400);
    const punct = (await search(adminA, "&|!()")).data!;
    expect([punct.leads, punct.deals, punct.contacts, punct.companies].every((k) => k.items.length === 0)).toBe(true);
  });
});
