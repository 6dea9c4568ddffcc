-- The billing page charts a month's usage day by day (issue 11 item 6): read by tenant, meter and
-- period, ordered by time.
create index usage_events_tenant_period_idx on usage_events (tenant_id, meter, period, occurred_at);
