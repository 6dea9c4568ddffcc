-- A workspace's address (slug) can change. Its last few addresses stay aliases of it, so installed
-- widget snippets, webhooks and links already sent keep reaching it (pages redirect to the new
-- address). An array on the tenant rather than a table of its own: the list is short (at most 5,
-- the oldest is freed) and only ever read with the tenant; the GIN index serves the host lookup
-- (previous_slugs @> array[slug]) and the "is it taken" checks. Uniqueness across tenants (an
-- alias is no one else's slug or alias) is kept by changeSlug and signup under one advisory lock.
alter table tenants add column previous_slugs text[] not null default '{}';
alter table tenants add constraint tenants_previous_slugs_bounded check (cardinality(previous_slugs) <= 5);
alter table tenants add constraint tenants_previous_slugs_not_current check (not (slug = any (previous_slugs)));
create index tenants_previous_slugs_idx on tenants using gin (previous_slugs);
