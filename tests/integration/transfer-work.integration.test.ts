import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Client } from "../support/http";
import { closeOwner, createTenant, owner, type FixtureTenant } from "../support/fixtures";

/**
 * "Transferir carteira": deactivating someone (users.deactivate) asks where their open deals and
 * open activities go (users.openWork counts them; admins only) and moves them in the same
 * transaction, to an active admin or agent of the tenant or to nobody; the new owner hears of it
 * once per kind, with the count; the audit row says how much went where. The same move for someone
 * already deactivated (users.transferWork). Refused: no choice when they hold work, the same person,
 * a viewer, someone inactive, another tenant's person; agents and viewers cannot call either.
 * Tenant B, with the same shape, is untouched.
 */

const q = async <T = Record<string, any>>(text: string, params: unknown[] = []) => (await owner().query(text, params)).rows as T[];
/** One sign-in per tenant and role for the file (sign-ins are rate-limited per address). */
const clients = new Map<string, Promise<Client>>();
const as = (t: FixtureTenant, role: "admin" | "agent" | "viewer") => {
  const key = `${t.id}:${role}`;
  if (!clients.has(key)) clients.set(key, t.loginAs(role));
  return clients.get(key)!;
};
const one = async <T = Record<string, any>>(text: string, params: unknown[] = []) => (await q<T>(text, params))[0]!;

interface Shape {
  t: FixtureTenant;
  person: string;
  /** What moves: open deals (not deleted) and open work. */
  deals: string[];
  activities: string[];
  /** What stays: a won deal, a deleted open deal, a done call, a note, a deleted task, a system log line. */
  staying: { deals: string[]; activities: string[] };
}

async function shape(t: FixtureTenant, name: string): Promise<Shape> {
  const person = (await one("insert into users (tenant_id, email, name, role, is_active) values ($1, left(gen_random_uuid()::text, 12) || '@carteira.test', $2, 'agent', true) returning id", [t.id, name])).id as string;
  const s = await one("select s.id, s.pipeline_id from pipeline_stages s join pipelines p on p.id = s.pipeline_id where s.tenant_id = $1 and p.is_default and s.kind = 'open' order by s.position limit 1", [t.id]);
  const deal = async (status: string, deleted = false) =>
    (
      await one(
        `insert into deals (tenant_id, pipeline_id, stage_id, title, probability, owner_id, status, won_at, deleted_at) values ($1, $2, $3, 'Plano', 10, $4, $5, ${status === "won" ? "now()" : "null"}, ${deleted ? "now()" : "null"}) returning id`,
        [t.id, s.pipeline_id, s.id, person, status],
      )
    ).id as string;
  const open = [await deal("open"), await deal("open")];
  const stayingDeals = [await deal("won"), await deal("open", true)];
  const act = async (type: string, o: { done?: boolean; deleted?: boolean; system?: string; dealId?: string } = {}) =>
    (
      await one(
        `insert into activities (tenant_id, type, system_event, subject, deal_id, assigned_to, due_at, completed_at, deleted_at, data) values ($1, $2, $3, 'Atividade', $4, $5, now() + interval '2 days', ${o.done ? "now()" : "null"}, ${o.deleted ? "now()" : "null"}, '{}') returning id`,
        [t.id, type, o.system ?? null, o.dealId ?? null, person],
      )
    ).id as string;
  // A task, and a booked meeting's line (the system's, but work: crm/work.ts).
  const activities = [await act("task"), await act("meeting", { system: "meeting_scheduled", dealId: open[0] })];
  const stayingActivities = [await act("call", { done: true }), await act("note"), await act("task", { deleted: true }), await act("call", { system: "deal_restored" })];
  return { t, person, deals: open, activities, staying: { deals: stayingDeals, activities: stayingActivities } };
}

const owners = async (ids: string[]) => (await q<{ owner_id: string | null }>("select owner_id from deals where id = any($1)", [ids])).map((r) => r.owner_id);
const assignees = async (ids: string[]) => (await q<{ assigned_to: string | null }>("select assigned_to from activities where id = any($1)", [ids])).map((r) => r.assigned_to);
const notes = (userId: string, since: Date) => q<{ kind: string; data: Record<string, unknown> }>("select kind, data from notifications where user_id = $1 and created_at >= $2 order by kind", [userId, since]);
const isActive = async (id: string) => (await one<{ is_active: boolean }>("select is_active from users where id = $1", [id])).is_active;

