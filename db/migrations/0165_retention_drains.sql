-- The retention run used to anonymise up to 200 leads in one transaction and then wait 23 h, so a
-- tenant with 50,000 overdue leads took 250 days, and one sweep could hold locks for minutes. Now
-- each batch is a short transaction of its own and a run lasts until the tenant's overdue leads
-- are gone: run_started_at is set while a run still has leads left (it continues in the next
-- sweeps) and cleared once it drains; the 23 h wait counts from that last batch (last_run_at).
alter table privacy_retention add column run_started_at timestamptz;

-- Tenants with the policy on and either a run still draining or no run since p_ran_before.
-- Least recently served first (never run before all), so draining tenants take turns with
-- each other and with tenants newly due.
create or replace function app_tenants_due_retention(p_ran_before timestamptz, p_limit int)
  returns table (tenant_id uuid)
  language sql stable security definer set search_path = public
  as $$
    select p.tenant_id from privacy_retention p
    where p.enabled and (p.run_started_at is not null or p.last_run_at is null or p.last_run_at < p_ran_before)
    order by p.last_run_at nulls first, p.tenant_id
    limit greatest(p_limit, 0)
  $$;
