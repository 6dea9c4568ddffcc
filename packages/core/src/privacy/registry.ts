import type { DB } from "@vendaflow/db/types";
import { sql, type RawBuilder } from "kysely";
import type { LegalBasis } from "@vendaflow/validators/privacy";

/**
 * The personal-data registry (LGPD arts. 18 and 37): every table holding personal data, whose
 * data it is, which columns, why it is kept, how a data subject's rows are found and what
 * anonymisation does to them. Exports (access, portability), anonymisation and the records of
 * processing are driven from here. tests/integration/privacy-registry reads the catalog and fails
 * when a table with personal-looking columns (PERSONAL_COLUMN) is neither here nor in NOT_PERSONAL.
 * Scopes are SQL conditions on the alias `t`.
 */

export type Holder = "lead" | "contact" | "staff" | "platform";
export type Anonymise = "scrub" | "keep_proof" | "delete" | "keep";

export interface PersonalTable {
  table: keyof DB & string;
  holders: readonly Holder[];
  /** Columns with personal data (free text and JSON included). */
  columns: readonly string[];
  /** Why it is processed (pt-BR, for the records of processing). */
  purpose: string;
  /** LGPD art. 7 basis the processing rests on. */
  legalBasis: LegalBasis;
  /** Rows of a lead data subject. */
  leadScope?: (leadId: string) => RawBuilder<boolean>;
  /** Rows of a CRM contact data subject. */
  contactScope?: (contactId: string) => RawBuilder<boolean>;
  /** What anonymising a subject does here (executed by privacy/anonymise, issue 12 item 4). */
  onAnonymise: Anonymise;
  /**
   * Why the subject's rows here are kept (anonymised) when the subject asks for deletion (LGPD
   * art. 16); absent: a deletion request deletes them (privacy/erase). Shown to the subject and the admin.
   */
  keepOnDeletion?: string;
}

const convOf = (leadId: string) => sql<boolean>`t.conversation_id in (select c.id from conversations c where c.lead_id = ${leadId})`;

