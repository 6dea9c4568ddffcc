-- Issue 11: metering a served bot message is one insert-only ledger row (usage_events), riding the
-- statement that marks the inbound event processed. The per-message upsert of the tenant's
-- usage_totals row is gone from that path: it cost ≈0.3 ms a message and held one row lock per
-- tenant and month until commit, serialising the tenant's concurrent conversations.
--
-- Real-time totals are read from the ledger itself (the billing page, the gate's counter seed,
-- reconciliation): this index replaces 0043's and carries the quantity, so a month's sum per meter
-- is an index-only range scan of the tenant's rows. The chart (0043) reads the same index.
create index usage_events_tenant_period_qty_idx on usage_events (tenant_id, meter, period, occurred_at) include (quantity);
drop index usage_events_tenant_period_idx;

-- usage_totals now holds: the warnings already sent (warned_percent, claimed once per period when
-- the KV counter crosses 80 % / 100 %), and quantity as a roll-up of the ledger refreshed by the
-- usage report job (what the operator console lists; it may lag the ledger by one job run).
-- recordUsage (other meters, off the inbound hot path) still adds to it as it records.
comment on table usage_totals is 'per tenant, meter and month: warnings sent, and the ledger''s roll-up (usage report job)';
comment on column usage_totals.quantity is 'roll-up of usage_events as of the last usage report job (the ledger is the truth)';
