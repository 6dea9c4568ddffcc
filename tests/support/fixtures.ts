import { randomInt, randomUUID } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { Client, type TrpcResult } from "./http";
import { defaultNumber, issueSignupCode, registerPhoneNumber, type StandInPhoneNumber } from "../stand-ins/graph-api";

export const env = () => inject("testEnv");

let pool: pg.Pool | null = null;
/** Owner connection for fixtures and assertions (bypasses RLS; never used to test isolation). */
export function owner(): pg.Pool {
  pool ??= new pg.Pool({ connectionString: env().ownerUrl, max: 3 });
  return pool;
}
export async function closeOwner() {
  await pool?.end();
  pool = null;
}

export const uniq = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

export interface FixtureUser {
  id: string;
  email: string;
  password: string;
  role: "admin" | "agent" | "viewer";
}

export interface FixtureTenant {
  id: string;
  slug: string;
  host: string;
  users: Record<"admin" | "agent" | "viewer", FixtureUser>;
  client(): Client;
  loginAs(role: "admin" | "agent" | "viewer"): Promise<Client>;
}

const PASSWORD = "fixture-pass-123";
/**
 * PASSWORD under bcrypt at cost 4 (its minimum). The app's verifyPassword reads the cost from the
 * hash, so fixture sign-ins still check the password for real; at the app's cost 10 each one spent
 * 60–300 ms of the shared machine's CPU in bcrypt (and each file hashed once more to make it).
 */
const HASHED = "$2b$04$M17z3.eSTfNZ2iOyH.0CW.p2Ynr8nR3YNAzoGZC1xhlXAAU/2i1ie";

/** A tenant with one verified user per role, inserted directly so tests don't share rate limits. */
export async function createTenant(): Promise<FixtureTenant> {
  const slug = uniq("t");
  const { rows } = await owner().query<{ id: string }>("insert into tenants (slug, name) values ($1, $2) returning id", [slug, `Empresa ${slug}`]);
  const id = rows[0]!.id;
  const users = {} as FixtureTenant["users"];
  for (const role of ["admin", "agent", "viewer"] as const) {
    const email = `${role}@${slug}.test`;
    const r = await owner().query<{ id: string }>(
      "insert into users (tenant_id, email, name, role, password_hash, email_verified_at) values ($1, $2, $3, $4, $5, now()) returning id",
      [id, email, `${role} ${slug}`, role, HASHED],
    );
    users[role] = { id: r.rows[0]!.id, email, password: PASSWORD, role };
  }
  const host = `${slug}.${env().rootDomain}`;
  return {
    id,
    slug,
    host,
    users,
    client: () => new Client(env().port, host),
    async loginAs(role) {
      const c = new Client(env().port, host);
      const err = await c.login(users[role].email, users[role].password);
      if (err) throw new Error(`login as ${role} failed: ${err}`);
      return c;
    },
  };
}

/** The first link in the newest outbox mail to this address. */
export async function latestMailLink(to: string, pathPart: string): Promise<URL> {
  const { rows } = await owner().query<{ text_body: string }>("select text_body from email_outbox where to_address = $1 order by created_at desc limit 1", [to]);
  const match = rows[0]?.text_body.match(new RegExp(`https?://\\S*${pathPart}\\S*`));
  if (!match) throw new Error(`no mail with ${pathPart} for ${to}`);
  return new URL(match[0]);
}

export const rootClient = () => new Client(env().port, env().rootDomain);

/**
 * A platform operator of its own, signed in on the root domain. The seeded operator's e-mail has
 * one login limit for the whole suite (login:email, 5 per 15 min): tests that each signed in as
 * it failed with TOO_MANY_REQUESTS once a sixth one was added, whichever ran last.
 */
export async function loginOperator(): Promise<{ client: Client; email: string; id: string; password: string }> {
  const email = `${uniq("operador")}@vendaflow.test`;
  const { rows } = await owner().query<{ id: string }>("insert into platform_operators (email, name, password_hash) values ($1, 'Operador de teste', $2) returning id", [email, HASHED]);
  const client = rootClient();
  const err = await client.login(email, PASSWORD);
  if (err) throw new Error(`operator login failed: ${err}`);
  return { client, email, id: rows[0]!.id, password: PASSWORD };
}

