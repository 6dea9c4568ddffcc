-- Analytics: the dashboard reads timeline events of a kind since the range began (eventsSince in
-- core/analytics/scope.ts, and "resolved" for agent performance): a range scan on (kind, time)
-- with the conversation id in the index. It replaces 0105's (kind, conversation_id, created_at),
-- which served per-conversation probes the queries no longer make (measured: docs/analytics.md).
create index if not exists conversation_events_tenant_kind_time_idx on conversation_events (tenant_id, kind, created_at) include (conversation_id);
drop index if exists conversation_events_tenant_kind_idx;
