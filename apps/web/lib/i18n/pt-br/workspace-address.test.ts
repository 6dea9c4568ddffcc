import { describe, expect, it } from "vitest";
import { workspaceAddress as text } from "./workspace-address";

// What the address card says about sessions (core/auth/sessions.ts revokeTenantSessions): the
// subdomain's end, the verified custom domain's stay, and the admin is told which one they are.
describe("the address card's session texts", () => {
  it("without a verified custom domain: every session ends, the admin's too", () => {
    expect(text.confirmDescription(5, null, false)).toContain("Todas as sessões do espaço serão encerradas: todos (você também) precisarão entrar de novo no novo endereço");
    expect(text.doneHint(null, false)).toContain("inclusive a sua");
  });

  it("with one: the subdomain's end, the domain's stay; the admin signed in on the domain stays", () => {
    const d = "vendas.loja.com.br";
    const fromSubdomain = text.confirmDescription(5, d, false);
    expect(fromSubdomain).toContain("As sessões abertas no endereço atual serão encerradas: quem entrou por ele (você também) precisará entrar de novo");
    expect(fromSubdomain).toContain(`Quem entrou pelo domínio ${d} continua conectado.`);
    expect(text.confirmDescription(5, d, true)).toContain(`Quem entrou pelo domínio ${d}, como você, continua conectado.`);
    expect(text.confirmDescription(5, d, true)).not.toContain("você também");
    expect(text.doneHint(d, false)).toContain("inclusive a sua");
    expect(text.doneHint(d, true)).toBe(`As sessões do endereço antigo foram encerradas. A sua continua: você entrou pelo domínio ${d}, que não mudou.`);
  });
});
