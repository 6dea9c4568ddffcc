-- The usage report job (core/billing/usage-report.ts) listed up to 500 tenants with work in no order
-- and ran through them with no time budget: with many tenants a run outlived the 30 s function limit
-- and the next run started again on about the same tenants, so later tenants' usage never reached
-- Stripe. It now takes the tenants whose work has waited longest first and stops at a time budget.
-- And a card-less trial's usage (no Stripe customer) was never claimed: those tenants stayed listed
-- forever, each run re-summed their whole history, and once they got a customer the trial backlog
-- would have been billed. Such rows are now settled as not billable instead.

-- Set when the row was settled as not billable: usage from before the tenant had a Stripe customer
-- (the card-less trial, a tenant without a subscription). Such a row is never claimed into a
-- usage_reports batch nor sent to Stripe; it still counts in the ledger (quotas, charts, totals).
alter table usage_events add column unbilled_at timestamptz;
comment on column usage_events.unbilled_at is 'settled as not billable (no Stripe customer yet: trial usage); never reported to Stripe, still counted for quotas';

-- When the job last tried to send the batch (acknowledged or not): a batch Stripe keeps refusing
-- moves behind the others in the job's order instead of holding the head of the list.
alter table usage_reports add column attempted_at timestamptz;

-- The job's work on the ledger: rows neither claimed nor settled. Only those stay in this index (a
-- row leaves it once claimed or settled, so it holds about one job interval of usage), which the
-- claim reads per tenant and the listing below reads whole. It replaces 0040's index, which also
-- kept every trial row forever.
create index usage_events_tenant_to_report_idx on usage_events (tenant_id, meter, occurred_at) where report_id is null and unbilled_at is null;
drop index usage_events_tenant_unreported_idx;

-- The tenants with usage work, the one waiting longest first (its oldest row neither claimed nor
-- settled, or its oldest unacknowledged batch as of its last attempt), so runs cut short by their
-- time budget rotate through every tenant. Ledger rows of a meter not in Stripe yet are the job's
-- work only for a tenant without a customer (to settle them); a billed tenant's wait until
-- `billing:sync` gives the meter its id, without holding the head of the list meanwhile.
create or replace function app_tenants_with_unreported_usage(p_limit int)
  returns table (tenant_id uuid)
  language sql stable security definer set search_path = public
  as $$
    select x.tenant_id from (
      select e.tenant_id, min(e.occurred_at) as waiting_since
      from usage_events e
      where e.report_id is null and e.unbilled_at is null
        and (exists (select 1 from billing_meters m where m.name = e.meter and m.stripe_meter_id is not null)
             or not exists (select 1 from tenant_subscriptions s where s.tenant_id = e.tenant_id and s.stripe_customer_id is not null))
      group by e.tenant_id
      union all
      select r.tenant_id, min(coalesce(r.attempted_at, r.created_at))
      from usage_reports r where r.acknowledged_at is null
      group by r.tenant_id
    ) x
    group by x.tenant_id
    order by min(x.waiting_since), x.tenant_id
    limit greatest(p_limit, 0)
  $$;
