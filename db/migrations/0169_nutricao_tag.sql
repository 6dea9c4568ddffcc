-- The tag the bot adds to every lead it does not qualify is pt-BR now, "nutrição" (was "nurture";
-- core/bot/not-qualified-tag.ts): tags are what users read in lists, filters, rules, automations,
-- exports and API/webhook payloads. This renames the old tag wherever a tag name is stored:
--   - the CRM's tag arrays: leads (the bot, routing rules, automations), deals (conversion copies
--     the lead's tags), contacts and companies (bulk tagging, imports);
--   - routing_rules: conditions on "tags" (a value or a list) and "add_tag" actions;
--   - automations: conditions on "tags" (lead and deal) and "add_tag" actions;
--   - saved_views: the list filter "tag";
--   - qualification_flows: each outcome's tags (definition.outcomes.{qualified,notQualified}.tags).
-- Tags compare case-insensitively everywhere they are matched, so any case of "nurture" is the old
-- tag. A list that has both keeps one "nutrição", where the first of them stood; other tags stay as
-- they were. Only rows holding the old tag are written, so a second run changes nothing. The lead
-- STAGE "nurture" is an internal value (label "Nutrição") and stays. History is left as it
-- happened: audit logs, conversation events, automation runs, webhook deliveries.
-- Runs as the owner (superuser or BYPASSRLS), so every tenant's rows are seen.

-- A tag list with the old tag renamed and "nutrição" kept once.
create or replace function pg_temp.vf_nutricao_tags(tags text[]) returns text[]
  language sql immutable
  as $$
    select coalesce(array_agg(t order by ord), '{}')
    from (
      select t, ord, row_number() over (partition by t is not distinct from 'nutrição' order by ord) as nth
      from (
        select case when lower(btrim(v)) = 'nurture' then 'nutrição' else v end, ord
        from unnest(tags) with ordinality as u(v, ord)
      ) as r(t, ord)
    ) as s
    where t is distinct from 'nutrição' or nth = 1
  $$;

-- The same for a stored jsonb value: a tag (string) or a list of values (a routing condition's "in").
create or replace function pg_temp.vf_nutricao_json(v jsonb) returns jsonb
  language sql immutable
  as $$
    select case jsonb_typeof(v)
      when 'string' then case when lower(btrim(v #>> '{}')) = 'nurture' then to_jsonb('nutrição'::text) else v end
      when 'array' then (
        select coalesce(jsonb_agg(x order by ord), '[]')
        from (
          select x, ord, row_number() over (partition by x = to_jsonb('nutrição'::text) order by ord) as nth
          from (
            select case when jsonb_typeof(e) = 'string' and lower(btrim(e #>> '{}')) = 'nurture' then to_jsonb('nutrição'::text) else e end, ord
            from jsonb_array_elements(v) with ordinality as a(e, ord)
          ) as r(x, ord)
        ) as s
        where x is distinct from to_jsonb('nutrição'::text) or nth = 1
      )
      else v
    end
  $$;

-- A routing rule's or an automation's conditions / actions: each element's `key` renamed where
-- `match_key` equals `match_value` ("field" = "tags" → "value"; "type" = "add_tag" → "tag").
create or replace function pg_temp.vf_nutricao_items(items jsonb, match_key text, match_value text, key text) returns jsonb
  language sql immutable
  as $$
    select coalesce(jsonb_agg(
      case when e ->> match_key = match_value and e ? key then jsonb_set(e, array[key], pg_temp.vf_nutricao_json(e -> key)) else e end
      order by ord), '[]')
    from jsonb_array_elements(items) with ordinality as a(e, ord)
  $$;

create or replace function pg_temp.vf_has_nurture(tags text[]) returns boolean
  language sql immutable
  as $$ select exists (select 1 from unnest(tags) as v where lower(btrim(v)) = 'nurture') $$;

update leads set tags = pg_temp.vf_nutricao_tags(tags), updated_at = now() where pg_temp.vf_has_nurture(tags);
update deals set tags = pg_temp.vf_nutricao_tags(tags), updated_at = now() where pg_temp.vf_has_nurture(tags);
update contacts set tags = pg_temp.vf_nutricao_tags(tags), updated_at = now() where pg_temp.vf_has_nurture(tags);
update companies set tags = pg_temp.vf_nutricao_tags(tags), updated_at = now() where pg_temp.vf_has_nurture(tags);

-- The jsonb rewrites differ from what is stored only where the old tag stood.
update routing_rules
   set conditions = pg_temp.vf_nutricao_items(conditions, 'field', 'tags', 'value'),
       actions = pg_temp.vf_nutricao_items(actions, 'type', 'add_tag', 'tag'),
       updated_at = now()
 where (conditions, actions) is distinct from
       (pg_temp.vf_nutricao_items(conditions, 'field', 'tags', 'value'), pg_temp.vf_nutricao_items(actions, 'type', 'add_tag', 'tag'));

update automations
   set conditions = pg_temp.vf_nutricao_items(conditions, 'field', 'tags', 'value'),
       actions = pg_temp.vf_nutricao_items(actions, 'type', 'add_tag', 'tag'),
       updated_at = now()
 where (conditions, actions) is distinct from
       (pg_temp.vf_nutricao_items(conditions, 'field', 'tags', 'value'), pg_temp.vf_nutricao_items(actions, 'type', 'add_tag', 'tag'));

update saved_views
   set config = jsonb_set(config, '{filters,tag}', pg_temp.vf_nutricao_json(config #> '{filters,tag}')), updated_at = now()
 where jsonb_typeof(config #> '{filters,tag}') = 'string' and lower(btrim(config #>> '{filters,tag}')) = 'nurture';

-- Flow versions are immutable to the editor; this renames a tag in them, nothing else.
update qualification_flows
   set definition = jsonb_set(definition, '{outcomes,qualified,tags}', pg_temp.vf_nutricao_json(definition #> '{outcomes,qualified,tags}'))
 where jsonb_typeof(definition #> '{outcomes,qualified,tags}') = 'array'
   and pg_temp.vf_nutricao_json(definition #> '{outcomes,qualified,tags}') is distinct from definition #> '{outcomes,qualified,tags}';
update qualification_flows
   set definition = jsonb_set(definition, '{outcomes,notQualified,tags}', pg_temp.vf_nutricao_json(definition #> '{outcomes,notQualified,tags}'))
 where jsonb_typeof(definition #> '{outcomes,notQualified,tags}') = 'array'
   and pg_temp.vf_nutricao_json(definition #> '{outcomes,notQualified,tags}') is distinct from definition #> '{outcomes,notQualified,tags}';