let a: Shape;
let b: Shape;
beforeAll(async () => {
  const [ta, tb] = await Promise.all([createTenant(), createTenant()]);
  a = await shape(ta, "Paula Saindo");
  b = await shape(tb, "Paula Saindo");
});
afterAll(async () => {
  await closeOwner();
});

describe("deactivating someone who holds work", () => {
  it("the admin sees their counts; agents and viewers cannot ask", async () => {
    const admin = await as(a.t, "admin");
    expect((await admin.trpc("query", "users.openWork", { userId: a.person })).data).toEqual({ deals: 2, activities: 2 });
    for (const role of ["agent", "viewer"] as const) {
      expect((await (await as(a.t, role)).trpc("query", "users.openWork", { userId: a.person })).error?.data.code).toBe("FORBIDDEN");
    }
    // Another tenant's person (hidden by row-level security) or nobody: not found, as deactivating them is.
    for (const userId of [b.person, "00000000-0000-4000-8000-000000000000"]) {
      const other = await admin.trpc("query", "users.openWork", { userId });
      expect(other.error?.data.code).toBe("NOT_FOUND");
      expect(other.error?.message).toBe("Usuário não encontrado.");
    }
  });

  it("refuses without a choice, to the same person, a viewer, someone inactive or another tenant's person; agents and viewers cannot deactivate; nothing moves", async () => {
    const admin = await as(a.t, "admin");
    const inactive = (await one("insert into users (tenant_id, email, name, role, is_active) values ($1, left(gen_random_uuid()::text, 12) || '@carteira.test', 'Inativa', 'agent', false) returning id", [a.t.id])).id;
    const noChoice = await admin.trpc("mutation", "users.deactivate", { userId: a.person });
    expect(noChoice.error?.data.code).toBe("PRECONDITION_FAILED");
    expect(noChoice.error?.message).toMatch(/escolha para quem transferi-los ou deixe-os sem responsável/);
    const refused = async (transferTo: string) => {
      const r = await admin.trpc("mutation", "users.deactivate", { userId: a.person, transferTo });
      expect(r.error?.data.code, transferTo).toBe("BAD_REQUEST");
      return r.error!.message;
    };
    expect(await refused(a.person)).toMatch(/outra pessoa/);
    expect(await refused(a.t.users.viewer.id)).toMatch(/Leitores não podem/);
    expect(await refused(inactive)).toMatch(/pessoa ativa/);
    expect(await refused(b.t.users.agent.id)).toMatch(/não encontrada/);
    for (const role of ["agent", "viewer"] as const) {
      const c = await as(a.t, role);
      expect((await c.trpc("mutation", "users.deactivate", { userId: a.person, transferTo: a.t.users.agent.id })).error?.data.code).toBe("FORBIDDEN");
      expect((await c.trpc("mutation", "users.transferWork", { userId: a.person, transferTo: a.t.users.agent.id })).error?.data.code).toBe("FORBIDDEN");
    }
    expect(await isActive(a.person)).toBe(true);
    expect(await owners(a.deals)).toEqual([a.person, a.person]);
    expect(await assignees(a.activities)).toEqual([a.person, a.person]);
  });

  it("moves the open deals and activities to the chosen person, who hears of it once per kind; the audit row says so; tenant B untouched", async () => {
    const admin = await as(a.t, "admin");
    const since = (await one<{ now: Date }>("select now()")).now;
    const r = await admin.trpc<{ deals: number; activities: number; released: number }>("mutation", "users.deactivate", { userId: a.person, transferTo: a.t.users.agent.id });
    expect(r.error).toBeNull();
    expect(r.data).toMatchObject({ ok: true, deals: 2, activities: 2, released: 0 });
    expect(await isActive(a.person)).toBe(false);
    expect(await owners(a.deals)).toEqual([a.t.users.agent.id, a.t.users.agent.id]);
    expect(await assignees(a.activities)).toEqual([a.t.users.agent.id, a.t.users.agent.id]);
    expect(await owners(a.staying.deals)).toEqual([a.person, a.person]);
    expect(await assignees(a.staying.activities)).toEqual([a.person, a.person, a.person, a.person]);
    expect(await notes(a.t.users.agent.id, since)).toEqual([
      { kind: "activities_assigned", data: { count: 2 } },
      { kind: "deal_assigned", data: { count: 2, ownerId: a.t.users.agent.id } },
    ]);
    const audit = await one("select actor_user_id, after from audit_logs where action = 'user.deactivate' and entity_id = $1", [a.person]);
    expect(audit).toEqual({ actor_user_id: a.t.users.admin.id, after: expect.objectContaining({ is_active: false, openDeals: 2, openActivities: 2, transferTo: a.t.users.agent.id }) });
    // Nothing of tenant B's moved, and nobody there heard of it.
    expect(await isActive(b.person)).toBe(true);
    expect(await owners(b.deals)).toEqual([b.person, b.person]);
    expect(await assignees(b.activities)).toEqual([b.person, b.person]);
    expect(await notes(b.t.users.agent.id, since)).toEqual([]);
  });

  it("holding nothing, no choice is needed", async () => {
    const admin = await as(a.t, "admin");
    const idle = (await one("insert into users (tenant_id, email, name, role) values ($1, left(gen_random_uuid()::text, 12) || '@carteira.test', 'Ociosa', 'agent') returning id", [a.t.id])).id;
    const r = await admin.trpc("mutation", "users.deactivate", { userId: idle });
    expect(r.error).toBeNull();
    expect(r.data).toMatchObject({ deals: 0, activities: 0 });
    expect((await one("select after from audit_logs where action = 'user.deactivate' and entity_id = $1", [idle])).after).toMatchObject({ openDeals: 0, openActivities: 0, transferTo: null });
  });
});

