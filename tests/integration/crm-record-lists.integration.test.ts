import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeOwner, createTenant, owner, type FixtureTenant } from "../support/fixtures";
import type { Client } from "../support/http";

// A record page's "Ver todos" opens the contacts or deals list filtered to that company or contact
// (companyId / contactId, without a pipeline): every one of its items, page after page past the
// card's 100, in any pipeline; none of another record's, none of another tenant's (RLS).

afterAll(closeOwner);

type Page = { items: { id: string }[]; nextCursor: string | null };

async function read(c: Client, path: string, input: unknown): Promise<Page> {
  const res = await c.trpc<Page>("query", path, input);
  expect(res.error, `${path}: ${res.error?.message}`).toBeNull();
  return res.data;
}
/** Every page of a list, as the list page's "Carregar mais" reads them. */
async function all(c: Client, path: string, filter: object): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await read(c, path, { ...filter, limit: 100, cursor });
    ids.push(...page.items.map((x) => x.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids;
}
const ids = async (sql: string, params: unknown[]) => (await owner().query<{ id: string }>(sql, params)).rows.map((r) => r.id);
const sorted = (x: string[]) => [...x].sort();

let a: FixtureTenant;
let b: FixtureTenant;
let adminA: Client;
let adminB: Client;

/** A company with `contacts` contacts, and its deals: `deals` in the default pipeline and one in a second. */
async function companyWith(t: FixtureTenant, name: string, contacts: number, deals: number) {
  const company = (await ids("insert into companies (tenant_id, name) values ($1, $2) returning id", [t.id, name]))[0]!;
  const contactIds = await ids("insert into contacts (tenant_id, company_id, name, created_at) select $1, $2, $3 || ' ' || g, now() - g * interval '1 second' from generate_series(1, $4::int) g returning id", [t.id, company, name, contacts]);
  const stage = (await owner().query<{ id: string; pipeline_id: string }>("select s.id, s.pipeline_id from pipeline_stages s join pipelines p on p.id = s.pipeline_id where s.tenant_id = $1 and p.is_default order by s.position limit 1", [t.id])).rows[0]!;
  const other = (await ids("insert into pipelines (tenant_id, name) values ($1, $2) returning id", [t.id, `Funil ${name}`]))[0]!;
  const otherStage = (await ids("insert into pipeline_stages (tenant_id, pipeline_id, name, position, probability) values ($1, $2, 'Etapa', 0, 10) returning id", [t.id, other]))[0]!;
  const dealIds = [
    ...(await ids("insert into deals (tenant_id, pipeline_id, stage_id, company_id, contact_id, title, probability) select $1, $2, $3, $4, $5, $6 || ' ' || g, 10 from generate_series(1, $7::int) g returning id", [t.id, stage.pipeline_id, stage.id, company, contactIds[0], name, deals])),
    ...(await ids("insert into deals (tenant_id, pipeline_id, stage_id, company_id, title, probability) values ($1, $2, $3, $4, $5, 10) returning id", [t.id, other, otherStage, company, `${name} outro funil`])),
  ];
  return { company, contactIds, dealIds, firstContact: contactIds[0]! };
}

let big: Awaited<ReturnType<typeof companyWith>>;
let small: Awaited<ReturnType<typeof companyWith>>;
let otherTenant: Awaited<ReturnType<typeof companyWith>>;

beforeAll(async () => {
  a = await createTenant();
  b = await createTenant();
  adminA = await a.loginAs("admin");
  adminB = await b.loginAs("admin");
  big = await companyWith(a, "Atacado Grande", 103, 2);
  small = await companyWith(a, "Mercearia Pequena", 2, 1);
  otherTenant = await companyWith(b, "Vizinho de B", 3, 1);
});

describe("lists filtered to one record (a record page's \"Ver todos\")", () => {
  it("a company's contacts: all 103, past the card's 100, and only its own", async () => {
    const first = await read(adminA, "crm.contacts.list", { companyId: big.company, limit: 100 });
    expect(first.items).toHaveLength(100);
    expect(first.nextCursor).not.toBeNull();
    expect(sorted(await all(adminA, "crm.contacts.list", { companyId: big.company }))).toEqual(sorted(big.contactIds));
    expect(sorted(await all(adminA, "crm.contacts.list", { companyId: small.company }))).toEqual(sorted(small.contactIds));
  });

  it("a company's deals in every pipeline; a contact's deals; nobody else's", async () => {
    expect(sorted(await all(adminA, "crm.deals.list", { companyId: big.company }))).toEqual(sorted(big.dealIds));
    // The contact's: the default pipeline's two, not the company's deal without a contact.
    expect(sorted(await all(adminA, "crm.deals.list", { contactId: big.firstContact }))).toEqual(sorted(big.dealIds.slice(0, 2)));
    expect(sorted(await all(adminA, "crm.deals.list", { contactId: small.firstContact }))).toEqual(sorted(small.dealIds.slice(0, 1)));
  });

  it("another tenant's company or contact filters to nothing, both ways", async () => {
    expect(await all(adminA, "crm.contacts.list", { companyId: otherTenant.company })).toEqual([]);
    expect(await all(adminA, "crm.deals.list", { companyId: otherTenant.company })).toEqual([]);
    expect(await all(adminA, "crm.deals.list", { contactId: otherTenant.firstContact })).toEqual([]);
    expect(await all(adminB, "crm.contacts.list", { companyId: big.company })).toEqual([]);
    expect(await all(adminB, "crm.deals.list", { companyId: big.company })).toEqual([]);
    // B's own still list.
    expect(sorted(await all(adminB, "crm.contacts.list", { companyId: otherTenant.company }))).toEqual(sorted(otherTenant.contactIds));
  });
});
