/**
 * The hosting platform's side of a tenant's custom domain (Vercel's domains API): the domain must be
 * on the project before the platform routes it and issues its certificate. Ours (the `_vendaflow`
 * TXT record, tenancy/settings.ts) proves the tenant owns it; this port proves the platform serves it.
 */

/** A record the tenant creates at their DNS provider. */
export interface DnsRecord {
  type: "A" | "CNAME" | "TXT";
  name: string;
  value: string;
}

export interface HostedDomain {
  /** On the project. False when it was never added or was removed on the platform's side. */
  added: boolean;
  /** The platform accepts the domain as this project's (false while its own TXT challenge is pending). */
  verified: boolean;
  /** DNS does not point at the platform yet: no certificate, no traffic. */
  misconfigured: boolean;
  /** What to set: the platform's TXT challenge (when pending) and the CNAME, or A for an apex. */
  records: DnsRecord[];
}

/** A refusal the admin can act on (domain taken by another platform account, invalid name). */
export class DomainHostRefused extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = "DomainHostRefused";
  }
}

/** By name, not instanceof: a bundler may load the port module twice (once per package that imports it). */
export const isDomainHostRefused = (err: unknown): err is DomainHostRefused => err instanceof Error && err.name === "DomainHostRefused";

export interface DomainHost {
  /** Adds the domain to the project (already there is fine) and returns its state. */
  add(domain: string): Promise<HostedDomain>;
  /** Asks the platform to check its TXT challenge now; returns the state after. */
  verify(domain: string): Promise<HostedDomain>;
  status(domain: string): Promise<HostedDomain>;
  /** Takes the domain off the project (already gone is fine). */
  remove(domain: string): Promise<void>;
}
