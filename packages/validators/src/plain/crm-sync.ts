// crm-sync.ts's plain values (no zod): what client components import.

/** The outside CRMs a tenant can sync leads and deals with. */
export const crmProviders = ["pipedrive", "hubspot"] as const;
export type CrmProvider = (typeof crmProviders)[number];

/** Our lead's fields that can sync with the remote contact/person. */
export const crmContactFields = ["name", "email", "phone", "company"] as const;
export type CrmContactField = (typeof crmContactFields)[number];

/** Our deal's fields that can sync with the remote deal (stage through the stage pairs). */
export const crmDealFields = ["title", "value", "stage"] as const;
export type CrmDealField = (typeof crmDealFields)[number];

/** At most this many stage pairs per connection. */
export const MAX_CRM_STAGE_PAIRS = 100;
