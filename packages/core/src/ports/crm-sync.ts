import type { CrmProvider } from "@vendaflow/validators/crm-sync";

/**
 * A tenant's outside CRM (Pipedrive, HubSpot) in domain words: contacts (their person / contact)
 * and deals, each with the remote's own version (its update time) so an echo of our own write is
 * recognised. Fields are already ours: phone as typed remotely (core normalises it), money in
 * BRL cents, stage as the remote stage id. Adapters in connectors/pipedrive and connectors/hubspot.
 */
export type CrmObjectKind = "contact" | "deal";

export interface CrmContactFields {
  name?: string | null;
  email?: string | null;
  phone?: string | null;
  company?: string | null;
}

export interface CrmDealFields {
  title?: string | null;
  valueCents?: number | null;
  stageId?: string | null;
  /** The remote contact the deal belongs to (when ours is linked). */
  contactId?: string | null;
}

export type CrmFields<K extends CrmObjectKind = CrmObjectKind> = K extends "contact" ? CrmContactFields : CrmDealFields;

export interface RemoteCrmRecord<K extends CrmObjectKind = CrmObjectKind> {
  kind: K;
  id: string;
  /** The remote's version of the object (its update time as it wrote it): equal versions = the same write. */
  version: string;
  updatedAt: Date;
  fields: CrmFields<K>;
  /** Deleted remotely (a webhook). */
  deleted?: boolean;
}

/** A credentials blob as stored (sealed) per connection; each adapter reads its own. */
export interface CrmCredentials {
  apiToken?: string;
  apiBase?: string | null;
  accessToken?: string;
  refreshToken?: string;
  expiresAt?: number;
}

export interface CrmClient {
  /** The account the credentials open (checked when connecting). */
  account(): Promise<{ id: string; name: string }>;
  /** Creates (id null) or updates the remote object; returns it as the remote now has it. */
  push<K extends CrmObjectKind>(kind: K, id: string | null, fields: CrmFields<K>): Promise<RemoteCrmRecord<K>>;
  /** The remote object now, or null when it is gone. */
  get<K extends CrmObjectKind>(kind: K, id: string): Promise<RemoteCrmRecord<K> | null>;
  /** Objects changed at or after `since` (all when null), oldest first, one page at a time. */
  changes<K extends CrmObjectKind>(kind: K, since: Date | null, cursor: string | null): Promise<{ records: RemoteCrmRecord<K>[]; cursor: string | null }>;
  /** The remote deal stages, for the mapping page. */
  stages(): Promise<{ id: string; name: string; pipeline: string }[]>;
  /**
   * Subscribes the remote's webhooks for contacts and deals to `url`, authenticated with `auth`
   * (HTTP Basic), replacing any earlier subscription to `url` (a reconnect's new password would
   * leave the old ones refused and retried); absent where webhooks belong to the app, not the
   * connection (HubSpot).
   */
  subscribe?(url: string, auth: { user: string; password: string }): Promise<void>;
  /**
   * Undoes at the remote what connecting set up, on disconnect: Pipedrive deletes its webhooks to
   * `webhookUrl`; HubSpot uninstalls the app from the portal (which ends its webhooks there; HubSpot
   * e-mails the portal's super admins), unless `lastOfAccount` is false: another tenant's
   * connection still uses that portal's install.
   */
  uninstall?(webhookUrl: string, opts: { lastOfAccount: boolean }): Promise<void>;
}

/** What an OAuth token endpoint grants (HubSpot: a 30-minute access token and a refresh token). */
export interface CrmTokens {
  accessToken: string;
  refreshToken: string;
  /** ms since the epoch; null when the provider did not say. */
  expiresAt: number | null;
}

/**
 * The platform's OAuth app for a provider (HubSpot: HUBSPOT_CLIENT_ID / HUBSPOT_CLIENT_SECRET),
 * adapter `connectors/hubspot/hubspot-oauth.ts`. A refused code or refresh token throws
 * CrmAuthError (the admin connects again); anything else an Error.
 */
export interface CrmOAuth {
  authorizeUrl(input: { state: string; redirectUri: string }): string;
  exchange(input: { code: string; redirectUri: string }, now: Date): Promise<CrmTokens>;
  refresh(refreshToken: string, now: Date): Promise<CrmTokens>;
}

export interface CrmSync {
  open(provider: CrmProvider, credentials: CrmCredentials): CrmClient;
  /** The OAuth app of each provider connected by OAuth, when this installation configured one. */
  oauth?: Partial<Record<CrmProvider, CrmOAuth | null>>;
}

/** The remote refused the credentials (revoked token): not retried, shown on the settings card. */
export class CrmAuthError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CrmAuthError";
  }
}

/** The remote's rate limit: retry after `retryAfterSeconds` (its Retry-After / reset header). */
export class CrmRateLimitedError extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
    this.name = "CrmRateLimitedError";
  }
}

// Name checks: instanceof fails across bundles.
export const isCrmAuthError = (err: unknown): err is CrmAuthError => err instanceof Error && err.name === "CrmAuthError";
export const isCrmRateLimited = (err: unknown): err is CrmRateLimitedError => err instanceof Error && err.name === "CrmRateLimitedError";
