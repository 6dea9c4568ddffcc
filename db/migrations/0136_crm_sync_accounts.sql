-- CRM sync (issue 10 item 8), after 0135: HubSpot delivers every portal's webhooks to the app's one
-- URL, so the portal id (crm_sync_connections.account_id) names the connections. Only active
-- connections of that provider; nothing else of them.
create or replace function app_resolve_crm_sync_account(p_provider text, p_account text)
  returns table (tenant_id uuid, connection_id uuid)
  language sql stable security definer set search_path = public
  as $$
    select c.tenant_id, c.id from crm_sync_connections c
    where c.is_active and c.provider = p_provider and p_account is not null and c.account_id = p_account
  $$;
create index if not exists crm_sync_connections_account_idx on crm_sync_connections (provider, account_id) where is_active;
