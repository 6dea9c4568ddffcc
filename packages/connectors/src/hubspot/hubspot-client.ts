import { CrmAuthError, type CrmClient, type CrmContactFields, type CrmDealFields, type CrmObjectKind, type RemoteCrmRecord } from "@vendaflow/core/ports/crm-sync";
import { crmHttp } from "../crm/http";
import type { OutboundPolicy } from "../http/safe-fetch";
import { HUBSPOT_API_BASE } from "./hubspot-oauth";
import { contactRecord, dealRecord, HUBSPOT_CONTACT_PROPERTIES, HUBSPOT_DEAL_PROPERTIES, splitName } from "./records";

/** HubSpot-defined association type "deal to contact". */
const DEAL_TO_CONTACT = 3;

/**
 * HubSpot CRM API v3 with an OAuth access token (Bearer), contacts and deals: create (POST),
 * update (PATCH), read (GET with the properties the sync uses; deals with their contacts), changes
 * by search on the last-modified date (ascending, paged with `after`; a page of deals reads its
 * contacts with the v4 batch association read), deal pipelines for the
 * mapping page. Every call through the SSRF guard; errors and 429s as every CRM call
 * (crm/http.ts; HubSpot's Retry-After). Plain HTTP: `@hubspot/api-client` brings its own fetch,
 * which cannot go through safe-fetch's checked connection. Webhooks belong to the app, not the
 * connection: no subscribe.
 */
