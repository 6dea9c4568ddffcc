-- LGPD requests beyond the e-mail form (issue 12): a request may start in a WhatsApp conversation
-- ("quero meus dados") or name the subject by WhatsApp (number or username) instead of an e-mail,
-- the code then going out over WhatsApp; true deletion is its own kind; what fulfilling a request
-- did (rows deleted, rows kept and the legal reason to keep them, fields corrected) is kept.

alter table privacy_requests alter column requester_email drop not null;
alter table privacy_requests drop constraint privacy_requests_requester_email_check;
alter table privacy_requests add constraint privacy_requests_requester_email_check check (requester_email is null or requester_email <> '');

alter table privacy_requests
  add column requester_whatsapp varchar(64) check (requester_whatsapp is null or requester_whatsapp <> ''),
  add column channel varchar(20) not null default 'privacy_page' check (channel in ('privacy_page', 'whatsapp')),
  add column code_channel varchar(20) check (code_channel is null or code_channel in ('email', 'whatsapp')),
  add column conversation_id uuid,
  add column outcome jsonb not null default '{}'::jsonb,
  add constraint privacy_requests_requester_check check (requester_email is not null or requester_whatsapp is not null),
  add constraint privacy_requests_conversation_fk foreign key (tenant_id, conversation_id) references conversations (tenant_id, id) on delete set null (conversation_id);

alter table privacy_requests drop constraint privacy_requests_kind_check;
alter table privacy_requests add constraint privacy_requests_kind_check
  check (kind in ('confirmation', 'access', 'correction', 'anonymisation', 'deletion', 'portability', 'sharing_info', 'revocation', 'automated_review'));
