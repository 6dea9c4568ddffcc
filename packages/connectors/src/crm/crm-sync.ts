import type { CrmSync } from "@vendaflow/core/ports/crm-sync";
import type { OutboundPolicy } from "../http/safe-fetch";
import { pipedriveClient } from "../pipedrive/pipedrive-client";

/** The CrmSync port: Pipedrive here; HubSpot joins when its adapter lands (connectors/hubspot). */
export function crmSync(opts: { pipedriveApiBase: string; policy?: OutboundPolicy }): CrmSync {
  return {
    open(provider, credentials) {
      if (provider === "pipedrive") return pipedriveClient({ apiToken: credentials.apiToken ?? "", apiBase: credentials.apiBase || opts.pipedriveApiBase, policy: opts.policy });
      throw new Error(`CRM sync: ${provider} is not available yet.`);
    },
  };
}
