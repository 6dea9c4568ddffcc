import { z } from "zod";
import { crmContactFields, crmDealFields, crmProviders, MAX_CRM_STAGE_PAIRS } from "./plain/crm-sync";
export { crmContactFields, crmDealFields, crmProviders, MAX_CRM_STAGE_PAIRS } from "./plain/crm-sync";
export type { CrmContactField, CrmDealField, CrmProvider } from "./plain/crm-sync";

// CRM sync (docs/integrations.md "CRM sync"): a tenant's Pipedrive / HubSpot connection, its field
// mapping, the push and pull jobs, and the providers' webhook wire shapes. Limits match
// db/migrations/0135_crm_sync.sql.

export const crmProvider = z.enum(crmProviders);

/**
 * Which fields sync, per side, and which of our stages is which remote stage. Stored per
 * connection (crm_sync_connections.field_mapping); a missing key reads as the default (on).
 */
export const crmFieldMapping = z.object({
  contact: z.partialRecord(z.enum(crmContactFields), z.boolean()).default({}),
  deal: z.partialRecord(z.enum(crmDealFields), z.boolean()).default({}),
  stages: z
    .array(z.object({ localStageId: z.uuid({ error: "Etapa inválida." }), remoteStageId: z.string().trim().min(1).max(64, { error: "ID da etapa remota muito longo." }) }))
    .max(MAX_CRM_STAGE_PAIRS, { error: `No máximo ${MAX_CRM_STAGE_PAIRS} pares de etapas.` })
    .default([]),
});
export type CrmFieldMapping = z.infer<typeof crmFieldMapping>;

/** Pipedrive by API token (Configurações → Pessoal → API); the company domain when the account has one. */
export const connectPipedriveInput = z.object({
  apiToken: z.string().trim().max(64, { error: "O token da API do Pipedrive tem no máximo 64 caracteres." }).regex(/^[A-Za-z0-9]{20,64}$/, { error: "O token da API do Pipedrive tem de 20 a 64 letras e números (Configurações pessoais → API)." }),
  companyDomain: z
    .string()
    .trim()
    .toLowerCase()
    .max(63, { error: "O subdomínio tem no máximo 63 caracteres." })
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, { error: "Informe só o subdomínio da empresa (ex.: acme para acme.pipedrive.com)." })
    .optional()
    .or(z.literal("").transform(() => undefined)),
});
export type ConnectPipedriveInput = z.infer<typeof connectPipedriveInput>;

export const crmProviderInput = z.object({ provider: crmProvider });
export const saveCrmMappingInput = z.object({ provider: crmProvider, mapping: crmFieldMapping });
export type SaveCrmMappingInput = z.infer<typeof saveCrmMappingInput>;

/** One push run of a connection's outbox (QStash / local scheduler). */
export const crmSyncPushJobSchema = z.object({ tenantId: z.uuid(), connectionId: z.uuid(), attempt: z.number().int().min(0).max(50).default(0) });
export type CrmSyncPushJob = z.infer<typeof crmSyncPushJobSchema>;

/** One scheduled pull of a connection (reschedules itself). */
export const crmSyncPullJobSchema = z.object({ tenantId: z.uuid(), connectionId: z.uuid(), slot: z.number().int().min(0).optional() });
export type CrmSyncPullJob = z.infer<typeof crmSyncPullJobSchema>;

const pipedriveId = z.union([z.number().int().nonnegative(), z.string().regex(/^\d{1,20}$/)]).transform(String);
const pipedriveContact = z.object({ value: z.string().max(1000).nullish(), primary: z.boolean().nullish(), label: z.string().max(100).nullish() });

/** A Pipedrive API v2 person (the webhooks v2 `data` has the same shape). */
export const pipedrivePerson = z.looseObject({
  id: pipedriveId,
  name: z.string().max(1000).nullish(),
  emails: z.array(pipedriveContact).max(100).nullish(),
  phones: z.array(pipedriveContact).max(100).nullish(),
  org_id: pipedriveId.nullish(),
  update_time: z.string().max(64).nullish(),
});
export type PipedrivePerson = z.infer<typeof pipedrivePerson>;

/** A Pipedrive API v2 deal. */
export const pipedriveDeal = z.looseObject({
  id: pipedriveId,
  title: z.string().max(1000).nullish(),
  value: z.number().nullish(),
  currency: z.string().max(8).nullish(),
  stage_id: pipedriveId.nullish(),
  status: z.string().max(20).nullish(),
  person_id: pipedriveId.nullish(),
  update_time: z.string().max(64).nullish(),
});
export type PipedriveDeal = z.infer<typeof pipedriveDeal>;

/**
 * Pipedrive webhooks v2: `meta` says what happened to which object, `data` is the object as API v2
 * returns it (null on delete). Objects we do not sync parse too (their data is left unread).
 */
export const pipedriveWebhookSchema = z.object({
  meta: z.looseObject({
    action: z.string().max(40),
    entity: z.string().max(40),
    entity_id: pipedriveId,
    id: z.string().max(100).optional(),
    timestamp: z.string().max(64).optional(),
    change_source: z.string().max(40).nullish(),
  }),
  data: z.looseObject({}).nullish(),
  previous: z.looseObject({}).nullish(),
});
export type PipedriveWebhook = z.infer<typeof pipedriveWebhookSchema>;

const hubspotId = z.union([z.number().int().nonnegative(), z.string().regex(/^\d{1,20}$/)]).transform(String);
const hubspotProp = z.string().max(65_536).nullish();

/**
 * A HubSpot CRM v3 object (contact or deal) as `GET /crm/v3/objects/{type}/{id}`, search and
 * create / update answer it: every property a string (or null), `updatedAt` in RFC 3339 with
 * milliseconds; `associations.contacts.results` when asked for.
 */
export const hubspotObject = z.looseObject({
  id: hubspotId,
  properties: z.record(z.string().max(200), hubspotProp).default({}),
  updatedAt: z.string().max(64).nullish(),
  archived: z.boolean().nullish(),
  associations: z.record(z.string().max(100), z.looseObject({ results: z.array(z.looseObject({ id: hubspotId, type: z.string().max(100).nullish() })).max(500).default([]) })).nullish(),
});
export type HubSpotObject = z.infer<typeof hubspotObject>;

/**
 * HubSpot webhooks (the app's subscriptions): a JSON array of up to 100 events, each naming its
 * portal (account), the object and what happened (`contact.propertyChange`, `deal.creation`,
 * `contact.deletion`, …). Properties are not carried beyond the one that changed: the sync reads
 * the object itself. Event types we do not sync parse too (and are acknowledged, unused).
 */
export const hubspotWebhookEvent = z.looseObject({
  eventId: hubspotId,
  subscriptionType: z.string().max(100),
  portalId: hubspotId,
  objectId: hubspotId,
  occurredAt: z.number().int().nonnegative().optional(),
  attemptNumber: z.number().int().nonnegative().optional(),
  propertyName: z.string().max(200).optional(),
  changeSource: z.string().max(100).optional(),
});
export type HubSpotWebhookEvent = z.infer<typeof hubspotWebhookEvent>;
export const hubspotWebhookSchema = z.array(hubspotWebhookEvent).min(1).max(200);
