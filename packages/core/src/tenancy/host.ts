/** What a Host header addresses: the root domain, a tenant subdomain, or a candidate custom domain. */
export type HostTarget =
  | { kind: "root" }
  | { kind: "subdomain"; slug: string }
  | { kind: "custom"; domain: string };

/** rootDomain includes the port in dev ("localhost:3000"). Host is compared case-insensitively. */
export function parseHost(host: string | null | undefined, rootDomain: string): HostTarget {
  const h = (host ?? "").trim().toLowerCase().replace(/\.$/, "");
  const root = rootDomain.toLowerCase();
  if (!h || h === root || h === `www.${root}`) return { kind: "root" };
  if (h.endsWith(`.${root}`)) {
    const sub = h.slice(0, -(root.length + 1));
    // Only one label: a.b.root is not a tenant.
    if (/^[a-z0-9-]+$/.test(sub)) return { kind: "subdomain", slug: sub };
    return { kind: "custom", domain: h };
  }
  return { kind: "custom", domain: h.replace(/:\d+$/, "") };
}

