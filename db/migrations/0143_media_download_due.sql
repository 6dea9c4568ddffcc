-- A lead's file whose download never ran, or whose retry was never scheduled, is found again.
-- The first download runs in the webhook route's after(); a failure stores `failed` and schedules
-- the retry (core/media/inbound-media.ts). A process that died before the download, or, with
-- QStash (an HTTP publish that cannot join the transaction), between the failed status and the
-- publish, left the row waiting forever. The maintenance sweep (/api/jobs/inbound-recovery,
-- core/conversations/recovery.ts recoverMediaDownloads) now takes every pending or failed row
-- whose download is overdue by a grace period, so the route or the scheduled retry goes first.

-- When the next download is due: on arrival for a pending file, the failure time plus its retry
-- delay for a failed one; null once none is (stored, refused, retries used up, outbound files).
alter table media_objects add column download_due_at timestamptz;

-- Rows already waiting. Pending ones are due since they arrived. A failed one may still have its
-- retry job queued, so it is due a day from now (the longest retry delay): the sweep only takes it
-- if that job was lost. 6 is DOWNLOAD_RETRY_DELAYS.length; Meta keeps a media id for 7 days.
update media_objects set download_due_at = case when status = 'pending' then created_at else now() + interval '1 day' end
 where direction = 'inbound' and status in ('pending', 'failed') and attempts < 6 and provider_media_id is not null
   and created_at > now() - interval '6 days';

-- The sweep's read across tenants: due rows, oldest first.
create index media_objects_download_due_idx on media_objects (download_due_at) where status in ('pending', 'failed') and download_due_at is not null;

-- The sweep must find overdue downloads in any tenant: ids only. A row anonymised before its
-- download (no media id) is never due.
create or replace function app_due_media_downloads(p_due_before timestamptz, p_limit int)
  returns table (tenant_id uuid, media_object_id uuid)
  language sql stable security definer set search_path = public
  as $$
    select m.tenant_id, m.id from media_objects m
    where m.status in ('pending', 'failed') and m.download_due_at is not null and m.download_due_at <= p_due_before
      and m.provider_media_id is not null
    order by m.download_due_at
    limit p_limit
  $$;
