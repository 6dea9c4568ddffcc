import { describe, expect, it } from "vitest";
import { auditListInput, inviteUserInput, roleSchema } from "./users";

describe("users inputs", () => {
  it("knows three roles and says which", () => {
    expect(roleSchema.parse("viewer")).toBe("viewer");
    expect(roleSchema.safeParse("owner").error!.issues[0]!.message).toBe("Papel inválido: use admin, agent ou viewer.");
  });
  it("invites by e-mail with a role", () => {
    expect(inviteUserInput.safeParse({ email: "ana@empresa.com.br", role: "agent" }).success).toBe(true);
    expect(inviteUserInput.safeParse({ email: "ana", role: "agent" }).success).toBe(false);
  });
  it("reads the audit filter's dates from strings and pages 25 by default", () => {
    const r = auditListInput.parse({ from: "2026-12-01", to: "2026-12-02T10:00:00Z" });
    expect(r.from).toEqual(new Date("2026-12-01"));
    expect(r.limit).toBe(25);
    expect(auditListInput.safeParse({ from: "ontem" }).success).toBe(false);
  });
});
