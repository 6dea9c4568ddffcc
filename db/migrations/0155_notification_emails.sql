-- "Notificações por e-mail": a notification still unread in the bell 10 minutes after it was
-- written is e-mailed to its person (core/notifications/email-digest.ts, the job
-- /api/jobs/notification-emails), one e-mail per person per run listing all of theirs.

-- The kinds the user turned off in Meu perfil (default: none, so every kind is e-mailed). Their own
-- choice, changed only through profile.setNotificationEmails.
alter table users add column notification_email_off text[] not null default '{}';

-- Set by the sweep when it handled the row: e-mailed, or skipped (the kind turned off, the user
-- inactive, too old). Set in the transaction that queues the e-mail, so a retried run never sends twice.
alter table notifications add column emailed_at timestamptz;

-- The sweep's read: per tenant, the rows unread and not yet handled, oldest first. Only those stay
-- in this index (a row leaves it once read or handled), so it holds minutes of notifications.
create index notifications_email_pending_idx on notifications (tenant_id, created_at) where read_at is null and emailed_at is null;

-- The sweep runs across tenants: which tenants have a notification written before p_before,
-- still unread and not handled. Ids only (one probe of the index above per tenant).
create or replace function app_tenants_with_notification_emails(p_before timestamptz, p_limit int)
  returns table (tenant_id uuid)
  language sql stable security definer set search_path = public
  as $$
    select t.id from tenants t
    where exists (
      select 1 from notifications n
      where n.tenant_id = t.id and n.read_at is null and n.emailed_at is null and n.created_at <= p_before
    )
    order by t.id
    limit greatest(p_limit, 0)
  $$;

-- Marking rows handled (emailed_at) changes nothing an agent's screen shows: it no longer wakes the
-- tenant's agents' feed (0080), which a new notification or one read still does.
drop trigger notifications_notify on notifications;
create trigger notifications_notify after insert or update of user_id, kind, data, read_at on notifications
  for each row execute function app_notify_tenant_change();
