import { afterAll, describe, expect, it } from "vitest";
import { closeOwner, env, owner } from "../support/fixtures";
import { Client } from "../support/http";

// The demo tenant's CRM (seeded by the global setup through the same core services as the
// screens): Brazilian companies and contacts, deals across the stages with BRL values, open
// activities due today and overdue — what `pnpm dev` shows, read back as the demo's viewer.

afterAll(closeOwner);

describe("CRM seed", () => {
  it("the demo has companies, contacts, deals spread over the pipeline and activities due today and overdue", async () => {
    const { rows: [demo] } = await owner().query<{ id: string }>("select id from tenants where slug = 'demo'");
    const q = async (sql: string) => (await owner().query(sql, [demo!.id])).rows;
    const companies = await q("select name, size from companies where tenant_id = $1");
    expect(companies.length).toBeGreaterThanOrEqual(5);
    expect(companies.every((c) => c.size)).toBe(true);
    expect((await q("select count(*)::int as n from contacts where tenant_id = $1 and company_id is not null"))[0].n).toBeGreaterThanOrEqual(5);
    const stages = await q("select s.kind, count(*)::int as n, sum(d.value_cents)::bigint as cents from deals d join pipeline_stages s on s.id = d.stage_id where d.tenant_id = $1 group by s.kind");
    expect(Object.fromEntries(stages.map((s) => [s.kind, s.n]))).toMatchObject({ open: expect.any(Number), won: 1, lost: 1 });
    expect((await q("select count(distinct stage_id)::int as n from deals where tenant_id = $1"))[0].n).toBeGreaterThanOrEqual(5);
    expect((await q("select bool_and(value_cents > 0) as ok from deals where tenant_id = $1"))[0].ok).toBe(true);
    const open = await q("select due_at from activities where tenant_id = $1 and system_event is null and completed_at is null and deleted_at is null and due_at is not null");
    const now = Date.now();
    expect(open.some((a) => a.due_at.getTime() < now)).toBe(true); // overdue
    expect(open.some((a) => a.due_at.getTime() >= now && a.due_at.getTime() < now + 86_400_000)).toBe(true); // due within the day

    // The viewer reads them through the app.
    const viewer = new Client(env().port, `demo.${env().rootDomain}`);
    expect(await viewer.login("viewer@demo.com", "demo-viewer-123")).toBeNull();
    const pipelines = await viewer.trpc<{ id: string; is_default: boolean }[]>("query", "crm.pipelines.list");
    const board = await viewer.trpc<unknown>("query", "crm.deals.board", { pipelineId: pipelines.data.find((p) => p.is_default)!.id });
    expect(board.error).toBeNull();
    expect(JSON.stringify(board.data)).toContain("Alvorada");
  });
});
