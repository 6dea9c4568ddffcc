import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LEAD_CHILD_TABLES } from "@vendaflow/core/leads/merge";
import { closeOwner, createTenant, owner, seedConversationRows, type FixtureTenant } from "../support/fixtures";
import type { Client } from "../support/http";

/**
 * Merging a lead into another (crm.leads.merge → core/leads/merge.ts) over tRPC: every row that
 * belongs to the merged lead moves (the catalog's foreign keys to leads are the list), the kept
 * lead's values win and its blanks fill, the stricter LGPD answer stays, the lead page offers the
 * flagged duplicate; refusals change nothing, and no path reaches another tenant's leads.
 */

let a: FixtureTenant;
let b: FixtureTenant;
let agentA: Client;
const rows = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) => (await owner().query(text, params)).rows as T[];
const one = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) => (await rows<T>(text, params))[0]!;

/** A web lead to keep, and a WhatsApp lead of the same person (flagged by its e-mail) with a row in every child table. */
async function pair(t: FixtureTenant, label: string) {
  const seeded = await seedConversationRows(t.id);
  const goneId = seeded.leadId;
  const email = `${label}@pessoa.com.br`;
  const keep = await one<{ id: string }>(
    "insert into leads (tenant_id, name, email, source, visitor_id, stage, bant_score, tags, custom_fields, marketing_consent, created_at) values ($1, $2, $3, 'web', gen_random_uuid()::text, 'new', 10, '{site}', '{\"a\":1}', true, now() - interval '3 days') returning id",
    [t.id, `Pessoa ${label}`, email],
  );
  const waId = String(5511900000000 + Math.floor(Math.random() * 99999999));
  await owner().query(
    "update leads set name = null, email = $2, phone = $3, wa_id = $3, visitor_id = null, source = 'whatsapp', stage = 'qualified', bant_score = 70, bant_data = '{\"budget\":\"50k\"}', tags = '{whatsapp,site}', custom_fields = '{\"a\":2,\"b\":3}', marketing_consent = false, possible_duplicate_of = $4 where id = $1",
    [goneId, email, waId, keep.id],
  );
  await owner().query("insert into activities (tenant_id, type, subject, lead_id, due_at) values ($1, 'call', 'Retornar', $2, now())", [t.id, goneId]);
  return { keepId: keep.id, goneId, waId, conversationId: seeded.conversationId };
}

async function childCounts(leadId: string) {
  const out: Record<string, number> = {};
  for (const table of LEAD_CHILD_TABLES) out[table] = Number((await one<{ n: string }>(`select count(*) as n from ${table} where lead_id = $1`, [leadId])).n);
  return out;
}

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant(), createTenant()]);
  agentA = await a.loginAs("agent");
});
afterAll(closeOwner);