/** One row per conversation-side table for a tenant (inserted as owner), so RLS checks have targets. */
export async function seedConversationRows(tenantId: string) {
  const q = (sql: string, params: unknown[]) => owner().query(sql, params).then((r) => r.rows[0] as { id: string });
  const inbox = await q("insert into inboxes (tenant_id, name, channel) values ($1, 'Site', 'web') returning id", [tenantId]);
  const flow = await q("insert into qualification_flows (tenant_id, name, version, definition) values ($1, 'BANT', 1, '{}') returning id", [tenantId]);
  const lead = await q("insert into leads (tenant_id, name, source, visitor_id) values ($1, 'Lead', 'web', gen_random_uuid()::text) returning id", [tenantId]);
  const conv = await q("insert into conversations (tenant_id, inbox_id, lead_id, flow_id) values ($1, $2, $3, $4) returning id", [tenantId, inbox.id, lead.id, flow.id]);
  const msg = await q("insert into messages (tenant_id, conversation_id, sender, text) values ($1, $2, 'lead', 'oi') returning id", [tenantId, conv.id]);
  await q("insert into media_objects (tenant_id, message_id, direction, kind) values ($1, $2, 'inbound', 'image') returning id", [tenantId, msg.id]);
  await q("insert into whatsapp_templates (tenant_id, waba_id, name, language, status) values ($1, '102290129340398', 'fixture_' || left(gen_random_uuid()::text, 8), 'pt_BR', 'approved') returning id", [tenantId]);
  await q("insert into inbound_events (tenant_id, inbox_id, conversation_id, provider, provider_event_id, kind, payload) values ($1, $2, $3, 'widget', gen_random_uuid()::text, 'message', '{}') returning id", [tenantId, inbox.id, conv.id]);
  await q("insert into consents (tenant_id, lead_id, purpose, granted, legal_basis, channel, text_shown, text_version) values ($1, $2, 'service', true, 'execucao_de_contrato', 'web', 'aviso', 'v1') returning id", [tenantId, lead.id]);
  await q("insert into conversation_events (tenant_id, conversation_id, kind) values ($1, $2, 'created') returning id", [tenantId, conv.id]);
  // Routing tables (0003): one row each, around an existing user of the tenant (or a new agent).
  const user =
    (await q("select id from users where tenant_id = $1 order by created_at, id limit 1", [tenantId])) ??
    (await q("insert into users (tenant_id, email, name, role) values ($1, gen_random_uuid()::text || '@fixture.test', 'Agente', 'agent') returning id", [tenantId]));
  const team = await q("insert into teams (tenant_id, name) values ($1, 'Vendas ' || left(gen_random_uuid()::text, 8)) returning id", [tenantId]);
  await q("insert into team_members (tenant_id, team_id, user_id, position) values ($1, $2, $3, 0) returning id", [tenantId, team.id, user.id]);
  await q("insert into agent_profiles (tenant_id, user_id, skills) values ($1, $2, '{vendas}') on conflict do nothing returning id", [tenantId, user.id]);
  await q("insert into business_hours (tenant_id) values ($1) on conflict do nothing returning id", [tenantId]);
  await q(`insert into routing_rules (tenant_id, name, actions) values ($1, 'Todos', jsonb_build_array(jsonb_build_object('type', 'assign_team', 'teamId', $2::text))) returning id`, [tenantId, team.id]);
  await q("insert into canned_responses (tenant_id, shortcut, title, body) values ($1, 'oi-' || left(gen_random_uuid()::text, 8), 'Saudação', 'Olá! Como posso ajudar?') returning id", [tenantId]);
  await q("insert into notifications (tenant_id, user_id, kind) values ($1, $2, 'conversation_assigned') returning id", [tenantId, user.id]);
  // Two-factor sign-in (0148): a pending enrolment and one recovery code of that user.
  await q("insert into user_two_factor (tenant_id, user_id, secret_encrypted) values ($1, $2, 'fixture') on conflict do nothing returning id", [tenantId, user.id]);
  await q("insert into user_recovery_codes (tenant_id, user_id, code_hash) values ($1, $2, encode(sha256(gen_random_uuid()::text::bytea), 'hex')) returning id", [tenantId, user.id]);
  await q("insert into webhook_receipts (tenant_id, provider, provider_event_id, event_type) values ($1, 'fixture', gen_random_uuid()::text, 'fixture.created') returning id", [tenantId]);
  // AI layer (0015): settings, one logged call on the conversation, the month's usage.
  await q("insert into ai_settings (tenant_id, enabled) values ($1, true) on conflict do nothing returning tenant_id as id", [tenantId]);
  await q("insert into ai_calls (tenant_id, conversation_id, purpose, step_id, provider, model, prompt_version, latency_ms, outcome) values ($1, $2, 'classify', 'budget', 'openai', 'fixture', 'classify-v1', 12, 'accepted') returning id", [tenantId, conv.id]);
  await q("insert into ai_usage_monthly (tenant_id, month, calls) values ($1, date_trunc('month', now())::date, 1) on conflict do nothing returning tenant_id as id", [tenantId]);
  // CRM tables (0020): the default pipeline, its stages and lost reasons come with the tenant.
  const stage = await q("select s.id, s.pipeline_id from pipeline_stages s join pipelines p on p.id = s.pipeline_id where s.tenant_id = $1 and p.is_default order by s.position limit 1", [tenantId]);
  const company = await q("insert into companies (tenant_id, name, domain) values ($1, 'Padaria Sol', left(gen_random_uuid()::text, 8) || '.com.br') returning id", [tenantId]);
  const contact = await q("insert into contacts (tenant_id, company_id, name, email) values ($1, $2, 'Ana Souza', 'ana@padariasol.com.br') returning id", [tenantId, company.id]);
  const deal = await q(
    "insert into deals (tenant_id, pipeline_id, stage_id, title, value_cents, probability, company_id, contact_id, lead_id) values ($1, $2, $3, 'Plano anual', 1200000, 10, $4, $5, $6) returning id",
    [tenantId, (stage as unknown as { pipeline_id: string }).pipeline_id, stage.id, company.id, contact.id, lead.id],
  );
  await q("insert into activities (tenant_id, type, subject, deal_id, assigned_to, due_at) values ($1, 'call', 'Ligar para Ana', $2, $3, now()) returning id", [tenantId, deal.id, user.id]);
  await q("insert into lead_score_settings (tenant_id, weights) values ($1, '{\"perMessage\": 2}') on conflict (tenant_id) do nothing returning id", [tenantId]);
  const automation = await q("insert into automations (tenant_id, name, trigger, actions) values ($1, 'Fixture', 'deal_won', '[{\"type\": \"add_tag\", \"tag\": \"x\"}]') returning id", [tenantId]);
  await q("insert into automation_runs (tenant_id, automation_id, trigger, entity_type, entity_id) values ($1, $2, 'deal_won', 'deal', $3) returning id", [tenantId, automation.id, deal.id]);
  await q("insert into lead_imports (tenant_id, file_name, encoding, separator, content) values ($1, 'leads.csv', 'utf-8', ';', 'nome;email') returning id", [tenantId]);
  await q("insert into custom_fields (tenant_id, entity_type, label, field_type, options) values ($1, 'deal', 'Origem ' || left(gen_random_uuid()::text, 8), 'select', '[\"Feira\"]') returning id", [tenantId]);
  // LGPD (0071): the privacy notice and one confirmed data subject request.
  await q("insert into privacy_settings (tenant_id, dpo_name, dpo_email) values ($1, 'Encarregada', 'dpo@fixture.test') on conflict do nothing returning tenant_id as id", [tenantId]);
  await q(
    "insert into privacy_requests (tenant_id, protocol, kind, status, requester_name, requester_email, lead_id, verified_at, due_date) values ($1, 'LGPD-FIX-' || left(gen_random_uuid()::text, 8), 'access', 'open', 'Lead', 'lead@fixture.test', $2, now(), current_date + 15) returning id",
    [tenantId, lead.id],
  );
  await q("insert into privacy_retention (tenant_id) values ($1) on conflict do nothing returning tenant_id as id", [tenantId]);
  await q("insert into privacy_incidents (tenant_id, title, description, known_at, data_categories, subjects_affected, measures, risk) values ($1, 'Vazamento', 'Fixture', now(), '{nome}', 1, 'Senhas trocadas', 'low') returning id", [tenantId]);
  // Billing tables (0040).
  await q("insert into tenant_subscriptions (tenant_id, plan_id, status, trial_ends_at) select $1, id, 'trialing', now() + interval '14 days' from plans where code = 'starter' on conflict do nothing returning id", [tenantId]);
  await q("insert into billing_invoices (tenant_id, stripe_invoice_id, status, currency, amount_due_cents, amount_paid_cents, issued_at) values ($1, 'in_' || left(gen_random_uuid()::text, 8), 'paid', 'BRL', 29900, 29900, now()) returning id", [tenantId]);
  const report = await q("insert into usage_reports (tenant_id, meter, period, quantity, identifier, event_at, stripe_customer_id) values ($1, 'bot_messages', '2026-12', 1, gen_random_uuid()::text, now(), 'cus_fixture') returning id", [tenantId]);
  await q("insert into usage_events (tenant_id, meter, period, quantity, source_id, occurred_at, report_id) values ($1, 'bot_messages', '2026-12', 1, gen_random_uuid()::text, now(), $2) returning id", [tenantId, report.id]);
  await q("insert into usage_totals (tenant_id, meter, period, quantity) values ($1, 'bot_messages', '2026-12', 1) on conflict do nothing returning tenant_id as id", [tenantId]);
  // CRM lists (0025): a saved view of the user's.
  await q("insert into saved_views (tenant_id, user_id, entity, name, config) values ($1, $2, 'deal', 'Meus negócios ' || left(gen_random_uuid()::text, 8), '{\"columns\":[\"title\"]}') returning id", [tenantId, user.id]);
  // Scheduling (0100): a Calendly connection and one meeting of the lead, on its deal and conversation.
  const calendar = await q("insert into calendar_connections (tenant_id, provider, credentials_encrypted, account_ref, webhook_key) values ($1, 'calendly', 'x', 'https://api.calendly.com/users/fixture', replace(gen_random_uuid()::text, '-', '')) on conflict (tenant_id, provider) do update set updated_at = now() returning id", [tenantId]);
  await q(
    "insert into meetings (tenant_id, connection_id, provider, external_id, lead_id, deal_id, conversation_id, title, starts_at, ends_at) values ($1, $2, 'calendly', gen_random_uuid()::text, $3, $4, $5, 'Demonstração', now() + interval '1 day', now() + interval '1 day 30 minutes') returning id",
    [tenantId, calendar.id, lead.id, deal.id, conv.id],
  );
  // Slack (0120): the tenant's connection (one per tenant).
  await q("insert into slack_connections (tenant_id, mode, credentials_encrypted, channel, command_key) values ($1, 'bot', 'x', '#vendas', replace(gen_random_uuid()::text, '-', '')) on conflict (tenant_id) do update set updated_at = now() returning id", [tenantId]);
  // CRM sync (0135): a Pipedrive connection, the lead's link to its person and the deal queued to push.
  const crm = await q("insert into crm_sync_connections (tenant_id, provider, credentials_encrypted, webhook_key) values ($1, 'pipedrive', 'x', replace(gen_random_uuid()::text, '-', '')) on conflict (tenant_id, provider) do update set updated_at = now() returning id", [tenantId]);
  await q("insert into crm_sync_links (tenant_id, connection_id, entity_type, local_id, remote_id) values ($1, $2, 'lead', $3, left(gen_random_uuid()::text, 8)) on conflict do nothing returning local_id as id", [tenantId, crm.id, lead.id]);
  await q("insert into crm_sync_outbox (tenant_id, connection_id, entity_type, entity_id) values ($1, $2, 'deal', $3) on conflict do nothing returning entity_id as id", [tenantId, crm.id, deal.id]);
  await q("insert into n8n_connections (tenant_id, base_url) values ($1, 'https://n8n.example.com') on conflict (tenant_id) do update set updated_at = now() returning id", [tenantId]);
  // Chatwoot (0137): the connection, one mirrored conversation and one mirrored message.
  const cwc = await q("insert into chatwoot_connections (tenant_id, base_url, account_id, inbox_id, credentials_encrypted, webhook_key, webhook_token_sha256) values ($1, 'https://chatwoot.example.com', 1, 2, 'x', replace(gen_random_uuid()::text, '-', ''), encode(sha256('fixture'::bytea), 'hex')) on conflict (tenant_id) do update set updated_at = now() returning id", [tenantId]);
  const cwm = await q("insert into chatwoot_conversations (tenant_id, connection_id, conversation_id, chatwoot_contact_id, chatwoot_conversation_id) values ($1, $2, $3, 10, (random() * 1e9)::bigint) on conflict (tenant_id, conversation_id) do update set updated_at = now() returning id", [tenantId, cwc.id, conv.id]);
  await q("insert into chatwoot_messages (tenant_id, mirror_id, message_id, chatwoot_message_id, direction) values ($1, $2, $3, (random() * 1e9)::bigint, 'out') on conflict (tenant_id, message_id) do update set direction = 'out' returning id", [tenantId, cwm.id, msg.id]);
  // Developer platform (0110, 0111): an API key, a webhook subscription, one delivery and its attempt.
  await q("insert into api_keys (tenant_id, name, prefix, key_hash, scopes, created_by) values ($1, 'Fixture', 'vfk_' || left(md5(random()::text), 12), sha256(gen_random_uuid()::text::bytea), '{leads:read}', $2) returning id", [tenantId, user.id]);
  const sub = await q("insert into webhook_subscriptions (tenant_id, url, event_types, secret_encrypted) values ($1, 'https://hooks.example.com/vf', '{deal.won}', 'fixture') returning id", [tenantId]);
  const delivery = await q("insert into webhook_deliveries (tenant_id, subscription_id, message_id, event_type, payload) values ($1, $2, 'msg_' || left(md5(random()::text), 20), 'deal.won', '{}') returning id", [tenantId, sub.id]);
  await q("insert into webhook_delivery_attempts (tenant_id, delivery_id, attempt, status_code, latency_ms) values ($1, $2, 1, 200, 12) returning id", [tenantId, delivery.id]);
  // Analytics rollups (0121): one row of each kind, a dirty mark and the tenant's rollup state.
  await q("insert into analytics_rollup_state (tenant_id, rolled_through) values ($1, current_date - 1) on conflict do nothing returning tenant_id as id", [tenantId]);
  await q("insert into analytics_dirty_days (tenant_id, day) values ($1, current_date - 2) returning tenant_id as id", [tenantId]);
  await q("insert into analytics_conversation_days (tenant_id, day, inbox_id, conversations, bot_started, qualified, booked, handed_off) values ($1, current_date - 2, $2, 1, 1, 0, 0, 0) returning tenant_id as id", [tenantId, inbox.id]);
  await q("insert into analytics_bot_step_days (tenant_id, day, inbox_id, flow_id, step_id, reached, answered, pos_sum) values ($1, current_date - 2, $2, $3, 'name', 1, 1, 1) returning tenant_id as id", [tenantId, inbox.id, flow.id]);
  await q("insert into analytics_agent_days (tenant_id, day, inbox_id, user_id, conversations, sla_hit, sla_missed, first_response_seconds, resolution_seconds) values ($1, current_date - 2, $2, $3, 1, 1, 0, '{60}', '{}') returning tenant_id as id", [tenantId, inbox.id, user.id]);
  await q("insert into analytics_lead_days (tenant_id, day, source, leads) values ($1, current_date - 2, 'web', 1) returning tenant_id as id", [tenantId]);
  await q("insert into analytics_message_hours (tenant_id, day, inbox_id, inbound, outbound) values ($1, current_date - 2, $2, array_fill(0, array[24]), array_fill(0, array[24])) returning tenant_id as id", [tenantId, inbox.id]);
  return { inboxId: inbox.id, leadId: lead.id, conversationId: conv.id };
}

