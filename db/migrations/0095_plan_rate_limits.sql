-- Issue 14 item 4: request rate limits by plan. Each column is the per-minute limit of one named
-- policy (packages/core/src/rate-limit/policies.ts, PLAN_RATE_LIMIT_COLUMNS); tenants without a
-- subscription get the policies' own limits. Login, signup and privacy limits are abuse guards,
-- the same for every plan, and stay in code.
alter table plans
  add column rate_api_key_per_minute integer not null default 600 check (rate_api_key_per_minute between 1 and 1000000),
  add column rate_user_per_minute integer not null default 600 check (rate_user_per_minute between 1 and 1000000),
  add column rate_widget_visitor_per_minute integer not null default 20 check (rate_widget_visitor_per_minute between 1 and 1000000),
  add column rate_widget_inbox_per_minute integer not null default 1200 check (rate_widget_inbox_per_minute between 1 and 1000000);

comment on column plans.rate_api_key_per_minute is 'requests a minute per API key (policy apiKey)';
comment on column plans.rate_user_per_minute is 'dashboard tRPC calls a minute per signed-in user (policy trpc:user)';
comment on column plans.rate_widget_visitor_per_minute is 'widget messages a minute per visitor (policy widget-message:visitor)';
comment on column plans.rate_widget_inbox_per_minute is 'widget messages a minute per web inbox, all visitors (policy widget-message:inbox)';

update plans set rate_api_key_per_minute = 120, rate_user_per_minute = 300, rate_widget_visitor_per_minute = 20, rate_widget_inbox_per_minute = 600 where code = 'starter';
update plans set rate_api_key_per_minute = 600, rate_user_per_minute = 600, rate_widget_visitor_per_minute = 30, rate_widget_inbox_per_minute = 1200 where code = 'growth';
update plans set rate_api_key_per_minute = 3000, rate_user_per_minute = 1200, rate_widget_visitor_per_minute = 60, rate_widget_inbox_per_minute = 6000 where code = 'enterprise';
