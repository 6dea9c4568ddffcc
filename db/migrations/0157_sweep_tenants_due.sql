-- The maintenance sweep runs every 30 s. Its LGPD reminders and its retention run used to open a
-- transaction per tenant each time (two per tenant per run, most of them finding nothing), so the
-- sweep grew with the number of tenants. These two reads name the tenants with work, as
-- app_tenants_with_notification_emails does for the e-mail digest.

-- Requests still waiting for their reminder: open or in progress, with a deadline, not reminded yet.
-- A request leaves this index once reminded or closed, so it holds few rows.
create index privacy_requests_remind_pending_idx on privacy_requests (due_date)
  where reminded_at is null and status in ('open', 'in_progress');

-- Tenants with a request to remind: due before p_first_not_due (the caller works out, with the
-- Brazilian holidays, the first deadline more than 3 business days away). Most urgent first.
create or replace function app_tenants_with_privacy_reminders(p_first_not_due date, p_limit int)
  returns table (tenant_id uuid)
  language sql stable security definer set search_path = public
  as $$
    select r.tenant_id from privacy_requests r
    where r.reminded_at is null and r.status in ('open', 'in_progress') and r.due_date < p_first_not_due
    group by r.tenant_id
    order by min(r.due_date), r.tenant_id
    limit greatest(p_limit, 0)
  $$;

-- Tenants whose retention policy is on and has not run since p_ran_before. Never run first.
create or replace function app_tenants_due_retention(p_ran_before timestamptz, p_limit int)
  returns table (tenant_id uuid)
  language sql stable security definer set search_path = public
  as $$
    select p.tenant_id from privacy_retention p
    where p.enabled and (p.last_run_at is null or p.last_run_at < p_ran_before)
    order by p.last_run_at nulls first, p.tenant_id
    limit greatest(p_limit, 0)
  $$;