export const PERSONAL_DATA: readonly PersonalTable[] = [
  {
    table: "leads",
    holders: ["lead"],
    columns: ["name", "email", "phone", "company", "wa_id", "wa_user_id", "wa_parent_user_id", "wa_username", "visitor_id", "source_details", "bant_data", "score_facts", "custom_fields", "tags"],
    purpose: "Qualificar e atender o lead que iniciou contato",
    legalBasis: "execucao_de_contrato",
    leadScope: (id) => sql<boolean>`t.id = ${id}`,
    onAnonymise: "scrub",
  },
  {
    table: "conversations",
    holders: ["lead"],
    columns: ["bot_state"],
    purpose: "Conduzir a conversa de qualificação",
    legalBasis: "execucao_de_contrato",
    leadScope: (id) => sql<boolean>`t.lead_id = ${id}`,
    onAnonymise: "scrub",
  },
  {
    table: "messages",
    holders: ["lead", "staff"],
    columns: ["text", "payload", "delivery_error"],
    purpose: "Histórico do atendimento",
    legalBasis: "execucao_de_contrato",
    leadScope: convOf,
    onAnonymise: "scrub",
  },
  {
    table: "media_objects",
    holders: ["lead", "staff"],
    columns: ["filename", "storage_key", "provider_media_id"],
    purpose: "Arquivos trocados no atendimento",
    legalBasis: "execucao_de_contrato",
    leadScope: (id) => sql<boolean>`t.message_id in (select m.id from messages m join conversations c on c.id = m.conversation_id where c.lead_id = ${id})`,
    onAnonymise: "delete",
  },
  {
    table: "inbound_events",
    holders: ["lead"],
    columns: ["payload", "error"],
    purpose: "Recebimento idempotente de mensagens (reprocessamento em caso de falha)",
    legalBasis: "legitimo_interesse",
    leadScope: convOf,
    onAnonymise: "scrub",
  },
  {
    table: "conversation_events",
    holders: ["lead", "staff"],
    columns: ["data"],
    purpose: "Linha do tempo do atendimento",
    legalBasis: "execucao_de_contrato",
    leadScope: convOf,
    onAnonymise: "scrub",
  },
  {
    table: "consents",
    holders: ["lead", "contact"],
    columns: ["text_shown", "ip", "user_agent", "note"],
    purpose: "Prova do consentimento e de sua revogação (art. 8º, §2º)",
    legalBasis: "obrigacao_legal",
    leadScope: (id) => sql<boolean>`t.lead_id = ${id}`,
    contactScope: (id) => sql<boolean>`t.contact_id = ${id}`,
    onAnonymise: "keep_proof",
    keepOnDeletion: "Prova do consentimento e de sua revogação (art. 8º, §2º, e art. 16, I): fica só a prova, sem IP nem navegador",
  },
  {
    table: "contacts",
    holders: ["contact"],
    columns: ["name", "email", "phone", "position", "linkedin", "custom_fields", "tags"],
    purpose: "Relacionamento comercial (CRM)",
    legalBasis: "legitimo_interesse",
    leadScope: (id) => sql<boolean>`t.id = (select l.contact_id from leads l where l.id = ${id})`,
    contactScope: (id) => sql<boolean>`t.id = ${id}`,
    onAnonymise: "scrub",
  },
  {
    table: "deals",
    holders: ["lead", "contact"],
    columns: ["title", "lost_note", "custom_fields", "search"],
    purpose: "Negociações do funil de vendas",
    legalBasis: "execucao_de_contrato",
    leadScope: (id) => sql<boolean>`t.lead_id = ${id}`,
    contactScope: (id) => sql<boolean>`t.contact_id = ${id}`,
    onAnonymise: "scrub",
  },
  {
    table: "activities",
    holders: ["lead", "contact"],
    columns: ["subject", "description", "outcome", "data"],
    purpose: "Tarefas e registros de contato do CRM",
    legalBasis: "execucao_de_contrato",
    leadScope: (id) => sql<boolean>`(t.lead_id = ${id} or t.deal_id in (select d.id from deals d where d.lead_id = ${id}))`,
    contactScope: (id) => sql<boolean>`t.contact_id = ${id}`,
    onAnonymise: "scrub",
  },
  {
    table: "meetings",
    holders: ["lead"],
    columns: ["title", "invitee_name", "invitee_email", "join_url", "cancel_reason"],
    purpose: "Reuniões que o lead agendou pelo Calendly ou Cal.com",
    legalBasis: "execucao_de_contrato",
    leadScope: (id) => sql<boolean>`t.lead_id = ${id}`,
    onAnonymise: "scrub",
  },
  {
    table: "audit_logs",
    holders: ["staff", "lead", "contact"],
    columns: ["before", "after", "ip", "user_agent"],
    purpose: "Trilha de auditoria (segurança e prestação de contas, art. 6º X)",
    legalBasis: "legitimo_interesse",
    leadScope: (id) => sql<boolean>`(t.entity_id = ${id} or t.before::text like ${`%${id}%`} or t.after::text like ${`%${id}%`})`,
    contactScope: (id) => sql<boolean>`t.entity_id = ${id}`,
    onAnonymise: "scrub",
    keepOnDeletion: "Trilha de auditoria para prestação de contas (art. 6º, X, e art. 37), com os dados do titular já removidos",
  },
  {
    table: "notifications",
    holders: ["staff", "lead"],
    columns: ["data"],
    purpose: "Avisos aos atendentes",
    legalBasis: "legitimo_interesse",
    leadScope: (id) => sql<boolean>`t.data::text like ${`%${id}%`}`,
    onAnonymise: "scrub",
  },
  {
    table: "automation_runs",
    holders: ["lead"],
    columns: ["event", "result", "error"],
    purpose: "Histórico das automações do CRM executadas sobre o lead ou seus negócios",
    legalBasis: "legitimo_interesse",
    leadScope: (id) => sql<boolean>`((t.entity_type = 'lead' and t.entity_id = ${id}) or (t.entity_type = 'deal' and t.entity_id in (select d.id from deals d where d.lead_id = ${id})))`,
    onAnonymise: "scrub",
  },
  {
    table: "lead_imports",
    holders: ["lead"],
    columns: ["file_name", "content", "errors"],
    purpose: "Importação de leads por planilha (o arquivo enviado e os erros por linha)",
    legalBasis: "legitimo_interesse",
    leadScope: (id) =>
      sql<boolean>`exists (select 1 from leads l where l.id = ${id} and ((l.email is not null and t.content ilike '%' || l.email || '%') or (l.phone is not null and t.content ilike '%' || l.phone || '%')))`,
    onAnonymise: "scrub",
  },
  {
    table: "privacy_requests",
    holders: ["lead", "contact"],
    columns: ["requester_name", "requester_email", "requester_whatsapp", "details", "response", "outcome"],
    purpose: "Atender e comprovar o atendimento dos pedidos dos titulares (art. 18)",
    legalBasis: "obrigacao_legal",
    leadScope: (id) => sql<boolean>`t.lead_id = ${id}`,
    contactScope: (id) => sql<boolean>`t.contact_id = ${id}`,
    onAnonymise: "keep_proof",
    keepOnDeletion: "Comprovação do atendimento aos pedidos do titular (art. 16, I, e art. 18), sem nome nem contato",
  },
  {
    table: "privacy_settings",
    holders: ["staff"],
    columns: ["dpo_name", "dpo_email", "dpo_phone"],
    purpose: "Divulgar o contato do encarregado (art. 41, §1º)",
    legalBasis: "obrigacao_legal",
    onAnonymise: "keep",
  },
  {
    table: "users",
    holders: ["staff"],
    columns: ["name", "email"],
    purpose: "Contas dos usuários do cliente",
    legalBasis: "execucao_de_contrato",
    onAnonymise: "keep",
  },
  {
    table: "auth_tokens",
    holders: ["staff"],
    columns: ["new_email"],
    purpose: "Troca de e-mail de um usuário, até o novo endereço ser confirmado",
    legalBasis: "execucao_de_contrato",
    onAnonymise: "keep",
  },
  {
    table: "api_keys",
    holders: ["staff"],
    columns: ["last_used_ip"],
    purpose: "Chaves de API da empresa (segurança: endereço do último uso)",
    legalBasis: "legitimo_interesse",
    onAnonymise: "keep",
  },
  {
    table: "webhook_deliveries",
    holders: ["lead"],
    columns: ["payload", "last_error"],
    purpose: "Entregas de webhooks que a empresa assinou (eventos do lead e dos seus negócios, com o registro de cada tentativa)",
    legalBasis: "legitimo_interesse",
    leadScope: (id) => sql<boolean>`(t.payload::text like ${`%${id}%`} or exists (select 1 from deals d where d.lead_id = ${id} and t.payload::text like '%' || d.id::text || '%'))`,
    onAnonymise: "delete",
  },
  {
    table: "sessions",
    holders: ["staff"],
    columns: ["ip", "user_agent"],
    purpose: "Sessões de login (segurança)",
    legalBasis: "legitimo_interesse",
    onAnonymise: "keep",
  },
  {
    table: "platform_audit_logs",
    holders: ["platform"],
    columns: ["ip", "user_agent"],
    purpose: "Trilha de auditoria das alterações de catálogo (planos) feitas por operadores",
    legalBasis: "legitimo_interesse",
    onAnonymise: "keep",
  },
  {
    table: "platform_operators",
    holders: ["platform"],
    columns: ["name", "email"],
    purpose: "Operadores da plataforma",
    legalBasis: "execucao_de_contrato",
    onAnonymise: "keep",
  },
  {
    table: "email_outbox",
    holders: ["staff", "lead", "contact"],
    columns: ["to_address", "subject", "html", "text_body"],
    purpose: "Caixa de saída de e-mails em desenvolvimento (sem SMTP)",
    legalBasis: "execucao_de_contrato",
    // A global table (no policy): the subject's tenant's mails only, never another tenant's to the same address.
    leadScope: (id) => sql<boolean>`(t.tenant_id, t.to_address_key) = (select l.tenant_id, l.email_key from leads l where l.id = ${id})`,
    contactScope: (id) => sql<boolean>`(t.tenant_id, t.to_address_key) = (select c.tenant_id, c.email_key from contacts c where c.id = ${id})`,
    onAnonymise: "delete",
  },
];

