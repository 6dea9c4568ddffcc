import type { CrmSync } from "@vendaflow/core/ports/crm-sync";
import type { OutboundPolicy } from "../http/safe-fetch";
import { hubspotClient } from "../hubspot/hubspot-client";
import { hubspotOAuth } from "../hubspot/hubspot-oauth";
import { pipedriveClient } from "../pipedrive/pipedrive-client";

/**
 * The CrmSync port: Pipedrive by API token, HubSpot by its OAuth app (when the installation set
 * HUBSPOT_CLIENT_ID / HUBSPOT_CLIENT_SECRET). Bases come from the env so tests reach the stand-ins.
 */
export function crmSync(opts: {
  pipedriveApiBase: string;
  hubspot?: { apiBase?: string; authBase?: string; clientId?: string; clientSecret?: string };
  policy?: OutboundPolicy;
}): CrmSync {
  const hs = opts.hubspot ?? {};
  return {
    open(provider, credentials) {
      if (provider === "pipedrive") return pipedriveClient({ apiToken: credentials.apiToken ?? "", apiBase: credentials.apiBase || opts.pipedriveApiBase, policy: opts.policy });
      return hubspotClient({ accessToken: credentials.accessToken ?? "", apiBase: hs.apiBase, policy: opts.policy });
    },
    oauth: {
      hubspot: hs.clientId && hs.clientSecret ? hubspotOAuth({ clientId: hs.clientId, clientSecret: hs.clientSecret, authBase: hs.authBase, apiBase: hs.apiBase, policy: opts.policy }) : null,
    },
  };
}
