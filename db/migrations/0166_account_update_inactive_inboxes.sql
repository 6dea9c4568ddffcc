-- Meta's account_update (core/whatsapp/account-update.ts) reached only tenants with an active inbox on
-- the WABA (app_platform_tenants_for_waba, the template route): a deactivated inbox missed Meta's
-- "disconnected" and, reactivated, showed a number that could not send as healthy. This routing
-- names the tenants with any platform-app WhatsApp inbox on the WABA, active or not; templates keep
-- the active-only one. Tenant ids only, for the exact WABA id, like app_platform_tenants_for_waba.
create or replace function app_platform_account_tenants_for_waba(p_waba_id text)
  returns table (tenant_id uuid)
  language sql stable security definer set search_path = public
  as $$
    select distinct i.tenant_id from inboxes i
    where i.channel = 'whatsapp' and i.webhook_key is null and i.settings ->> 'waBusinessAccountId' = p_waba_id
  $$;

-- The demo seed's WhatsApp inbox (a made-up number, no Meta behind it) now carries settings.waDemo,
-- so its card does not ask to "Reconectar com a Meta" (core/whatsapp/token.ts lacksSignupProof).
-- Databases seeded before this: the seed's one inbox, found by the demo tenant, its made-up number
-- and the absence of any credentials.
update inboxes i set settings = i.settings || '{"waDemo": true}'::jsonb
from tenants t
where t.id = i.tenant_id and t.slug = 'demo' and i.channel = 'whatsapp' and i.wa_phone_number_id = '109876543210001'
  and i.webhook_key is null and i.credentials_encrypted is null;
