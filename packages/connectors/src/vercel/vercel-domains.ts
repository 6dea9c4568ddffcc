import { VercelCore } from "@vercel/sdk/core.js";
import { domainsGetDomainConfig } from "@vercel/sdk/funcs/domainsGetDomainConfig.js";
import { projectsAddProjectDomain } from "@vercel/sdk/funcs/projectsAddProjectDomain.js";
import { projectsGetProjectDomain } from "@vercel/sdk/funcs/projectsGetProjectDomain.js";
import { projectsRemoveProjectDomain } from "@vercel/sdk/funcs/projectsRemoveProjectDomain.js";
import { projectsVerifyProjectDomain } from "@vercel/sdk/funcs/projectsVerifyProjectDomain.js";
import { DomainHostRefused, type DnsRecord, type DomainHost, type HostedDomain } from "@vendaflow/core/ports/domains";

export interface VercelDomainsOptions {
  token: string;
  /** The project's id (prj_…) or name. */
  project: string;
  /** For team projects. */
  teamId?: string;
  /** https://api.vercel.com, or a stand-in. */
  apiBase?: string;
  timeoutMs?: number;
}

type Verification = { type: string; domain: string; value: string };
type Unwrapped<T> = { ok: true; value: T } | { ok: false; error: unknown };

const statusOf = (err: unknown) => (err as { statusCode?: number }).statusCode;

/** Vercel's `{ error: { code, message } }`, when the error carries it. */
function vercelError(err: unknown): { code: string; message: string } {
  try {
    const parsed = JSON.parse((err as { body?: string }).body ?? "") as { error?: { code?: string; message?: string } };
    return { code: parsed.error?.code ?? "unknown", message: parsed.error?.message ?? String(err) };
  } catch {
    return { code: "unknown", message: err instanceof Error ? err.message : String(err) };
  }
}

/** The DNS name relative to the apex, as a DNS provider's form wants it ("@" for the apex itself). */
function hostLabel(domain: string, apex: string) {
  return domain === apex ? "@" : domain.slice(0, -(apex.length + 1));
}

/**
 * Tenants' custom domains on the Vercel project, through Vercel's official SDK (standalone functions
 * keep the bundle to the five calls used): add to the project, its TXT challenge when the domain is
 * in use on another Vercel account, the CNAME (or A for an apex) from the domain's config, verify, remove.
 */
export function vercelDomains(o: VercelDomainsOptions): DomainHost {
  const client = new VercelCore({ bearerToken: o.token, serverURL: o.apiBase ?? "https://api.vercel.com", timeoutMs: o.timeoutMs ?? 5_000, retryConfig: { strategy: "none" } });
  const scope = o.teamId ? { teamId: o.teamId } : {};

  async function unwrap<T>(p: Promise<Unwrapped<T>>): Promise<T> {
    const r = await p;
    if (r.ok) return r.value;
    throw r.error;
  }

  async function state(domain: string, found: { verified: boolean; apexName: string; verification?: Verification[] } | null): Promise<HostedDomain> {
    if (!found) return { added: false, verified: false, misconfigured: true, records: [] };
    const config = await unwrap(domainsGetDomainConfig(client, { domain, projectIdOrName: o.project, ...scope }));
    const records: DnsRecord[] = [];
    if (!found.verified) for (const v of found.verification ?? []) if (v.type === "TXT") records.push({ type: "TXT", name: v.domain, value: v.value });
    const cname = [...config.recommendedCNAME].sort((a, b) => a.rank - b.rank)[0]?.value;
    const ipv4 = [...config.recommendedIPv4].sort((a, b) => a.rank - b.rank)[0]?.value[0];
    const label = hostLabel(domain, found.apexName);
    if (label !== "@" && cname) records.push({ type: "CNAME", name: label, value: cname.replace(/\.$/, "") });
    else if (ipv4) records.push({ type: "A", name: label, value: ipv4 });
    return { added: true, verified: found.verified, misconfigured: config.misconfigured, records };
  }

  async function find(domain: string) {
    try {
      return await unwrap(projectsGetProjectDomain(client, { idOrName: o.project, domain, ...scope }));
    } catch (err) {
      if (statusOf(err) === 404) return null;
      throw err;
    }
  }

  async function add(domain: string): Promise<HostedDomain> {
    const existing = await find(domain);
    if (existing) return state(domain, existing);
    try {
      const added = await unwrap(projectsAddProjectDomain(client, { idOrName: o.project, ...scope, requestBody: { name: domain } }));
      return state(domain, added);
    } catch (err) {
      const status = statusOf(err);
      if (status === 400 || status === 403 || status === 409) {
        const e = vercelError(err);
        throw new DomainHostRefused(e.code, e.message);
      }
      throw err;
    }
  }

  return {
    add,
    async verify(domain) {
      const existing = await find(domain);
      if (!existing) return add(domain);
      if (existing.verified) return state(domain, existing);
      try {
        return state(domain, await unwrap(projectsVerifyProjectDomain(client, { idOrName: o.project, domain, ...scope })));
      } catch (err) {
        // 400 = the challenge is not there yet: the state still lists what to set.
        if (statusOf(err) === 400) return state(domain, existing);
        throw err;
      }
    },
    async status(domain) {
      return state(domain, await find(domain));
    },
    async remove(domain) {
      try {
        await unwrap(projectsRemoveProjectDomain(client, { idOrName: o.project, domain, ...scope }));
      } catch (err) {
        if (statusOf(err) !== 404) throw err;
      }
    },
  };
}
