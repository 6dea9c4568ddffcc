import { afterAll, describe, expect, it } from "vitest";
import { closeOwner, createTenant, loginOperator } from "../support/fixtures";

afterAll(closeOwner);

describe("ids of another tenant (or of nothing) get a clear error and write nothing", () => {
  it("agent profiles, business hours and routing rules refuse foreign users and teams", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const adminB = await b.loginAs("admin");
    const teamB = await adminB.trpc<{ id: string }>("mutation", "routing.saveTeam", { name: "Time B", distribution: "round_robin", memberIds: [] });
    expect(teamB.error).toBeNull();

    const adminA = await a.loginAs("admin");
    const profile = await adminA.trpc("mutation", "routing.saveAgentProfile", { userId: b.users.agent.id, capacity: 3, skills: [] });
    expect(profile.error?.data).toMatchObject({ code: "BAD_REQUEST", details: { field: "userId" } });
    const hours = await adminA.trpc("mutation", "routing.saveBusinessHours", { teamId: teamB.data.id, timezone: "America/Sao_Paulo", weekly: [{ day: 1, open: "09:00", close: "18:00" }], holidays: [] });
    expect(hours.error?.data).toMatchObject({ code: "BAD_REQUEST", details: { field: "teamId" } });
    const rule = await adminA.trpc("mutation", "routing.saveRule", { name: "Roubo", priority: 1, conditions: [], actions: [{ type: "assign_team", teamId: teamB.data.id }], isActive: true });
    expect(rule.error?.data).toMatchObject({ code: "BAD_REQUEST", details: { field: "actions" } });
    const agentRule = await adminA.trpc("mutation", "routing.saveRule", { name: "Roubo 2", priority: 1, conditions: [], actions: [{ type: "assign_agent", userId: b.users.agent.id }], isActive: true });
    expect(agentRule.error?.data.code).toBe("BAD_REQUEST");
    expect((await adminA.trpc<unknown[]>("query", "routing.rules")).data).toEqual([]);
  });

  it("the operator console answers NOT_FOUND for a tenant that does not exist", async () => {
    const { client: root } = await loginOperator();
    const res = await root.trpc("mutation", "operator.openTenant", { tenantId: "00000000-0000-4000-8000-000000000000" });
    expect(res.error?.data.code).toBe("NOT_FOUND");
  });
});
