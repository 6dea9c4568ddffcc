import { describe, expect, it } from "vitest";
import { parseHost } from "./host";

describe("parseHost", () => {
  const root = "localhost:3000";
  it("recognises the root domain and www", () => {
    expect(parseHost("localhost:3000", root)).toEqual({ kind: "root" });
    expect(parseHost("www.localhost:3000", root)).toEqual({ kind: "root" });
    expect(parseHost(null, root)).toEqual({ kind: "root" });
  });
  it("extracts a one-label subdomain, case-insensitively", () => {
    expect(parseHost("Demo.localhost:3000", root)).toEqual({ kind: "subdomain", slug: "demo" });
  });
  it("treats deeper names and other hosts as custom-domain candidates", () => {
    expect(parseHost("a.b.localhost:3000", root)).toEqual({ kind: "custom", domain: "a.b.localhost:3000" });
    expect(parseHost("vendas.acme.com.br", "vendaflow.com.br")).toEqual({ kind: "custom", domain: "vendas.acme.com.br" });
    expect(parseHost("evil.com:8080", root)).toEqual({ kind: "custom", domain: "evil.com" });
  });
  it("does not match a look-alike suffix", () => {
    expect(parseHost("demo.notlocalhost:3000", root).kind).toBe("custom");
  });
});
