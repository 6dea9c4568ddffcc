-- deals.stage_changed_at orders each kanban column and is the keyset cursor of its "Carregar mais":
-- keep it at millisecond precision (what JavaScript dates hold) so a cursor matches its row exactly.
-- Every write from core already sets it from a JavaScript date; only the default (and old rows) had
-- microseconds.
alter table deals alter column stage_changed_at set default date_trunc('milliseconds', clock_timestamp());
update deals set stage_changed_at = date_trunc('milliseconds', stage_changed_at) where stage_changed_at <> date_trunc('milliseconds', stage_changed_at);

-- One column's page, newest move first, read in index order (the board's first page of every
-- column and each "Carregar mais").
create index if not exists deals_tenant_stage_changed_idx on deals (tenant_id, stage_id, stage_changed_at desc, id desc) where deleted_at is null;
