-- The operator console lists tenants (a global table) and needs each one's AI state beside it:
-- ai_settings is tenant-owned under forced RLS, so one narrow definer function answers exactly
-- that, for the ids asked and nothing else (no usage, no calls, no notes).
create or replace function app_ai_states(p_tenant_ids uuid[])
  returns table (tenant_id uuid, enabled boolean, operator_blocked boolean)
  language sql stable security definer set search_path = public
  as $$
    select s.tenant_id, s.enabled, s.operator_blocked from ai_settings s
    where s.tenant_id = any(p_tenant_ids[1:100])
  $$;