/** Tables whose column names look personal but hold none, and why. */
export const NOT_PERSONAL: Readonly<Record<string, string>> = {
  n8n_connections: "URL da instância do n8n da empresa cliente e o nome do cabeçalho de autenticação (valor cifrado)",
  crm_sync_connections: "conta do Pipedrive/HubSpot da empresa cliente (nome da conta), credenciais cifradas e o mapeamento de campos",
  slack_connections: "workspace e canal do Slack da empresa cliente (nome do workspace) e segredos cifrados",
  calendar_connections: "conta de agenda da empresa cliente (nome da conta/equipe no Calendly ou Cal.com) e segredos cifrados",
  tenants: "nome da empresa cliente (pessoa jurídica)",
  schema_migrations: "nomes dos arquivos de migração",
  companies: "empresas (pessoas jurídicas); as pessoas ficam em contacts",
  inboxes: "nome da caixa de entrada",
  teams: "nome da equipe",
  pipelines: "nome do funil",
  pipeline_stages: "nome da etapa do funil",
  lost_reasons: "nome do motivo de perda",
  qualification_flows: "nome do fluxo",
  routing_rules: "nome da regra",
  whatsapp_templates: "modelos de mensagem (texto com variáveis, sem dados do lead)",
  canned_responses: "respostas prontas escritas pela equipe",
  custom_fields: "definições de campos (os valores ficam nas tabelas de leads, contatos e negócios)",
  // Declared ahead of the CRM's automations (issue 8), which name their rules.
  automations: "nome da regra de automação",
  // Billing (issue 11): the operator's catalogs.
  plans: "nome e descrição dos planos do catálogo",
  billing_meters: "nome de exibição dos medidores de uso",
  // Two-factor sign-in: credentials of a user, never personal data to export (the TOTP secret is
  // sealed with the keyring, the recovery codes are sha256 hashes), deleted with the user.
  user_two_factor: "credenciais de login: segredo TOTP cifrado da verificação em duas etapas",
  user_recovery_codes: "credenciais de login: hashes dos códigos de recuperação da verificação em duas etapas",
  // The same for platform operators (0152), global tables deleted with the operator.
  platform_operator_two_factor: "credenciais de login de operador: segredo TOTP cifrado da verificação em duas etapas",
  platform_operator_recovery_codes: "credenciais de login de operador: hashes dos códigos de recuperação da verificação em duas etapas",
  // CRM lists (issue 8): a user's named choice of columns and filters of a list.
  saved_views: "nome e configuração de uma visão salva de lista do CRM (colunas e filtros)",
};

/** Column names that look like personal data; the catalog test checks every table against it. */
export const PERSONAL_COLUMN = /(^|_)(name|email|phone|wa_id|wa_user_id|wa_parent_user_id|wa_username|text|ip|user_agent|address)($|_)/i;

export function registryEntry(table: string) {
  return PERSONAL_DATA.find((e) => e.table === table);
}
