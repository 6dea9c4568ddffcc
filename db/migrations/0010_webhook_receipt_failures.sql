-- A verified, parseable webhook whose handler fails for a reason a redelivery would not cure (a
-- constraint, a bug, data we cannot use) is kept as a failed receipt with the reason, and the
-- provider gets 200: answering 500 would only make it retry the same payload for days. A retry of
-- that event id then changes nothing; the row shows what was lost and why. Transient database
-- failures still leave no receipt (503, the provider redelivers).
alter table webhook_receipts
  add column status varchar(12) not null default 'processed' check (status in ('processed', 'failed')),
  add column error text;
