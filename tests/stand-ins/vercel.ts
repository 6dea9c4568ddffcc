import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local Vercel REST API for a project's domains, in Vercel's wire format (Bearer token, `teamId`
 * query, errors `{ error: { code, message } }`): `POST /v10/projects/{id}/domains`,
 * `GET|DELETE /v9/projects/{id}/domains/{domain}`, `POST /v9/projects/{id}/domains/{domain}/verify`
 * and `GET /v6/domains/{domain}/config`. A domain listed in `claimedElsewhere` comes back unverified
 * with a `_vercel` TXT challenge (Vercel's answer when another account uses it) until `setTxt`; it
 * stays misconfigured until `point` (the tenant's CNAME). `refuse` makes adding fail as Vercel does.
 */
export interface VercelDomain {
  name: string;
  apexName: string;
  projectId: string;
  verified: boolean;
  verification?: { type: string; domain: string; value: string; reason: string }[];
  createdAt: number;
  updatedAt: number;
}

export interface VercelStandIn {
  url: string;
  token: string;
  projectId: string;
  teamId: string;
  domains: Map<string, VercelDomain>;
  claimedElsewhere: Set<string>;
  refuse: Map<string, { status: number; code: string; message: string }>;
  /** The tenant created Vercel's TXT record: verify succeeds from now on. */
  setTxt(domain: string): void;
  /** The tenant's CNAME points at Vercel: the config is no longer misconfigured. */
  point(domain: string): void;
  requests: { method: string; path: string; teamId: string | null }[];
  close(): Promise<void>;
}

/** The registrable part, enough for the test domains (`a.b.example` → `b.example`). */
const apexOf = (d: string) => d.split(".").slice(-2).join(".");

export async function startVercelStandIn(): Promise<VercelStandIn> {
  const token = `vc_${randomBytes(12).toString("hex")}`;
  const projectId = `prj_${randomBytes(8).toString("hex")}`;
  const teamId = `team_${randomBytes(8).toString("hex")}`;
  const txtSet = new Set<string>();
  const pointed = new Set<string>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => handle(req, res, Buffer.concat(chunks).toString("utf8")));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const s: VercelStandIn = {
    url,
    token,
    projectId,
    teamId,
    domains: new Map(),
    claimedElsewhere: new Set(),
    refuse: new Map(),
    setTxt: (d) => void txtSet.add(d),
    point: (d) => void pointed.add(d),
    requests: [],
    close: () => new Promise((r) => server.close(() => r())),
  };

  function handle(req: http.IncomingMessage, res: http.ServerResponse, raw: string) {
    const u = new URL(req.url ?? "/", url);
    s.requests.push({ method: req.method ?? "", path: u.pathname, teamId: u.searchParams.get("teamId") });
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
      res.end(JSON.stringify(body));
    };
    const fail = (status: number, code: string, message: string) => send(status, { error: { code, message } });
    if (req.headers.authorization !== `Bearer ${token}`) return fail(403, "forbidden", "Not authorized");
    if (u.searchParams.get("teamId") !== teamId) return fail(403, "forbidden", "You don't have permission to access this team");
    const now = Date.now();
    let m: RegExpExecArray | null;

    if ((m = /^\/v6\/domains\/([^/]+)\/config$/.exec(u.pathname)) && req.method === "GET") {
      const d = decodeURIComponent(m[1]!);
      const apex = d === apexOf(d);
      const ok = pointed.has(d);
      return send(200, {
        configuredBy: ok ? (apex ? "A" : "CNAME") : null,
        acceptedChallenges: ok ? ["http-01"] : [],
        recommendedIPv4: [{ rank: 1, value: ["76.76.21.21"] }],
        recommendedCNAME: [{ rank: 1, value: "cname.vercel-dns.com." }],
        misconfigured: !ok,
      });
    }
    if ((m = /^\/v10\/projects\/([^/]+)\/domains$/.exec(u.pathname)) && req.method === "POST") {
      if (m[1] !== projectId) return fail(404, "not_found", "Project not found");
      let name = "";
      try {
        name = String((JSON.parse(raw) as { name?: unknown }).name ?? "");
      } catch {
        return fail(400, "bad_request", "Invalid JSON");
      }
      const refusal = s.refuse.get(name);
      if (refusal) return fail(refusal.status, refusal.code, refusal.message);
      if (!/^[a-z0-9.-]+\.[a-z]{2,}$/.test(name)) return fail(400, "invalid_domain", `The domain "${name}" is not valid`);
      if (s.domains.has(name)) return fail(400, "domain_already_in_use", `Cannot add ${name} since it's already in use by your account.`);
      const claimed = s.claimedElsewhere.has(name);
      const d: VercelDomain = {
        name,
        apexName: apexOf(name),
        projectId,
        verified: !claimed,
        ...(claimed ? { verification: [{ type: "TXT", domain: `_vercel.${apexOf(name)}`, value: `vc-domain-verify=${name},${randomBytes(10).toString("hex")}`, reason: "pending_domain_verification" }] } : {}),
        createdAt: now,
        updatedAt: now,
      };
      s.domains.set(name, d);
      return send(200, d);
    }
    if ((m = /^\/v9\/projects\/([^/]+)\/domains\/([^/]+)(\/verify)?$/.exec(u.pathname))) {
      const d = s.domains.get(decodeURIComponent(m[2]!));
      if (m[1] !== projectId || !d) return fail(404, "not_found", "The domain was not found on this project");
      if (m[3] && req.method === "POST") {
        if (!d.verified && !txtSet.has(d.name)) return fail(400, "missing_txt_record", `Domain ${d.name} was added to a different account. Please complete verification to add it to this account instead.`);
        d.verified = true;
        delete d.verification;
        d.updatedAt = now;
        return send(200, d);
      }
      if (req.method === "GET") return send(200, d);
      if (req.method === "DELETE") {
        s.domains.delete(d.name);
        return send(200, {});
      }
    }
    return fail(404, "not_found", "The requested endpoint does not exist");
  }
  return s;
}
