import { CrmAuthError, type CrmClient, type CrmContactFields, type CrmDealFields, type CrmObjectKind, type RemoteCrmRecord } from "@vendaflow/core/ports/crm-sync";
import { crmHttp } from "../crm/http";
import type { OutboundPolicy } from "../http/safe-fetch";
import { dealRecord, personRecord } from "./records";

/**
 * Pipedrive by API token, REST API v2 for persons, deals, organisations and stages, v1 for what v2
 * lacks (users/me, webhooks). Plain HTTP through the SSRF guard: the official `pipedrive` SDK is
 * built on axios, whose requests cannot be sent through safe-fetch's checked connection.
 * `x-api-token` authenticates; errors and 429s as every CRM call (crm/http.ts; the wait from
 * Retry-After, else x-ratelimit-reset).
 */
export function pipedriveClient(opts: { apiToken: string; apiBase: string; policy?: OutboundPolicy; timeoutMs?: number }): CrmClient {
  const orgNames = new Map<string, string | null>();

  const call = crmHttp({ label: "Pipedrive", base: opts.apiBase, headers: { "x-api-token": opts.apiToken }, policy: opts.policy, timeoutMs: opts.timeoutMs, resetHeader: "x-ratelimit-reset" });

  type One = { data?: Record<string, unknown> | null };
  type Many = { data?: Record<string, unknown>[] | null; additional_data?: { next_cursor?: string | null } | null };

  async function orgName(id: unknown): Promise<string | null> {
    if (id === null || id === undefined) return null;
    const key = String(id);
    if (!orgNames.has(key)) {
      const r = await call<One>("GET", `/api/v2/organizations/${encodeURIComponent(key)}`);
      orgNames.set(key, r.status === 404 ? null : (((r.json.data?.name as string | undefined) ?? null)));
    }
    return orgNames.get(key)!;
  }

  /** The organisation named `name` (exact match), created when there is none. */
  async function orgId(name: string): Promise<number> {
    const found = await call<{ data?: { items?: { item?: { id: number; name: string } }[] } }>("GET", `/api/v2/organizations/search?term=${encodeURIComponent(name)}&fields=name&exact_match=true&limit=1`);
    const hit = found.json.data?.items?.[0]?.item;
    if (hit) return hit.id;
    const created = await call<One>("POST", "/api/v2/organizations", { name });
    return Number(created.json.data?.id);
  }

  async function toPerson(raw: Record<string, unknown> | null | undefined) {
    if (!raw) return null;
    return personRecord(raw, await orgName(raw.org_id));
  }

  async function personBody(f: CrmContactFields) {
    const body: Record<string, unknown> = {};
    if (f.name !== undefined) body.name = f.name || "(sem nome)";
    if (f.email !== undefined) body.emails = f.email ? [{ value: f.email, primary: true, label: "work" }] : [];
    if (f.phone !== undefined) body.phones = f.phone ? [{ value: f.phone, primary: true, label: "mobile" }] : [];
    if (f.company !== undefined) body.org_id = f.company ? await orgId(f.company) : null;
    return body;
  }

  function dealBody(f: CrmDealFields) {
    const body: Record<string, unknown> = {};
    if (f.title !== undefined) body.title = f.title || "(sem título)";
    if (f.valueCents !== undefined) {
      body.value = f.valueCents === null ? 0 : f.valueCents / 100;
      body.currency = "BRL";
    }
    if (f.stageId) body.stage_id = Number(f.stageId);
    if (f.contactId) body.person_id = Number(f.contactId);
    return body;
  }

  /** Deletes the company's webhooks that deliver to `url` (GET /v1/webhooks lists them all). */
  async function deleteWebhooksTo(url: string) {
    const listed = await call<Many>("GET", "/v1/webhooks");
    for (const w of listed.json.data ?? []) if (w.subscription_url === url) await call("DELETE", `/v1/webhooks/${encodeURIComponent(String(w.id))}`);
  }

  const path = (kind: CrmObjectKind) => (kind === "contact" ? "persons" : "deals");
  const record = async <K extends CrmObjectKind>(kind: K, raw: Record<string, unknown> | null | undefined) =>
    (kind === "contact" ? await toPerson(raw) : raw ? dealRecord(raw) : null) as RemoteCrmRecord<K> | null;

  return {
    async account() {
      const r = await call<{ data?: { company_id?: number; company_name?: string; name?: string } }>("GET", "/v1/users/me");
      if (r.status === 404 || !r.json.data) throw new CrmAuthError("Pipedrive não reconheceu o token.");
      return { id: String(r.json.data.company_id ?? ""), name: r.json.data.company_name ?? r.json.data.name ?? "Pipedrive" };
    },
    async push(kind, id, fields) {
      const body = kind === "contact" ? await personBody(fields as CrmContactFields) : dealBody(fields as CrmDealFields);
      const r = id ? await call<One>("PATCH", `/api/v2/${path(kind)}/${encodeURIComponent(id)}`, body) : await call<One>("POST", `/api/v2/${path(kind)}`, body);
      const rec = await record(kind, r.json.data);
      if (!rec) throw new Error(`Pipedrive: resposta sem ${kind === "contact" ? "pessoa" : "negócio"}.`);
      return rec;
    },
    async get(kind, id) {
      const r = await call<One>("GET", `/api/v2/${path(kind)}/${encodeURIComponent(id)}`);
      if (r.status === 404) return null;
      return record(kind, r.json.data);
    },
    async changes(kind, since, cursor) {
      const q = new URLSearchParams({ sort_by: "update_time", sort_direction: "asc", limit: "100" });
      // updated_since is inclusive of the second: records seen before come back as echoes (same version).
      if (since) q.set("updated_since", since.toISOString().replace(/\.\d{3}Z$/, "Z"));
      if (cursor) q.set("cursor", cursor);
      const r = await call<Many>("GET", `/api/v2/${path(kind)}?${q.toString()}`);
      const records = [];
      for (const raw of r.json.data ?? []) {
        const rec = await record(kind, raw);
        if (rec) records.push(rec);
      }
      return { records, cursor: r.json.additional_data?.next_cursor ?? null };
    },
    async stages() {
      const [stages, pipelines] = await Promise.all([call<Many>("GET", "/api/v2/stages?limit=500"), call<Many>("GET", "/api/v2/pipelines?limit=500")]);
      const names = new Map((pipelines.json.data ?? []).map((p) => [String(p.id), String(p.name ?? "")]));
      return (stages.json.data ?? []).map((s) => ({ id: String(s.id), name: String(s.name ?? ""), pipeline: names.get(String(s.pipeline_id)) ?? "" }));
    },
    async subscribe(url, auth) {
      await deleteWebhooksTo(url);
      for (const object of ["person", "deal"]) {
        await call("POST", "/v1/webhooks", { subscription_url: url, event_action: "*", event_object: object, http_auth_user: auth.user, http_auth_password: auth.password, version: "2.0" });
      }
    },
    // Each connection has webhooks of its own URL: delete them whoever else uses the company.
    uninstall: (webhookUrl) => deleteWebhooksTo(webhookUrl),
  };
}
