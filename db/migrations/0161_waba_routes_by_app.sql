-- A template update (per WABA) reached every tenant whose WhatsApp inbox named that WABA, whichever
-- webhook path it came in on. An inbox on its own Meta app verifies its path with a secret its own
-- tenant typed, so that tenant could sign an update naming another tenant's WABA and rewrite their
-- templates (rejected, paused, recategorised). Now each path reaches only its own: an own-app path
-- its own inbox (checked in the route), the platform's path the inboxes on the platform's app.
drop function if exists app_tenants_for_waba(text);

create or replace function app_platform_tenants_for_waba(p_waba_id text)
  returns table (tenant_id uuid)
  language sql stable security definer set search_path = public
  as $$
    select distinct i.tenant_id from inboxes i
    where i.is_active and i.channel = 'whatsapp' and i.webhook_key is null and i.settings ->> 'waBusinessAccountId' = p_waba_id
  $$;
