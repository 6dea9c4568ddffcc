-- The operator console's two definer functions (0016 app_ai_states, 0040 app_billing_overview) read
-- across tenants. The app role serves tenants too, so a caller bound to a tenant (app.tenant_id set
-- by withTenant) must get nothing from them: only the operator path, which binds no tenant, may ask.
create or replace function app_ai_states(p_tenant_ids uuid[])
  returns table (tenant_id uuid, enabled boolean, operator_blocked boolean)
  language sql stable security definer set search_path = public
  as $$
    select s.tenant_id, s.enabled, s.operator_blocked from ai_settings s
    where app_current_tenant() is null and s.tenant_id = any(p_tenant_ids[1:100])
  $$;

create or replace function app_billing_overview(p_period text)
  returns table (tenant_id uuid, slug varchar, name varchar, plan_code varchar, status varchar, billing_interval varchar,
                 mrr_cents bigint, messages bigint, max_messages_month int, trial_ends_at timestamptz)
  language sql stable security definer set search_path = public
  as $$
    select t.id, t.slug, t.name, p.code, s.status, s.billing_interval,
           case when s.status in ('active', 'past_due') and s.stripe_subscription_id is not null
                then case s.billing_interval when 'year' then round(p.price_yearly_cents / 12.0)::bigint else p.price_monthly_cents::bigint end
                else 0 end,
           coalesce(u.quantity, 0), p.max_messages_month, s.trial_ends_at
    from tenants t
    left join tenant_subscriptions s on s.tenant_id = t.id
    left join plans p on p.id = s.plan_id
    left join usage_totals u on u.tenant_id = t.id and u.meter = 'bot_messages' and u.period = p_period
    where app_current_tenant() is null
    order by t.slug
  $$;
