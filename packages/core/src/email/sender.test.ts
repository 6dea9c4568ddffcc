import { describe, expect, it } from "vitest";
import type { EmailMessage } from "../ports/email";
import { platformMail, tenantMail } from "./sender";
import { operatorTwoFactorChangedMail, workspacesMail } from "./templates";

const tenant = { id: "00000000-0000-4000-8000-000000000001", name: "Acme Vendas" };

describe("a mail's sender", () => {
  it("a new template sets no sender and still goes out under the workspace's name, filed under it", () => {
    const newTemplate = (name: string) => ({ subject: `Olá, ${name}`, html: `<p>Olá, ${name}</p>`, text: `Olá, ${name}` });
    const m = tenantMail(tenant, "ana@acme.test", newTemplate("Ana"));
    expect(m).toEqual({ to: "ana@acme.test", subject: "Olá, Ana", html: "<p>Olá, Ana</p>", text: "Olá, Ana", tenantId: tenant.id, fromName: "Acme Vendas" });
  });

  it("the platform's own mails (operators, the workspace finder) carry no tenant and no name, so EMAIL_FROM's applies", () => {
    for (const content of [operatorTwoFactorChangedMail("Olga", "enabled"), workspacesMail([])]) {
      const m = platformMail("olga@vendaflow.test", content);
      expect([m.fromName, m.tenantId]).toEqual([undefined, undefined]);
    }
  });

  it("a workspace's mail without its name does not type-check", () => {
    // @ts-expect-error: a mail filed under a tenant carries the tenant's name (tenantMail)
    const forgot: EmailMessage = { to: "a@acme.test", subject: "s", html: "h", text: "t", tenantId: tenant.id };
    expect(forgot.tenantId).toBe(tenant.id);
  });
});
