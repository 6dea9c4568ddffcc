-- Files of conversations (issue 15, item 3): media a lead sends on WhatsApp (image, voice note,
-- video, document, sticker), downloaded through the Graph API while Meta's id lives (7 days; its
-- download URL lives 5 minutes), and files agents send. The bytes live behind the Storage port
-- (core/ports/storage.ts: local disk under .data/ by default); this row says whose they are, what
-- they are and how to serve them. Served only to the owning tenant (RLS here, and the route
-- checks the session or a signed URL).

alter table messages add constraint messages_tenant_id_id_uq unique (tenant_id, id);

create table media_objects (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  message_id uuid not null,
  direction varchar(8) not null check (direction in ('inbound', 'outbound')),
  kind varchar(12) not null check (kind in ('image', 'audio', 'video', 'document', 'sticker')),
  -- pending: waiting for the download; stored: bytes in storage; failed: retry later;
  -- refused: too large or a type we do not keep (never retried).
  status varchar(10) not null default 'pending' check (status in ('pending', 'stored', 'failed', 'refused')),
  -- Meta's media id (inbound, until downloaded; outbound, once uploaded for sending).
  provider_media_id varchar(128),
  -- Key in the Storage port: <tenant>/<id>, never derived from user input.
  storage_key varchar(200),
  -- What we serve it as: from an allow-list per kind, else application/octet-stream.
  content_type varchar(100),
  -- What the sender declared, kept for the record only.
  declared_type varchar(255),
  filename varchar(255),
  size_bytes bigint check (size_bytes >= 0),
  sha256 char(64) check (sha256 ~ '^[0-9a-f]{64}$'),
  attempts integer not null default 0,
  error varchar(500),
  created_at timestamptz not null default now(),
  stored_at timestamptz,
  unique (tenant_id, id),
  unique (tenant_id, message_id),
  foreign key (tenant_id, message_id) references messages (tenant_id, id) on delete cascade
);
create index media_objects_tenant_pending_idx on media_objects (tenant_id, created_at) where status in ('pending', 'failed');

alter table media_objects enable row level security;
alter table media_objects force row level security;
create policy tenant_isolation on media_objects using (tenant_id = app_current_tenant()) with check (tenant_id = app_current_tenant());
