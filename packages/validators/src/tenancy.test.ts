import { describe, expect, it } from "vitest";
import { signupInput } from "./auth";
import { customDomainInput, slugSchema, tenantSettingsInput, tenantThemeSchema } from "./tenancy";

describe("slugSchema", () => {
  it.each(["demo", "acme-2", "a1b", "x".repeat(63)])("accepts %s", (s) => {
    expect(slugSchema.parse(s)).toBe(s);
  });
  it("lowercases and trims before checking", () => {
    expect(slugSchema.parse("  Acme ")).toBe("acme");
  });
  it.each([
    ["ab", "pelo menos 3"],
    ["x".repeat(64), "no máximo 63"],
    ["com espaço", "letras minúsculas"],
    ["ação", "letras minúsculas"],
    ["-acme", "hífen"],
    ["www", "reservado"],
    ["api", "reservado"],
    ["admin", "reservado"],
    ["app", "reservado"],
  ])("refuses %s with a clear message", (s, msg) => {
    const r = slugSchema.safeParse(s);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toContain(msg);
  });
});

describe("signupInput", () => {
  it("reports every bad field with its path", () => {
    const r = signupInput.safeParse({ companyName: "", slug: "www", name: "A", email: "not-an-email", password: "123" });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["companyName", "slug", "name", "email", "password"]));
  });
  it("normalises the email", () => {
    const r = signupInput.parse({ companyName: "Acme", slug: "acme", name: "Ana", email: " Ana@Example.COM ", password: "12345678" });
    expect(r.email).toBe("ana@example.com");
  });
});

describe("theme and domains", () => {
  it("fills theme defaults and refuses bad colours", () => {
    expect(tenantThemeSchema.parse({})).toEqual({ primaryColor: "#2563eb", logoUrl: "", botName: "Assistente" });
    expect(tenantThemeSchema.safeParse({ primaryColor: "blue" }).error?.issues[0]?.path).toEqual(["primaryColor"]);
  });
  it("saves an https logo only, while stored themes keep loading", () => {
    const save = (logoUrl: string) => tenantSettingsInput.safeParse({ name: "Acme", theme: { logoUrl } });
    expect(save("https://cdn.acme.com.br/logo.png").success).toBe(true);
    expect(save("").success).toBe(true);
    for (const bad of ["http://cdn.acme.com.br/logo.png", "javascript:alert(1)", "data:image/png;base64,AA", `https://a.com/${"x".repeat(2048)}`]) {
      expect(save(bad).success).toBe(false);
    }
    expect(save("http://cdn.acme.com.br/logo.png").error?.issues[0]).toMatchObject({ path: ["theme", "logoUrl"], message: "Informe o endereço https:// da imagem do logotipo." });
    expect(tenantThemeSchema.parse({ logoUrl: "http://cdn.acme.com.br/logo.png" }).logoUrl).toBe("http://cdn.acme.com.br/logo.png");
  });

  it("accepts real domains only", () => {
    expect(customDomainInput.parse({ domain: "Vendas.Acme.com.br" }).domain).toBe("vendas.acme.com.br");
    for (const d of ["localhost", "-a.com", "a..com", "http://a.com"]) expect(customDomainInput.safeParse({ domain: d }).success).toBe(false);
  });
});
