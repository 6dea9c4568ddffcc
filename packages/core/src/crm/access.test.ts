import { describe, expect, it } from "vitest";
import { assertCanAssign, assertCanWork } from "./access";

const me = "11111111-1111-4111-8111-111111111111";
const other = "22222222-2222-4222-8222-222222222222";

describe("CRM access", () => {
  it("agents work their own and unassigned records, not another agent's", () => {
    const agent = { userId: me, role: "agent" as const };
    expect(() => assertCanWork(agent, me)).not.toThrow();
    expect(() => assertCanWork(agent, null)).not.toThrow();
    expect(() => assertCanWork(agent, other)).toThrow(/outro agente/);
  });
  it("viewers never write; admins always may", () => {
    expect(() => assertCanWork({ userId: me, role: "viewer" }, null)).toThrow(/consultar/);
    expect(() => assertCanWork({ userId: me, role: "admin" }, other)).not.toThrow();
  });
  it("only admins give a record to someone else", () => {
    expect(() => assertCanAssign({ userId: me, role: "agent" }, other)).toThrow(/administradores/);
    expect(() => assertCanAssign({ userId: me, role: "agent" }, me)).not.toThrow();
    expect(() => assertCanAssign({ userId: me, role: "admin" }, other)).not.toThrow();
  });
});
