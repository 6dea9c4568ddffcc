import { describe, expect, it } from "vitest";
import { TOKEN_TTL_MS } from "../auth/tokens";
import { tenantMail } from "./sender";
import { inviteMail, notificationDigestMail, resetPasswordMail, verifyEmailMail, workspacesMail } from "./templates";

const brand = { name: "Acme <Vendas>", theme: { primaryColor: "#ff0000", logoUrl: "", botName: "Bot" } };
const tenant = { id: "00000000-0000-4000-8000-000000000001", ...brand };

describe("email templates", () => {
  it("theme the mail with the tenant's colour and escape tenant text", () => {
    const m = inviteMail(brand, "Ana \"Admin\"", "agente", "http://acme.localhost:3000/accept-invite?token=abc");
    expect(m.html).toContain("#ff0000");
    expect(m.html).toContain("Acme &#60;Vendas&#62;");
    expect(m.html).not.toContain("<Vendas>");
    expect(m.text).toContain("http://acme.localhost:3000/accept-invite?token=abc");
    expect(m.subject).toBe("Convite para Acme <Vendas>");
  });
  it("reset mail carries the link in both parts", () => {
    const m = resetPasswordMail(brand, "http://acme.localhost:3000/reset-password?token=t");
    expect(m.html).toContain("reset-password?token=t");
    expect(m.text).toContain("reset-password?token=t");
  });
  it("verification mail says how long its link lasts, as long as the token does", () => {
    const m = verifyEmailMail(brand, "Ana", "http://acme.localhost:3000/verify-email?token=t");
    const hours = TOKEN_TTL_MS.verify_email / 3600_000;
    expect(m.text).toContain(`vale por ${hours} horas`);
    expect(m.html).toContain(`vale por ${hours} horas`);
  });
  it("workspace finder lists every workspace, or says there is none", () => {
    expect(workspacesMail([{ name: "A", url: "http://a/login" }, { name: "B", url: "http://b/login" }]).text).toMatch(/A: http:\/\/a\/login[\s\S]*B: http:\/\/b\/login/);
    expect(workspacesMail([]).text).toContain("Não encontramos");
  });
  it("a workspace's mails carry its name as sender and never the platform's (white-label)", () => {
    const m = tenantMail(tenant, "ana@acme.test", notificationDigestMail(brand, "Ana", [{ label: "Lead atribuído a você", name: "Bia", url: "http://acme.localhost:3000/leads/1" }], "http://acme.localhost:3000/profile"));
    expect(m.fromName).toBe("Acme <Vendas>");
    expect(m.subject).toBe("1 notificação em Acme <Vendas>");
    expect(m.text).toContain("Você tem uma notificação não lida em Acme <Vendas>:");
    expect(`${m.subject}${m.html}${m.text}`).not.toContain("Vendaflow");
    expect(tenantMail(tenant, "bia@acme.test", inviteMail(brand, "Ana", "agente", "http://x")).fromName).toBe("Acme <Vendas>");
  });
});
