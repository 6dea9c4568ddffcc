-- Since 0045 a served bot message writes only its usage_events row; usage_totals.quantity is a
-- roll-up refreshed by the usage report job. The operator console's overview reads the ledger's sum
-- instead (index-only on usage_events_tenant_period_qty_idx), so it shows this month's messages as
-- they happen, like the tenant's own billing page. Still empty for a caller bound to a tenant (0049).
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
    left join (
      select e.tenant_id, sum(e.quantity)::bigint as quantity from usage_events e
      where e.meter = 'bot_messages' and e.period = p_period group by e.tenant_id
    ) u on u.tenant_id = t.id
    where app_current_tenant() is null
    order by t.slug
  $$;