/**
 * A WhatsApp inbox on the platform app, connected by a signed-in admin the only way there is
 * (whatsapp.completeSignup, Embedded Signup); returns its phone_number_id (random unless given).
 * See connectWhatsAppNumber.
 */
export async function createWhatsAppInbox(admin: Client, graphUrl: string, phoneNumberId = String(randomInt(1e12, 9e12))): Promise<string> {
  const created = await connectWhatsAppNumber(admin, graphUrl, { phoneNumberId });
  if (created.error) throw new Error(`whatsapp.completeSignup: ${created.error.message}`);
  return phoneNumberId;
}

/**
 * Embedded Signup against the Graph stand-in the admin's app asks (`graph.baseUrl`, or
 * `env().graphUrl` for the shared app): the number is registered in its WABA (random unless given),
 * shared with the platform; the stand-in issues the code Meta's popup would hand the browser; the
 * admin completes the signup as the dialog does. Returns the call's result (errors included).
 */
export async function connectWhatsAppNumber(
  admin: Client,
  graphUrl: string,
  o: { phoneNumberId?: string; wabaId?: string; name?: string; settings?: Record<string, unknown>; number?: StandInPhoneNumber; pin?: string; register?: boolean } = {},
): Promise<TrpcResult<{ inbox: { id: string; waPhoneNumberId: string; settings: Record<string, unknown> }; alreadyConnected: boolean }>> {
  const phoneNumberId = o.phoneNumberId ?? String(randomInt(1e12, 9e12));
  const wabaId = o.wabaId ?? String(randomInt(1e12, 9e12));
  if (o.register !== false) await registerPhoneNumber(graphUrl, phoneNumberId, o.number ?? defaultNumber(phoneNumberId), { wabaId });
  const code = await issueSignupCode(graphUrl, wabaId);
  return admin.trpc("mutation", "whatsapp.completeSignup", {
    name: o.name ?? "WhatsApp",
    code,
    phoneNumberId,
    wabaId,
    ...(o.pin ? { pin: o.pin } : {}),
    settings: o.settings ?? { allowedOrigins: [], schedulingUrl: "", templates: {} },
  });
}
