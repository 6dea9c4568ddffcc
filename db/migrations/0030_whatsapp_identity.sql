-- WhatsApp identity as Meta runs it since 2026: a lead is reachable by its business-scoped user id
-- (BSUID, `user_id` in webhooks, e.g. BR.1502576394655843) with the phone optional — users who
-- adopt a username may hide their number, and a number change yields a new BSUID. A lead is found
-- by either key and both are merged onto one lead when they first appear together
-- (core/src/leads/whatsapp-identity.ts). Existing leads keep their wa_id and gain their BSUID on
-- their next message, so nothing needs backfilling here.

alter table leads
  add column wa_user_id varchar(160),
  -- Shared by the user across the business portfolios of one enterprise, when Meta enables it.
  add column wa_parent_user_id varchar(160),
  add column wa_username varchar(64);
create unique index leads_tenant_wa_user_uq on leads (tenant_id, wa_user_id) where wa_user_id is not null;
create index leads_tenant_wa_parent_idx on leads (tenant_id, wa_parent_user_id) where wa_parent_user_id is not null;

-- A lead edits or deletes (revokes) a message it sent: the text is updated in place with its
-- history in payload.edits, or cleared and marked deleted; neither ever reaches the bot again.
alter table messages
  add column edited_at timestamptz,
  add column deleted_at timestamptz;