describe("'Transferir carteira' of someone already deactivated", () => {
  it("leaves their work without owner (no one notified), audited; refused for an active person", async () => {
    const admin = await as(a.t, "admin");
    // Deactivated before deactivating asked: still holding work.
    const old = await shape(a.t, "Antiga");
    await q("update users set is_active = false where id = $1", [old.person]);
    expect((await admin.trpc("query", "users.openWork", { userId: old.person })).data).toEqual({ deals: 2, activities: 2 });
    const active = await admin.trpc("mutation", "users.transferWork", { userId: a.t.users.agent.id, transferTo: null });
    expect(active.error?.data.code).toBe("PRECONDITION_FAILED");
    expect((await admin.trpc("mutation", "users.transferWork", { userId: old.person, transferTo: a.t.users.viewer.id })).error?.data.code).toBe("BAD_REQUEST");

    const since = (await one<{ now: Date }>("select now()")).now;
    const r = await admin.trpc("mutation", "users.transferWork", { userId: old.person, transferTo: null });
    expect(r.error).toBeNull();
    expect(r.data).toEqual({ deals: 2, activities: 2 });
    expect(await owners(old.deals)).toEqual([null, null]);
    expect(await assignees(old.activities)).toEqual([null, null]);
    expect(await owners(old.staying.deals)).toEqual([old.person, old.person]);
    expect(await q("select 1 from notifications where tenant_id = $1 and created_at >= $2 and kind in ('deal_assigned', 'activities_assigned')", [a.t.id, since])).toEqual([]);
    const audit = await one("select after from audit_logs where action = 'user.transfer_work' and entity_id = $1", [old.person]);
    expect(audit.after).toEqual({ openDeals: 2, openActivities: 2, transferTo: null });
    // Again: nothing left.
    expect((await admin.trpc("query", "users.openWork", { userId: old.person })).data).toEqual({ deals: 0, activities: 0 });
  });

  it("to an active agent: the deals and activities are theirs", async () => {
    const admin = await as(a.t, "admin");
    const old = await shape(a.t, "Mais Antiga");
    await q("update users set is_active = false where id = $1", [old.person]);
    const r = await admin.trpc("mutation", "users.transferWork", { userId: old.person, transferTo: a.t.users.admin.id });
    expect(r.data).toEqual({ deals: 2, activities: 2 });
    expect(await owners(old.deals)).toEqual([a.t.users.admin.id, a.t.users.admin.id]);
    expect(await assignees(old.activities)).toEqual([a.t.users.admin.id, a.t.users.admin.id]);
  });
});

