-- WhatsApp message templates as Meta holds them (issue 15, item 5): synced from the WhatsApp
-- Business Account (GET /<waba-id>/message_templates) and kept current by the
-- message_template_status_update webhook, so inbox settings choose approved templates by name,
-- preview them with their variables, and marketing templates can be held back from leads without
-- marketing consent. Templates belong to the WABA (several numbers may share one); an inbox names
-- its WABA in settings.waBusinessAccountId.

create table whatsapp_templates (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  waba_id varchar(64) not null check (waba_id ~ '^\d{1,64}$'),
  -- Meta's template id (null for a template only seen by name in a status webhook so far).
  template_id varchar(64),
  name varchar(512) not null,
  language varchar(15) not null,
  -- marketing | utility | authentication (Meta sends them upper-case; kept lower-case).
  category varchar(40),
  -- approved | pending | rejected | paused | disabled | in_appeal | …, lower-case.
  status varchar(40) not null,
  reason varchar(500),
  -- The body text with {{1}}… placeholders, for the preview; the full components as Meta sent them.
  body_text text,
  param_count integer not null default 0 check (param_count between 0 and 100),
  components jsonb not null default '[]',
  synced_at timestamptz,
  updated_at timestamptz not null default now(),
  unique (tenant_id, id),
  unique (tenant_id, waba_id, name, language)
);
create index whatsapp_templates_tenant_template_idx on whatsapp_templates (tenant_id, template_id) where template_id is not null;

alter table whatsapp_templates enable row level security;
alter table whatsapp_templates force row level security;
create policy tenant_isolation on whatsapp_templates using (tenant_id = app_current_tenant()) with check (tenant_id = app_current_tenant());

-- Template webhooks name a WABA, not a number: which tenants' active WhatsApp inboxes use it.
create index inboxes_waba_idx on inboxes ((settings ->> 'waBusinessAccountId')) where channel = 'whatsapp';
create function app_tenants_for_waba(p_waba_id text)
  returns table (tenant_id uuid)
  language sql stable security definer set search_path = public
  as $$
    select distinct i.tenant_id from inboxes i
    where i.is_active and i.channel = 'whatsapp' and i.settings ->> 'waBusinessAccountId' = p_waba_id
  $$;
