-- A session's cookie belongs to the host it was issued on. An address (slug) change ends the
-- sessions of the old subdomain (its /api/trpc would keep accepting them), but a session issued on
-- the tenant's verified custom domain keeps its host through the change: it stays. The domain is
-- recorded at sign-in (core/auth/login.ts); null is the tenant's subdomain, and every session from
-- before this migration (its host unknown: the change ends it, as before). sessions keeps its
-- forced RLS (0001); no new policy is needed for a column.
alter table sessions add column custom_domain varchar(255);
comment on column sessions.custom_domain is 'the verified custom domain the session was signed in on; null: the tenant''s subdomain (or unknown, before 0167)';