describe("two admins crossing a pair at once", () => {
  it("deactivating X to Y while Y goes to X: one is done, the other refused (its target is no longer active); neither hits a deadlock", async () => {
    const admin = await as(a.t, "admin");
    for (let round = 0; round < 12; round++) {
      const x = await shape(a.t, `Cruzada X${round}`);
      const y = await shape(a.t, `Cruzada Y${round}`);
      const [toY, toX] = await Promise.all([
        admin.trpc("mutation", "users.deactivate", { userId: x.person, transferTo: y.person }),
        admin.trpc("mutation", "users.deactivate", { userId: y.person, transferTo: x.person }),
      ]);
      const codes = [toY.error?.data.code ?? "ok", toX.error?.data.code ?? "ok"];
      expect(codes.sort(), `round ${round}: ${toY.error?.message ?? ""} ${toX.error?.message ?? ""}`).toEqual(["BAD_REQUEST", "ok"]);
      // The one done moved its person's deals to the other, who is still active.
      const [done, kept] = toY.error ? [y, x] : [x, y];
      expect([await isActive(done.person), await isActive(kept.person)]).toEqual([false, true]);
      expect(await owners(done.deals)).toEqual([kept.person, kept.person]);
      expect(await owners(kept.deals)).toEqual([kept.person, kept.person]);
    }
  });
});

describe("two admins deactivated at once", () => {
  it("both are done (another admin remains): the last-admin check does not deadlock them", async () => {
    const admin = await as(a.t, "admin");
    for (let round = 0; round < 12; round++) {
      const newAdmin = async (name: string) => (await one("insert into users (tenant_id, email, name, role, is_active) values ($1, left(gen_random_uuid()::text, 12) || '@admins.test', $2, 'admin', true) returning id", [a.t.id, name])).id as string;
      const [p, r] = [await newAdmin(`Admin P${round}`), await newAdmin(`Admin R${round}`)];
      const both = await Promise.all([p, r].map((userId) => admin.trpc("mutation", "users.deactivate", { userId })));
      expect(both.map((x) => x.error?.message ?? "ok"), `round ${round}`).toEqual(["ok", "ok"]);
      expect([await isActive(p), await isActive(r)]).toEqual([false, false]);
    }
  });
});

describe("a transfer and a bulk assignment of the same deals at once", () => {
  it("both are done, in some order, without a deadlock: the deals end with the bulk's owner", async () => {
    const admin = await as(a.t, "admin");
    const z = (await one("insert into users (tenant_id, email, name, role, is_active) values ($1, left(gen_random_uuid()::text, 12) || '@bulk.test', 'Zeca Bulk', 'agent', true) returning id", [a.t.id])).id as string;
    for (let round = 0; round < 12; round++) {
      const x = await shape(a.t, `Saindo X${round}`);
      const y = await shape(a.t, `Recebe Y${round}`);
      // More deals than the shape's two, inserted in an order unrelated to their ids.
      const more = await q<{ id: string }>(
        "insert into deals (tenant_id, pipeline_id, stage_id, title, probability, owner_id, status) select tenant_id, pipeline_id, stage_id, 'Plano', 10, owner_id, 'open' from deals, generate_series(1, 14) where id = $1 returning id",
        [x.deals[0]],
      );
      const deals = [...x.deals, ...more.map((d) => d.id)];
      const [transfer, bulk] = await Promise.all([
        admin.trpc("mutation", "users.deactivate", { userId: x.person, transferTo: y.person }),
        admin.trpc("mutation", "crmLists.bulk", { entity: "deal", ids: [...deals].reverse(), action: { type: "assign", ownerId: z } }),
      ]);
      expect([transfer.error?.message ?? "ok", bulk.error?.message ?? "ok"], `round ${round}`).toEqual(["ok", "ok"]);
      expect(new Set(await owners(deals)), `round ${round}`).toEqual(new Set([z]));
    }
  });
});