describe("merging two leads of one person", () => {
  it("moves every table that points at leads: the list is the catalog's foreign keys", async () => {
    const fks = await rows<{ t: string }>("select distinct conrelid::regclass::text as t from pg_constraint where contype = 'f' and confrelid = 'leads'::regclass and conrelid <> 'leads'::regclass");
    expect(fks.map((r) => r.t).sort()).toEqual([...LEAD_CHILD_TABLES].sort());
  });

  it("the lead page offers the flagged duplicate; the merge keeps one lead with everything of both", async () => {
    const p = await pair(a, "ana");
    const record = await agentA.trpc<{ duplicate: { id: string } | null }>("query", "crmLists.lead", { id: p.keepId });
    expect(record.data!.duplicate?.id).toBe(p.goneId);
    const fromOther = await agentA.trpc<{ duplicate: { id: string } | null }>("query", "crmLists.lead", { id: p.goneId });
    expect(fromOther.data!.duplicate?.id).toBe(p.keepId);
    const before = await childCounts(p.goneId);
    expect(Object.values(before).every((n) => n >= 1)).toBe(true);

    const r = await agentA.trpc<{ id: string }>("mutation", "crm.leads.merge", { keepId: p.keepId, mergeId: p.goneId });
    expect(r.error).toBeNull();
    expect(r.data).toEqual({ id: p.keepId });
    expect(await rows("select id from leads where id = $1", [p.goneId])).toEqual([]);
    expect(await childCounts(p.keepId)).toEqual(before);
    const kept = await one("select name, email, phone, wa_id, visitor_id, stage, bant_score, bant_data, tags, custom_fields, marketing_consent, possible_duplicate_of from leads where id = $1", [p.keepId]);
    expect(kept).toMatchObject({
      name: "Pessoa ana",
      email: "ana@pessoa.com.br",
      phone: p.waId,
      wa_id: p.waId,
      stage: "qualified",
      bant_score: 70,
      bant_data: { budget: "50k" },
      custom_fields: { a: 1, b: 3 },
      // Refused on WhatsApp: the stricter answer stays.
      marketing_consent: false,
      possible_duplicate_of: null,
    });
    expect(kept.visitor_id).toEqual(expect.any(String));
    expect([...(kept.tags as string[])].sort()).toEqual(["site", "whatsapp"]);
    expect(await rows("select local_id from crm_sync_links where local_id = $1", [p.keepId])).toHaveLength(1);
    const event = await one("select data, actor_user_id from conversation_events where kind = 'lead_merged' and conversation_id = $1", [p.conversationId]);
    expect(event).toMatchObject({ data: { mergedLeadId: p.goneId }, actor_user_id: a.users.agent.id });
    const audit = await one("select actor_user_id, before, after from audit_logs where action = 'lead.merge' and entity_id = $1", [p.keepId]);
    expect(audit).toMatchObject({ actor_user_id: a.users.agent.id, after: { mergedId: p.goneId }, before: { merged: { wa_id: p.waId } } });
    // The WhatsApp number now reaches the kept lead.
    expect(await rows("select id from leads where tenant_id = $1 and wa_id = $2", [a.id, p.waId])).toEqual([{ id: p.keepId }]);
  });

  it("refuses what it must, with pt-BR messages, and changes nothing", async () => {
    const p = await pair(a, "bia");
    const viewer = await a.loginAs("viewer");
    const asViewer = await viewer.trpc("mutation", "crm.leads.merge", { keepId: p.keepId, mergeId: p.goneId });
    expect(asViewer.status).toBe(403);
    const same = await agentA.trpc("mutation", "crm.leads.merge", { keepId: p.keepId, mergeId: p.keepId });
    expect(same.status).toBe(400);
    expect(same.error?.message).toBe("Escolha dois leads diferentes para mesclar.");
    await owner().query("update leads set wa_id = $2 where id = $1", [p.keepId, String(5521900000000 + Math.floor(Math.random() * 99999999))]);
    const twoNumbers = await agentA.trpc("mutation", "crm.leads.merge", { keepId: p.keepId, mergeId: p.goneId });
    expect(twoNumbers.status).toBe(412);
    expect(twoNumbers.error?.message).toBe("Os dois leads têm contas de WhatsApp diferentes e não podem ser mesclados.");
    await owner().query("update leads set wa_id = null, anonymised_at = now(), name = null, email = null where id = $1", [p.keepId]);
    const anonymised = await agentA.trpc("mutation", "crm.leads.merge", { keepId: p.keepId, mergeId: p.goneId });
    expect(anonymised.status).toBe(412);
    expect(anonymised.error?.message).toBe("Um lead anonimizado não pode ser mesclado.");
    expect(await rows("select id from leads where id = $1", [p.goneId])).toHaveLength(1);
    expect(Object.values(await childCounts(p.goneId)).every((n) => n >= 1)).toBe(true);
  });

  it("never reaches another tenant's lead, as either side", async () => {
    const mine = await pair(a, "caio");
    const theirs = await pair(b, "caio");
    for (const input of [
      { keepId: mine.keepId, mergeId: theirs.goneId },
      { keepId: theirs.keepId, mergeId: mine.goneId },
      { keepId: theirs.keepId, mergeId: theirs.goneId },
    ]) {
      const r = await agentA.trpc("mutation", "crm.leads.merge", input);
      expect(r.status, JSON.stringify(input)).toBe(404);
    }
    expect(await rows("select id from leads where id = any($1)", [[mine.keepId, mine.goneId, theirs.keepId, theirs.goneId]])).toHaveLength(4);
    expect(Object.values(await childCounts(theirs.goneId)).every((n) => n >= 1)).toBe(true);
    const record = await agentA.trpc("query", "crmLists.lead", { id: theirs.keepId });
    expect(record.status).toBe(404);
  });
});