export function hubspotClient(opts: { accessToken: string; apiBase?: string; policy?: OutboundPolicy; timeoutMs?: number }): CrmClient {
  const call = crmHttp({ label: "HubSpot", base: opts.apiBase || HUBSPOT_API_BASE, headers: { authorization: `Bearer ${opts.accessToken}` }, policy: opts.policy, timeoutMs: opts.timeoutMs });
  let pipelines: Promise<{ id: string; label: string; stages: { id: string; label: string }[] }[]> | null = null;

  const type = (kind: CrmObjectKind) => (kind === "contact" ? "contacts" : "deals");
  const props = (kind: CrmObjectKind) => (kind === "contact" ? HUBSPOT_CONTACT_PROPERTIES : HUBSPOT_DEAL_PROPERTIES).join(",");
  const record = <K extends CrmObjectKind>(kind: K, raw: unknown) => (kind === "contact" ? contactRecord(raw) : dealRecord(raw)) as RemoteCrmRecord<K> | null;

  function readPipelines() {
    pipelines ??= call<{ results?: { id: string; label?: string; stages?: { id: string; label?: string }[] }[] }>("GET", "/crm/v3/pipelines/deals").then((r) =>
      (r.json?.results ?? []).map((p) => ({ id: String(p.id), label: String(p.label ?? ""), stages: (p.stages ?? []).map((s) => ({ id: String(s.id), label: String(s.label ?? "") })) })),
    );
    return pipelines;
  }

  function contactProps(f: CrmContactFields) {
    const p: Record<string, string> = {};
    if (f.name !== undefined) Object.assign(p, splitName(f.name));
    if (f.email !== undefined) p.email = f.email ?? "";
    if (f.phone !== undefined) p.phone = f.phone ?? "";
    if (f.company !== undefined) p.company = f.company ?? "";
    return p;
  }

  /** A deal's properties; its stage names its pipeline (HubSpot wants both); a new deal without a stage starts in the first pipeline's first stage. */
  async function dealProps(f: CrmDealFields, creating: boolean) {
    const p: Record<string, string> = {};
    if (f.title !== undefined) p.dealname = f.title || "(sem título)";
    if (f.valueCents !== undefined) p.amount = f.valueCents === null ? "" : (f.valueCents / 100).toFixed(2);
    if (f.stageId || creating) {
      const all = await readPipelines();
      const pipeline = f.stageId ? all.find((x) => x.stages.some((s) => s.id === f.stageId)) : all[0];
      const stage = f.stageId && pipeline ? f.stageId : pipeline?.stages[0]?.id;
      if (pipeline && stage) Object.assign(p, { pipeline: pipeline.id, dealstage: stage });
    }
    if (creating) p.deal_currency_code = "BRL";
    return p;
  }

  return {
    async account() {
      const r = await call<{ hub_id?: number; hub_domain?: string }>("GET", `/oauth/v1/access-tokens/${encodeURIComponent(opts.accessToken)}`);
      if (r.status === 404 || !r.json?.hub_id) throw new CrmAuthError("O HubSpot não reconheceu o token de acesso.");
      return { id: String(r.json.hub_id), name: r.json.hub_domain || `HubSpot ${r.json.hub_id}` };
    },
    async push(kind, id, fields) {
      let raw: unknown;
      if (kind === "contact") {
        const properties = contactProps(fields as CrmContactFields);
        raw = (id ? await call("PATCH", `/crm/v3/objects/contacts/${encodeURIComponent(id)}`, { properties }) : await call("POST", "/crm/v3/objects/contacts", { properties })).json;
      } else {
        const f = fields as CrmDealFields;
        const properties = await dealProps(f, !id);
        if (id) {
          if (f.contactId) await call("PUT", `/crm/v4/objects/deal/${encodeURIComponent(id)}/associations/default/contact/${encodeURIComponent(f.contactId)}`);
          raw = (await call("PATCH", `/crm/v3/objects/deals/${encodeURIComponent(id)}`, { properties })).json;
        } else {
          const associations = f.contactId ? [{ to: { id: f.contactId }, types: [{ associationCategory: "HUBSPOT_DEFINED", associationTypeId: DEAL_TO_CONTACT }] }] : [];
          raw = (await call("POST", "/crm/v3/objects/deals", { properties, associations })).json;
        }
      }
      const rec = record(kind, raw);
      if (!rec) throw new Error(`HubSpot: resposta sem ${kind === "contact" ? "contato" : "negócio"}.`);
      if (kind === "deal" && (fields as CrmDealFields).contactId) (rec.fields as CrmDealFields).contactId = (fields as CrmDealFields).contactId;
      return rec;
    },
    async get(kind, id) {
      const q = new URLSearchParams({ properties: props(kind), ...(kind === "deal" ? { associations: "contacts" } : {}) });
      const r = await call("GET", `/crm/v3/objects/${type(kind)}/${encodeURIComponent(id)}?${q.toString()}`);
      if (r.status === 404) return null;
      return record(kind, r.json);
    },
    async changes(kind, since, cursor) {
      // Contacts keep their last change in `lastmodifieddate`, other objects in `hs_lastmodifieddate`.
      const modified = kind === "contact" ? "lastmodifieddate" : "hs_lastmodifieddate";
      const body = {
        // GTE: records seen before come back as echoes (same version).
        filterGroups: since ? [{ filters: [{ propertyName: modified, operator: "GTE", value: String(since.getTime()) }] }] : [],
        sorts: [{ propertyName: modified, direction: "ASCENDING" }],
        properties: props(kind).split(","),
        limit: 100,
        ...(cursor ? { after: cursor } : {}),
      };
      const r = await call<{ results?: unknown[]; paging?: { next?: { after?: string } | null } | null }>("POST", `/crm/v3/objects/${type(kind)}/search`, body);
      const records = (r.json?.results ?? []).flatMap((raw) => record(kind, raw) ?? []);
      // Search answers no associations: a page of deals reads its contacts in one batch (v4).
      if (kind === "deal" && records.length) {
        const a = await call<{ results?: { from?: { id?: string | number }; to?: { toObjectId?: string | number }[] }[] }>("POST", "/crm/v4/associations/deal/contact/batch/read", { inputs: records.map((x) => ({ id: x.id })) });
        const contactOf = new Map((a.json?.results ?? []).map((x) => [String(x.from?.id ?? ""), x.to?.[0]?.toObjectId]));
        for (const rec of records) {
          const to = contactOf.get(rec.id);
          (rec.fields as CrmDealFields).contactId = to === undefined || to === null ? null : String(to);
        }
      }
      return { records, cursor: r.json?.paging?.next?.after ?? null };
    },
    async stages() {
      return (await readPipelines()).flatMap((p) => p.stages.map((s) => ({ id: s.id, name: s.label, pipeline: p.label })));
    },
    // The app's install is the portal's: another tenant's connection to it keeps it.
    async uninstall(_webhookUrl, { lastOfAccount }) {
      if (lastOfAccount) await call("DELETE", "/appinstalls/v3/external-install");
    },
  };
}
