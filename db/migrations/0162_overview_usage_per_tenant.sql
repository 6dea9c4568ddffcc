-- The operator overview's month of bot messages, read per tenant: one index-only range of
-- usage_events_tenant_period_qty_idx (tenant_id, meter, period) for each tenant listed, the same rows
-- the meter/period index of 0158 served. That index cost every served bot message one more btree
-- insert for a console page an operator opens now and then, so it goes.
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
    left join lateral (
      select sum(e.quantity)::bigint as quantity from usage_events e
      where e.tenant_id = t.id and e.meter = 'bot_messages' and e.period = p_period
    ) u on true
    where app_current_tenant() is null
    order by t.slug
  $$;

drop index if exists usage_events_meter_period_idx;
