-- /api/metrics (docs/observability.md): per-tenant business figures over a recent window, read from
-- the rows themselves so every instance answers the same (in-process counters would differ per
-- instance behind a load balancer). BRIN indexes on the append-only timestamps keep the window's
-- scan to the newest block ranges at almost no cost to inserts (no btree on the hot path).
create index if not exists messages_created_brin on messages using brin (created_at);
create index if not exists conversation_events_created_brin on conversation_events using brin (created_at);
create index if not exists inbound_events_received_brin on inbound_events using brin (received_at);

-- Counts only, per tenant slug: messages in (from leads) and out (bot, agents, system), bot steps
-- (bot messages), leads qualified, handoffs and SLA breaches (conversation events), failed inbound
-- webhook events in the last p_window_seconds (10 s to 1 h); the inbound events still pending and
-- the age of the oldest (queue lag). Like the operator functions (0049), a caller bound to a tenant
-- gets nothing: only the metrics endpoint, which binds none, may ask.
create or replace function app_tenant_activity(p_window_seconds int)
  returns table (tenant_id uuid, slug varchar, metric text, value double precision)
  language sql stable security definer set search_path = public
  as $$
    with since as (select now() - make_interval(secs => least(greatest(coalesce(p_window_seconds, 300), 10), 3600)) as t),
    msg as (
      select m.tenant_id, count(*) filter (where m.sender = 'lead') as lead_n, count(*) filter (where m.sender <> 'lead') as out_n,
             count(*) filter (where m.sender = 'bot') as bot_n
      from messages m, since where m.created_at >= since.t group by m.tenant_id
    ),
    ev as (
      select e.tenant_id, count(*) filter (where e.kind = 'qualified') as qualified_n, count(*) filter (where e.kind = 'handoff') as handoff_n,
             count(*) filter (where e.kind = 'sla_breached') as sla_n
      from conversation_events e, since where e.created_at >= since.t and e.kind in ('qualified', 'handoff', 'sla_breached') group by e.tenant_id
    ),
    failed as (
      select i.tenant_id, count(*) as n from inbound_events i, since where i.received_at >= since.t and i.status = 'failed' group by i.tenant_id
    ),
    pending as (
      select i.tenant_id, count(*) as n, extract(epoch from now() - min(i.received_at))::float8 as lag
      from inbound_events i where i.status = 'pending' group by i.tenant_id
    ),
    rows as (
      select msg.tenant_id, x.metric, x.value from msg, lateral (values ('messages_in', msg.lead_n::float8), ('messages_out', msg.out_n::float8), ('bot_steps', msg.bot_n::float8)) x(metric, value)
      union all
      select ev.tenant_id, x.metric, x.value from ev, lateral (values ('leads_qualified', ev.qualified_n::float8), ('handoffs', ev.handoff_n::float8), ('sla_breaches', ev.sla_n::float8)) x(metric, value)
      union all
      select failed.tenant_id, 'webhook_failures', failed.n::float8 from failed
      union all
      select pending.tenant_id, x.metric, x.value from pending, lateral (values ('inbound_pending', pending.n::float8), ('inbound_lag_seconds', pending.lag)) x(metric, value)
    )
    select r.tenant_id, t.slug, r.metric, r.value from rows r join tenants t on t.id = r.tenant_id
    where app_current_tenant() is null
    order by t.slug, r.metric
  $$;
