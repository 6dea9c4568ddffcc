-- LGPD consent ledger (issue 12). The consents table the widget and WhatsApp already write becomes
-- an append-only ledger: every row is one decision on one purpose for one subject (a lead or a CRM
-- contact), with the text and version shown, channel, IP, user agent and time. A revocation is a
-- new row (granted = false) pointing at the grant it revokes, with the reason; the subject's state
-- for a purpose is its latest row. The app role may not update or delete rows (db/grants.sql),
-- except re-pointing the subject (lead merge) and erasing IP / user agent on anonymisation; the
-- trigger below holds the proof columns even for the owner.

alter table consents drop constraint consents_purpose_check;
alter table consents add constraint consents_purpose_check check (purpose in ('service', 'marketing', 'analytics', 'ai_processing'));
alter table consents alter column lead_id drop not null;
alter table consents
  add column contact_id uuid,
  add column revokes_id uuid,
  add column revocation_reason varchar(500),
  add column note varchar(500),
  add column recorded_by uuid;
create unique index consents_tenant_id_uq on consents (tenant_id, id);
alter table consents
  add constraint consents_contact_fk foreign key (tenant_id, contact_id) references contacts (tenant_id, id) on delete cascade,
  add constraint consents_revokes_fk foreign key (tenant_id, revokes_id) references consents (tenant_id, id),
  add constraint consents_recorded_by_fk foreign key (tenant_id, recorded_by) references users (tenant_id, id) on delete set null (recorded_by),
  add constraint consents_subject_check check (lead_id is not null or contact_id is not null),
  add constraint consents_revocation_check check (revokes_id is null or (not granted and revocation_reason is not null)),
  add constraint consents_text_check check (text_shown <> '' and text_version <> ''),
  add constraint consents_user_agent_len check (char_length(user_agent) <= 500);

-- Existing revocations (the bot's opt-out stamped revoked_at) become revocation rows.
insert into consents (tenant_id, lead_id, purpose, granted, legal_basis, channel, text_shown, text_version, ip, user_agent, created_at, revokes_id, revocation_reason)
select tenant_id, lead_id, purpose, false, legal_basis, channel, text_shown, text_version, null, null, revoked_at, id, 'Descadastro pedido pelo lead na conversa'
from consents where revoked_at is not null;
alter table consents drop column revoked_at;

update consents set legal_basis = 'execucao_de_contrato' where legal_basis = 'execucao_contrato';
alter table consents add constraint consents_legal_basis_check check (legal_basis in (
  'consentimento', 'obrigacao_legal', 'politicas_publicas', 'estudos_pesquisa', 'execucao_de_contrato',
  'exercicio_de_direitos', 'protecao_da_vida', 'tutela_da_saude', 'legitimo_interesse', 'protecao_do_credito'));
alter table consents add constraint consents_channel_check check (channel in ('web', 'whatsapp', 'api', 'phone', 'email', 'in_person', 'privacy_page'));

create index consents_tenant_contact_idx on consents (tenant_id, contact_id, purpose, created_at desc) where contact_id is not null;

create or replace function consents_append_only() returns trigger language plpgsql as $$
begin
  if (new.id, new.tenant_id, new.purpose, new.granted, new.legal_basis, new.channel, new.text_shown, new.text_version,
      new.created_at, new.revokes_id, new.revocation_reason, new.note, new.recorded_by)
     is distinct from
     (old.id, old.tenant_id, old.purpose, old.granted, old.legal_basis, old.channel, old.text_shown, old.text_version,
      old.created_at, old.revokes_id, old.revocation_reason, old.note, old.recorded_by) then
    raise exception 'consents is append-only: record a new row instead of changing one' using errcode = 'P0001';
  end if;
  if (new.ip is not null and new.ip is distinct from old.ip) or (new.user_agent is not null and new.user_agent is distinct from old.user_agent) then
    raise exception 'consents: ip and user_agent may only be erased' using errcode = 'P0001';
  end if;
  return new;
end $$;
create trigger consents_append_only before update on consents for each row execute function consents_append_only();
