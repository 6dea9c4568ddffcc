import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeOwner, createTenant, owner, type FixtureTenant } from "../support/fixtures";
import type { Client } from "../support/http";

/**
 * What lands in a person's bell besides conversations (agent.notifications): a deal given to them
 * by someone else (one per deal, one per bulk assignment with the count of deals that changed hands), never their own doing,
 * never another tenant's person. Meetings are covered in scheduling.integration.test.ts.
 */

type Note = { kind: string; data: Record<string, unknown>; lead_name: string | null };

let a: FixtureTenant;
let b: FixtureTenant;
let adminA: Client;
let agentA: Client;
const notes = async (c: Client) => (await c.trpc<Note[]>("query", "agent.notifications")).data!;
const dealNotes = async (c: Client) => (await notes(c)).filter((n) => n.kind === "deal_assigned");

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant(), createTenant()]);
  adminA = await a.loginAs("admin");
  agentA = await a.loginAs("agent");
});
afterAll(closeOwner);

describe("deal assignment notifications", () => {
  it("a deal created for someone else, or handed to them, tells them; one's own does not", async () => {
    const agentId = a.users.agent.id;
    const created = await adminA.trpc<{ id: string }>("mutation", "crm.deals.create", { title: "Plano Enterprise", valueCents: 990000, ownerId: agentId });
    expect(created.error).toBeNull();
    expect(await dealNotes(agentA)).toEqual([expect.objectContaining({ data: { dealId: created.data!.id, title: "Plano Enterprise" } })]);
    // The agent's own deal: nothing new.
    await agentA.trpc("mutation", "crm.deals.create", { title: "Meu negócio", ownerId: agentId });
    expect(await dealNotes(agentA)).toHaveLength(1);
    // Handed over by an edit: one more; an edit that keeps the owner: none.
    const mine = await adminA.trpc<{ id: string }>("mutation", "crm.deals.create", { title: "Renovação", ownerId: a.users.admin.id });
    expect(await dealNotes(adminA)).toHaveLength(0);
    await adminA.trpc("mutation", "crm.deals.update", { id: mine.data!.id, title: "Renovação", ownerId: agentId });
    await adminA.trpc("mutation", "crm.deals.update", { id: mine.data!.id, title: "Renovação 2026", ownerId: agentId });
    expect((await dealNotes(agentA)).map((n) => n.data.title)).toEqual(["Renovação", "Plano Enterprise"]);
  });

  it("a bulk assignment is one notification with the count, and reaches no one in another tenant", async () => {
    const ids: string[] = [];
    for (const title of ["Lote 1", "Lote 2", "Lote 3"]) ids.push((await adminA.trpc<{ id: string }>("mutation", "crm.deals.create", { title })).data!.id);
    const before = (await dealNotes(agentA)).length;
    const r = await adminA.trpc("mutation", "crmLists.bulk", { entity: "deal", ids, action: { type: "assign", ownerId: a.users.agent.id } });
    expect(r.error).toBeNull();
    const after = await dealNotes(agentA);
    expect(after).toHaveLength(before + 1);
    expect(after[0]!.data).toEqual({ count: 3, ownerId: a.users.agent.id });
    // Assigned again with one more: only the deal that changed hands is told, by its title, and audited.
    const fourth = (await adminA.trpc<{ id: string }>("mutation", "crm.deals.create", { title: "Lote 4" })).data!.id;
    const again = await adminA.trpc("mutation", "crmLists.bulk", { entity: "deal", ids: [...ids, fourth], action: { type: "assign", ownerId: a.users.agent.id } });
    expect(again.error).toBeNull();
    const latest = await dealNotes(agentA);
    expect(latest).toHaveLength(before + 2);
    expect(latest[0]!.data).toEqual({ dealId: fourth, title: "Lote 4" });
    const audits = await owner().query("select entity_id from audit_logs where tenant_id = $1 and action = 'deal.assign' and entity_id::text = any($2::text[])", [a.id, [...ids, fourth]]);
    expect(audits.rows.map((r) => r.entity_id).sort()).toEqual([...ids, fourth].sort());
    // Tenant B's people got nothing, and A's admin cannot give a deal to B's agent.
    const foreign = await adminA.trpc("mutation", "crm.deals.create", { title: "Para outro espaço", ownerId: b.users.agent.id });
    expect(foreign.error).not.toBeNull();
    const inB = await owner().query("select count(*)::int as n from notifications where tenant_id = $1", [b.id]);
    expect(inB.rows[0].n).toBe(0);
  });
});
