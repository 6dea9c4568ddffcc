import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "@vendaflow/db/paths";
import { API_LEAD_PREFIX } from "@vendaflow/validators/api-inbox";
import { closeOwner, owner } from "../support/fixtures";
import { validatorStrings } from "../support/zod-strings";

afterAll(closeOwner);

/**
 * Where each string of packages/validators is stored: a column ("table.column"; a text or jsonb
 * column takes any length, an array column is written "table.column[]"), with what is written
 * before it in the same column, or why it is not stored as typed. A string field missing here
 * fails the test: add it with the column it lands in.
 */
type Dest = { column: string; prefix?: number; normalizedMax?: number } | { notStored: string };
const col = (column: string, prefix = 0): Dest => ({ column, prefix });
/** Typed text normalised before storage (a phone becomes E.164, at most 14 characters). */
const normalized = (column: string, normalizedMax: number): Dest => ({ column, normalizedMax });
const lookup: Dest = { notStored: "compared with a stored value, never written" };
const secret: Dest = { notStored: "hashed, encrypted or signed before storage" };
const json = (column: string): Dest => col(column);
/** A provider's webhook text, cut to its column by core/scheduling/booking-events before storage. */
const cutToColumn: Dest = { notStored: "cut to the meetings column it lands in (scheduling/booking-events.ts)" };
const wireOnly: Dest = { notStored: "read from Meta's payload; what is kept lands in a column named elsewhere here" };

const pipedriveWire: Dest = { notStored: "read from Pipedrive's payload; what is kept is cut to the lead / deal column by crm-sync/mapping.ts" };
const hubspotWire: Dest = { notStored: "read from HubSpot's payload; what is kept is cut to the lead / deal column by crm-sync/mapping.ts" };
const DEST: Record<string, Dest> = {
  "crm-sync.hubspotObject.associations{}.results[].type": hubspotWire,
  "crm-sync.hubspotObject.properties{}": hubspotWire,
  "crm-sync.hubspotObject.updatedAt": col("crm_sync_links.remote_version"),
  "crm-sync.hubspotWebhookEvent.changeSource": hubspotWire,
  "crm-sync.hubspotWebhookEvent.propertyName": hubspotWire,
  "crm-sync.hubspotWebhookEvent.subscriptionType": col("webhook_receipts.event_type"),
  "crm-sync.connectPipedriveInput.apiToken": secret,
  // https://{domain}.pipedrive.com
  "crm-sync.connectPipedriveInput.companyDomain": col("crm_sync_connections.api_base", 22),
  "crm-sync.crmFieldMapping.stages[].localStageId": json("crm_sync_connections.field_mapping"),
  "crm-sync.crmFieldMapping.stages[].remoteStageId": json("crm_sync_connections.field_mapping"),
  "crm-sync.crmSyncPullJobSchema.connectionId": lookup,
  "crm-sync.crmSyncPullJobSchema.tenantId": lookup,
  "crm-sync.crmSyncPushJobSchema.connectionId": lookup,
  "crm-sync.crmSyncPushJobSchema.tenantId": lookup,
  "crm-sync.pipedriveDeal.currency": pipedriveWire,
  "crm-sync.pipedriveDeal.status": pipedriveWire,
  "crm-sync.pipedriveDeal.title": pipedriveWire,
  "crm-sync.pipedriveDeal.update_time": col("crm_sync_links.remote_version"),
  "crm-sync.pipedrivePerson.emails[].label": pipedriveWire,
  "crm-sync.pipedrivePerson.emails[].value": pipedriveWire,
  "crm-sync.pipedrivePerson.name": pipedriveWire,
  "crm-sync.pipedrivePerson.update_time": col("crm_sync_links.remote_version"),
  "crm-sync.pipedriveWebhookSchema.meta.action": col("webhook_receipts.event_type"),
  "crm-sync.pipedriveWebhookSchema.meta.change_source": pipedriveWire,
  "crm-sync.pipedriveWebhookSchema.meta.entity": col("webhook_receipts.event_type"),
  "crm-sync.pipedriveWebhookSchema.meta.id": col("webhook_receipts.provider_event_id"),
  "crm-sync.pipedriveWebhookSchema.meta.timestamp": pipedriveWire,
  "agent.agentNoteInput.text": col("messages.text"),
  "agent.agentReplyInput.text": col("messages.text"),
  "agent.assignInput.userId": lookup,
  "agent.conversationRef.conversationId": lookup,
  "agent.contactCardActionInput.messageId": lookup,
  "agent.handBackInput.stepId": col("conversations.current_step"),
  "ai.aiClassificationSchema.choice": col("ai_calls.choice"),
  "ai.aiClassificationSchema.evidence[]": json("leads.bant_data"),
  "ai.aiOperatorBlockSchema.note": col("ai_settings.operator_note"),
  "ai.aiOperatorBlockSchema.tenantId": lookup,
  "analytics.analyticsFilterInput.from": { notStored: "a date bound of the dashboard's queries (from and to), never written" },
  "analytics.analyticsFilterInput.inboxId": lookup, // and teamId: one uuid schema
  "analytics.analyticsRollupJobSchema.tenantId": lookup,
  "lead-score.leadScoreRecomputeJobSchema.tenantId": lookup,
  "api-inbox.apiInboxSendInput.clientMessageId": col("inbound_events.provider_event_id", 60 + 1),
  "api-inbox.apiInboxSendInput.email": col("leads.email"),
  "api-inbox.apiInboxSendInput.name": col("leads.name"),
  "api-inbox.apiInboxSendInput.optionId": json("messages.payload"),
  "api-inbox.apiInboxSendInput.text": col("messages.text"),
  "api-inbox.apiLeadRef.externalLeadId": col("leads.visitor_id", API_LEAD_PREFIX.length),
  "auth.acceptInviteInput.token": secret,
  "auth.changePasswordInput.currentPassword": secret,
  "auth.endSessionInput.sessionId": lookup,
  "auth.loginInput.code": lookup,
  "auth.loginInput.password": secret,
  "auth.passwordSchema": secret,
  "auth.personNameSchema": col("users.name"),
  "auth.requestEmailChangeInput.password": secret,
  "auth.resetPasswordInput.token": secret,
  "auth.signupInput.companyName": col("tenants.name"),
  "auth.signupInput.slug": col("tenants.slug"),
  "auth.tokenInput.token": secret,
  "auth.twoFactorCodeSchema": lookup,
  "auth.twoFactorConfirmInput.code": lookup,
  "auth.twoFactorStartInput.password": secret,
  "auth.twoFactorVerifyInput.password": secret,
  "automations.automationActionSchema.assignTo": json("automations.actions"),
  "automations.automationActionSchema.body": json("automations.actions"),
  "automations.automationActionSchema.text": json("automations.actions"),
  "automations.automationActionSchema.channel": json("automations.actions"),
  "automations.automationActionSchema.field": json("automations.actions"),
  "automations.automationActionSchema.subject": json("automations.actions"),
  "automations.automationActionSchema.tag": json("automations.actions"),
  "automations.automationActionSchema.to": json("automations.actions"),
  "automations.automationActionSchema.url": json("automations.actions"),
  "automations.automationActionSchema.userId": json("automations.actions"),
  "automations.automationActionSchema.stageId": json("automations.actions"),
  "automations.automationActionSchema.lostReasonId": json("automations.actions"),
  "automations.automationActionSchema.value": json("automations.actions"),
  "automations.automationActionSchema.value[]": json("automations.actions"),
  "automations.automationConditionSchema.field": json("automations.conditions"),
  "automations.automationConditionSchema.value": json("automations.conditions"),
  "automations.automationInput.name": col("automations.name"),
  "api-keys.apiKeyCreateInput.name": col("api_keys.name"),
  "outbound-webhooks.webhookDeliveryJobSchema.deliveryId": lookup,
  "outbound-webhooks.webhookDeliveryJobSchema.tenantId": lookup,
  "outbound-webhooks.webhookDeliveryListInput.cursor": lookup,
  "outbound-webhooks.webhookDeliveryListInput.subscriptionId": lookup,
  "outbound-webhooks.webhookSubscriptionInput.description": col("webhook_subscriptions.description"),
  "outbound-webhooks.webhookSubscriptionInput.url": col("webhook_subscriptions.url"),
  "automations.automationJobSchema.runId": lookup,
  "automations.automationJobSchema.tenantId": lookup,
  "automations.automationRunsInput.automationId": lookup,
  "automations.automationRunsInput.cursor": lookup,
  "billing.dunningJobSchema.invoiceId": lookup,
  "billing.dunningJobSchema.tenantId": lookup,
  "billing.invoiceListInputSchema.cursor": lookup,
  "billing.planUpdateSchema.description": col("plans.description"),
  "billing.planUpdateSchema.features[]": json("plans.features"),
  "billing.planUpdateSchema.name": col("plans.name"),
  "billing.stripeCheckoutSessionSchema.client_reference_id": lookup,
  "billing.stripeCheckoutSessionSchema.customer": col("tenant_subscriptions.stripe_customer_id"),
  "billing.stripeCheckoutSessionSchema.customer.id": col("tenant_subscriptions.stripe_customer_id"),
  "billing.stripeCheckoutSessionSchema.id": lookup,
  "billing.stripeCheckoutSessionSchema.mode": { notStored: "read from Stripe's payload to pick the handler" },
  "billing.stripeEventSchema.id": col("webhook_receipts.provider_event_id"),
  "billing.stripeEventSchema.type": col("webhook_receipts.event_type"),
  "billing.stripeInvoiceSchema.currency": col("billing_invoices.currency"),
  "billing.stripeInvoiceSchema.hosted_invoice_url": col("billing_invoices.hosted_invoice_url"),
  "billing.stripeInvoiceSchema.id": col("billing_invoices.stripe_invoice_id"),
  "billing.stripeInvoiceSchema.invoice_pdf": col("billing_invoices.invoice_pdf"),
  "billing.stripeInvoiceSchema.number": col("billing_invoices.number"),
  "billing.stripeSubscriptionRefSchema.id": col("tenant_subscriptions.stripe_subscription_id"),
  "billing.usageReportJobSchema.tenantId": lookup,
  "bant-explanation.bantExplanationItemSchema.evidence": json("leads.bant_data"),
  "bant-explanation.bantExplanationItemSchema.keywords[].evidence": json("leads.bant_data"),
  "bant-explanation.bantExplanationItemSchema.keywords[].keyword": json("leads.bant_data"),
  "bant-explanation.bantExplanationItemSchema.model": json("leads.bant_data"),
  "bant-explanation.bantExplanationItemSchema.rule": json("leads.bant_data"),
  "crm.activityCompleteInput.outcome": col("activities.outcome"),
  "crm.activityInput.description": col("activities.description"),
  "crm.activityInput.outcome": col("activities.outcome"),
  "crm.activityInput.subject": col("activities.subject"),
  "crm-bulk.bulkAction.ownerId": lookup,
  "crm-bulk.bulkAction.tag": col("companies.tags[]"),
  "crm-timeline.timelineInput.cursor": lookup,
  "crm-timeline.timelineInput.dealId": lookup,
  "crm-views.viewConfig.columns[]": json("saved_views.config"),
  "crm-views.viewConfig.filters{}": json("saved_views.config"),
  "crm-views.viewInput.id": lookup,
  "crm-views.viewInput.name": col("saved_views.name"),
  "crm.activityListInput.cursor": lookup,
  "crm.agendaInput.cursor": lookup,
  "crm.activityReminderJobSchema.activityId": lookup,
  "crm.activityReminderJobSchema.tenantId": lookup,
  "crm.companyInput.domain": col("companies.domain"),
  "crm.companyInput.industry": col("companies.industry"),
  "crm.companyInput.linkedin": col("companies.linkedin"),
  "crm.companyInput.name": col("companies.name"),
  "crm.companyInput.ownerId": lookup,
  "crm.companyInput.phone": normalized("companies.phone", 14),
  "crm.companyInput.tags[]": col("companies.tags[]"),
  "crm.companyInput.website": col("companies.website"),
  "crm.companyListInput.cursor": lookup,
  "crm.dealBoardPageInput.cursor": lookup, // a column's "Carregar mais" keyset cursor
  "crm.companyListInput.custom[].value": lookup, // every CRM list's custom filter value (one schema, shared)
  "crm.companyListInput.q": lookup,
  "crm.globalSearchInput.q": lookup,
  "crm.companyListInput.tag": lookup,
  "crm.contactInput.email": col("contacts.email"),
  "crm.leadDetailsInput.company": col("leads.company"),
  "crm.leadDetailsInput.name": col("leads.name"),
  "crm.contactInput.linkedin": col("contacts.linkedin"),
  "crm.contactInput.name": col("contacts.name"),
  "crm.contactInput.position": col("contacts.position"),
  "crm.convertLeadInput.title": col("deals.title"),
  "crm.dealInput.expectedCloseDate": col("deals.expected_close_date"),
  "crm.dealInput.title": col("deals.title"),
  "crm.dealLoseInput.note": col("deals.lost_note"),
  "crm.email": col("contacts.email"),
  "crm.leadListInput.cursor": lookup,
  "crm.leadListInput.tag": lookup,
  "crm.lostReasonInput.name": col("lost_reasons.name"),
  "crm.phone": normalized("contacts.phone", 14),
  "crm.pipelineInput.name": col("pipelines.name"),
  "crm.stageInput.name": col("pipeline_stages.name"),
  "custom-fields.customFieldInput.label": col("custom_fields.label"),
  "custom-fields.customFieldInput.options[]": json("custom_fields.options"),
  "flow.botTimeoutJobSchema.conversationId": lookup,
  "flow.botTimeoutJobSchema.tenantId": lookup,
  "flow.flowSchema.name": col("qualification_flows.name"),
  "flow.optionSchema.id": json("qualification_flows.definition"),
  "flow.optionSchema.label": json("qualification_flows.definition"),
  "flow.optionSchema.synonyms[]": json("qualification_flows.definition"),
  "inbox.conversationListInput.assigneeId": lookup,
  "inbox.conversationListInput.cursor": lookup,
  "inbox.conversationListInput.inboxId": lookup,
  "inbox.conversationListInput.search": lookup,
  "inbox.conversationListInput.tag": lookup,
  "inbox.conversationListInput.teamId": lookup,
  "inbox.conversationMessagesInput.conversationId": lookup,
  "inbox.conversationMessageRangeInput.conversationId": lookup,
  "inbox.createInboxInput.name": col("inboxes.name"),
  "inbox.createInboxInput.ownApp.accessToken": col("inboxes.credentials_encrypted"),
  "inbox.createInboxInput.ownApp.appSecret": col("inboxes.credentials_encrypted"),
  "inbox.createInboxInput.phoneNumberId": col("inboxes.wa_phone_number_id"),
  "inbox.inboxSettingsSchema.allowedOrigins[]": json("inboxes.settings"),
  // inboxSettingsInput.schedulingUrl is this schema; validateFlow checks a flow's link with it too (qualification_flows.definition).
  "flow.schedulingUrlSchema": json("inboxes.settings"),
  "inbox.inboxSettingsSchema.waBusinessAccountId": json("inboxes.settings"),
  // Meta's answer, set by the server (inboxSettingsInput drops them).
  "inbox.inboxSettingsSchema.waDisplayPhoneNumber": json("inboxes.settings"),
  "inbox.inboxSettingsSchema.waVerifiedName": json("inboxes.settings"),
  "inbox.inboxSettingsSchema.waDisconnected.at": json("inboxes.settings"),
  "inbox.inboxSettingsSchema.waDisconnected.event": json("inboxes.settings"),
  "inbox.inboxSettingsSchema.waRestriction.event": json("inboxes.settings"),
  "inbox.inboxSettingsSchema.waRestriction.at": json("inboxes.settings"),
  "inbox.inboxSettingsSchema.waRestriction.violationType": json("inboxes.settings"),
  "inbox.inboxSettingsSchema.waRestriction.restrictions[].type": json("inboxes.settings"),
  "inbox.inboxSettingsSchema.waRestriction.restrictions[].expiresAt": json("inboxes.settings"),
  "inbox.inboxSettingsSchema.flowForm.flowId": json("inboxes.settings"),
  "inbox.inboxSettingsSchema.flowForm.cta": json("inboxes.settings"),
  "inbox.updateInboxInput.inboxId": lookup,
  "inbox.updateInboxInput.name": col("inboxes.name"),
  "inbox.waTemplateSchema.language": json("inboxes.settings"),
  "inbox.waTemplateSchema.name": json("inboxes.settings"),
  "inbox.waTemplateSchema.params[]": json("inboxes.settings"),
  "media.sendMediaInput.caption": col("messages.text"),
  "media.sendMediaInput.conversationId": lookup,
  "privacy.consentSubjectSchema.leadId": lookup,
  "privacy.createIncidentSchema.dataCategories[]": col("privacy_incidents.data_categories[]"),
  "privacy.createIncidentSchema.description": col("privacy_incidents.description"),
  "privacy.createIncidentSchema.measures": col("privacy_incidents.measures"),
  "privacy.createIncidentSchema.title": col("privacy_incidents.title"),
  "privacy.privacySettingsSchema.dpoName": col("privacy_settings.dpo_name"),
  "privacy.privacySettingsSchema.dpoPhone": col("privacy_settings.dpo_phone"),
  "privacy.privacySettingsSchema.notice": col("privacy_settings.notice"),
  "privacy.recordManualConsentSchema.note": col("consents.note"),
  "privacy.recordManualConsentSchema.textShown": col("consents.text_shown"),
  "privacy.recordManualConsentSchema.textVersion": col("consents.text_version"),
  "privacy.revokeConsentSchema.reason": col("consents.revocation_reason"),
  "privacy.submitRequestSchema.details": col("privacy_requests.details"),
  "privacy.whatsappHandleSchema": col("privacy_requests.requester_whatsapp"),
  // The same e-mail schema object is the public request's e-mail (privacy_requests.requester_email, also 255).
  "privacy.privacySettingsSchema.dpoEmail": col("privacy_settings.dpo_email"),
  "privacy.submitRequestSchema.name": col("privacy_requests.requester_name"),
  "privacy.updateRequestSchema.response": col("privacy_requests.response"),
  "routing.agentProfileInput.skills[]": col("agent_profiles.skills[]"),
  "routing.businessHoursInput.holidays[]": col("business_hours.holidays[]"),
  "routing.businessHoursInput.timezone": col("business_hours.timezone"),
  "routing.businessIntervalSchema.close": json("business_hours.weekly"),
  "routing.businessIntervalSchema.open": json("business_hours.weekly"),
  "routing.cannedResponseInput.body": col("canned_responses.body"),
  "routing.cannedResponseInput.shortcut": col("canned_responses.shortcut"),
  "routing.cannedResponseInput.title": col("canned_responses.title"),
  "routing.routingRuleInput.name": col("routing_rules.name"),
  "routing.ruleActionSchema.tag": json("routing_rules.actions"),
  "routing.ruleActionSchema.teamId": json("routing_rules.actions"),
  "routing.ruleConditionSchema.value": json("routing_rules.conditions"),
  "routing.teamInput.name": col("teams.name"),
  "slack.connectSlackInput.botToken": secret,
  "slack.connectSlackInput.channel": col("slack_connections.channel"),
  "slack.connectSlackInput.signingSecret": secret,
  "slack.connectSlackInput.webhookUrl": secret,
  "slack.slackCommandJobSchema.responseUrl": { notStored: "a job's argument: Slack's response_url, POSTed to once" },
  "slack.slackCommandJobSchema.tenantId": lookup,
  "slack.slackCommandJobSchema.text": { notStored: "a job's argument: the command's text" },
  "slack.slackCommandSchema.channel_id": { notStored: "read from Slack's slash command, never stored" },
  "slack.slackCommandSchema.command": col("webhook_receipts.event_type"),
  "slack.slackCommandSchema.response_url": { notStored: "read from Slack's slash command; handed to a job" },
  "slack.slackCommandSchema.team_id": lookup,
  "slack.slackCommandSchema.text": lookup,
  "slack.slackCommandSchema.trigger_id": col("webhook_receipts.provider_event_id"),
  "slack.slackCommandSchema.user_id": { notStored: "read from Slack's slash command, never stored" },
  "slack.slackCommandSchema.user_name": { notStored: "read from Slack's slash command, never stored" },
  "slack.slackNotifyJobSchema.entityId": lookup,
  "slack.slackNotifyJobSchema.notificationId": { notStored: "a job's deduplication id" },
  "slack.slackNotifyJobSchema.tenantId": lookup,
  "chatwoot.connectChatwootInput.apiToken": secret,
  "chatwoot.connectChatwootInput.baseUrl": col("chatwoot_connections.base_url"),
  "chatwoot.chatwootMirrorJobSchema.conversationId": lookup,
  "chatwoot.chatwootMirrorJobSchema.runId": { notStored: "a job's deduplication id" },
  "chatwoot.chatwootMirrorJobSchema.tenantId": lookup,
  "chatwoot.chatwootWebhookSchema.attachments[].data_url": { notStored: "read from Chatwoot's webhook; joined into the reply's text, cut to 4,096 characters (chatwoot/inbound.ts)" },
  "chatwoot.chatwootWebhookSchema.attachments[].file_type": { notStored: "read from Chatwoot's webhook, never stored" },
  "chatwoot.chatwootWebhookSchema.content": { notStored: "read from Chatwoot's webhook; the reply's text is cut to 4,096 characters before messages.text (chatwoot/inbound.ts)" },
  "chatwoot.chatwootWebhookSchema.content_type": { notStored: "read from Chatwoot's webhook, never stored" },
  "chatwoot.chatwootWebhookSchema.event": col("webhook_receipts.event_type"),
  "chatwoot.chatwootWebhookSchema.message_type": { notStored: "read from Chatwoot's webhook, never stored" },
  "chatwoot.chatwootWebhookSchema.sender.name": json("messages.payload"),
  "chatwoot.chatwootWebhookSchema.sender.type": { notStored: "read from Chatwoot's webhook, never stored" },
  "notifications.notificationEmailsJobSchema.tenantId": lookup,
  "email.emailRetryJobSchema.sealed": { notStored: "opened and its mail sent again (core/email/retry.ts); the mail's own text was written by the app" },
  "email.emailRetryJobSchema.tenantId": { notStored: "noted on the job's span and logs, never written" },
  "n8n.n8nConnectionInput.authHeaderName": col("n8n_connections.auth_header_name"),
  "n8n.n8nConnectionInput.authHeaderValue": secret,
  "n8n.n8nConnectionInput.baseUrl": col("n8n_connections.base_url"),
  "n8n.n8nWorkflowId": { notStored: "the path of the n8n webhook URL called; kept only inside the audit row's jsonb" },
  "scheduling.calcomWebhookSchema.payload.attendees[].email": cutToColumn,
  "scheduling.calcomWebhookSchema.payload.attendees[].name": cutToColumn,
  "scheduling.calcomWebhookSchema.payload.bookingUid": col("meetings.external_id"),
  "scheduling.calcomWebhookSchema.payload.cancellationReason": cutToColumn,
  "scheduling.calcomWebhookSchema.payload.rescheduleUid": col("meetings.external_id"),
  "scheduling.calcomWebhookSchema.payload.title": cutToColumn,
  "scheduling.calcomWebhookSchema.payload.uid": col("meetings.external_id"),
  "scheduling.calcomWebhookSchema.triggerEvent": col("webhook_receipts.event_type"),
  "scheduling.calendlyWebhookSchema.event": col("webhook_receipts.event_type"),
  "scheduling.calendlyWebhookSchema.payload.cancellation.reason": cutToColumn,
  "scheduling.calendlyWebhookSchema.payload.email": cutToColumn,
  "scheduling.calendlyWebhookSchema.payload.invitee": col("meetings.external_id"),
  "scheduling.calendlyWebhookSchema.payload.name": cutToColumn,
  "scheduling.calendlyWebhookSchema.payload.new_invitee": col("meetings.external_id"),
  "scheduling.calendlyWebhookSchema.payload.old_invitee": col("meetings.external_id"),
  "scheduling.calendlyWebhookSchema.payload.scheduled_event.location.join_url": cutToColumn,
  "scheduling.calendlyWebhookSchema.payload.scheduled_event.name": cutToColumn,
  "scheduling.calendlyWebhookSchema.payload.scheduled_event.uri": { notStored: "read to tell the booking; the invitee URI is the meeting's id" },
  "scheduling.calendlyWebhookSchema.payload.status": { notStored: "Calendly's invitee status; the meeting keeps its own" },
  "scheduling.calendlyWebhookSchema.payload.tracking.salesforce_uuid": lookup,
  "scheduling.calendlyWebhookSchema.payload.tracking.utm_campaign": lookup,
  "scheduling.calendlyWebhookSchema.payload.tracking.utm_content": lookup,
  "scheduling.calendlyWebhookSchema.payload.tracking.utm_medium": lookup,
  "scheduling.calendlyWebhookSchema.payload.tracking.utm_source": lookup,
  "scheduling.calendlyWebhookSchema.payload.uri": col("meetings.external_id"),
  "scheduling.connectCalendarInput.token": secret,
  "scheduling.markNoShowInput.meetingId": lookup,
  "scheduling.meetingListInput.cursor": lookup,
  "scheduling.meetingListInput.leadId": lookup,
  "scheduling.meetingOfferJobSchema.conversationId": lookup,
  "scheduling.meetingOfferJobSchema.tenantId": lookup,
  "scheduling.meetingOutcomeInput.meetingId": lookup,
  "scheduling.meetingReminderJobSchema.meetingId": lookup,
  "scheduling.meetingReminderJobSchema.tenantId": lookup,
  "scheduling.pickEventTypeInput.eventTypeRef": col("calendar_connections.event_type_ref"),
  "tenancy.customDomainInput.domain": col("tenants.custom_domain"),
  "tenancy.hexColorSchema": json("tenants.settings"),
  "tenancy.tenantSettingsInput.name": col("tenants.name"),
  "tenancy.tenantThemeSchema.botName": json("tenants.settings"),
  "tenancy.tenantSettingsInput.theme.logoUrl": json("tenants.settings"),
  "users.auditListInput.action": lookup,
  "users.auditListInput.actorUserId": lookup,
  "users.auditListInput.cursor": lookup,
  "users.auditListInput.entityType": lookup,
  "users.changeRoleInput.userId": lookup,
  "users.userIdInput.userId": lookup,
  "users.deactivateUserInput.transferTo": lookup,
  "users.deactivateUserInput.userId": lookup,
  "users.transferWorkInput.transferTo": lookup,
  "users.transferWorkInput.userId": lookup,
  "webhook.webhookReceiptSchema.eventId": col("webhook_receipts.provider_event_id"),
  "webhook.webhookReceiptSchema.eventType": col("webhook_receipts.event_type"),
  "webhook.webhookReceiptSchema.provider": col("webhook_receipts.provider"),
  "whatsapp-costs.monthSchema": lookup,
  "whatsapp-costs.pricingCategorySchema": normalized("messages.wa_pricing_category", 40), // its pattern allows at most 40
  "whatsapp-flow-form.flowFormJsonInput.inboxId": lookup,
  "whatsapp-templates.checkConnectionInput.inboxId": lookup,
  "whatsapp-templates.listTemplatesInput.inboxId": lookup,
  "whatsapp-templates.syncTemplatesInput.inboxId": lookup,
  "whatsapp-signup.embeddedSignupInput.name": col("inboxes.name"),
  "whatsapp-signup.embeddedSignupInput.code": { notStored: "Meta's code, exchanged for the business token (kept encrypted), never kept itself" },
  "whatsapp-signup.embeddedSignupInput.phoneNumberId": col("inboxes.wa_phone_number_id"),
  "whatsapp-signup.embeddedSignupInput.wabaId": json("inboxes.settings"),
  "whatsapp-signup.embeddedSignupInput.pin": secret,
  "whatsapp.waIdSchema": col("leads.wa_id"),
  "whatsapp.waUserIdSchema": col("leads.wa_user_id"),
  "whatsapp.whatsAppContactSchema.profile.username": col("leads.wa_username"),
  "whatsapp.whatsAppErrorSchema.error_data.details": json("messages.delivery_error"),
  "whatsapp.whatsAppErrorSchema.message": json("messages.delivery_error"),
  "whatsapp.whatsAppErrorSchema.title": json("messages.delivery_error"),
  "whatsapp.whatsAppHistoryThreadSchema.id": col("leads.wa_user_id"),
  "whatsapp.whatsAppInboundMessageSchema.id": col("messages.provider_message_id"),
  "whatsapp.whatsAppMediaSchema.filename": json("messages.payload"),
  "whatsapp.whatsAppMediaSchema.id": json("messages.payload"),
  "whatsapp.whatsAppMediaSchema.mime_type": json("messages.payload"),
  "whatsapp.whatsAppMediaSchema.sha256": json("messages.payload"),
  "whatsapp.whatsAppMessageBodySchema.button.payload": json("messages.payload"),
  "whatsapp.whatsAppMessageBodySchema.interactive.button_reply.id": json("messages.payload"),
  "whatsapp.whatsAppMessageBodySchema.interactive.button_reply.title": col("messages.text"),
  "whatsapp.whatsAppMessageBodySchema.interactive.type": wireOnly,
  "whatsapp.whatsAppMessageBodySchema.type": wireOnly,
  "whatsapp.whatsAppMetadataSchema.phone_number_id": lookup,
  "whatsapp.whatsAppPricingSchema.pricing_model": wireOnly,
  "whatsapp.whatsAppPricingSchema.type": col("messages.wa_pricing_category"),
  "whatsapp.whatsAppStatusSchema.status": wireOnly,
  "whatsapp.whatsAppTemplateStatusSchema.event": wireOnly,
  // account_update: the event lands in inboxes.settings.waDisconnected.event (jsonb) and the audit row; the ban state is only read.
  "whatsapp.whatsAppAccountUpdateSchema.event": json("inboxes.settings"),
  "whatsapp.whatsAppAccountUpdateSchema.ban_info.waba_ban_state": wireOnly,
  // ACCOUNT_VIOLATION / ACCOUNT_RESTRICTION land in inboxes.settings.waRestriction; the expiration is read into an ISO time.
  "whatsapp.whatsAppAccountUpdateSchema.violation_info.violation_type": json("inboxes.settings"),
  "whatsapp.whatsAppAccountUpdateSchema.restriction_info[].restriction_type": json("inboxes.settings"),
  "whatsapp.whatsAppAccountUpdateSchema.restriction_info[].expiration": wireOnly,
  "whatsapp.whatsAppTemplateStatusSchema.message_template_category": col("whatsapp_templates.category"),
  "whatsapp.whatsAppTemplateStatusSchema.message_template_id": col("whatsapp_templates.template_id"),
  "whatsapp.whatsAppTemplateStatusSchema.message_template_language": col("whatsapp_templates.language"),
  "whatsapp.whatsAppTemplateStatusSchema.message_template_name": col("whatsapp_templates.name"),
  "whatsapp.whatsAppTemplateStatusSchema.reason": col("whatsapp_templates.reason"),
  "widget.widgetConsentInput.version": col("consents.text_version"),
  "widget.widgetSendInput.clientMessageId": col("inbound_events.provider_event_id", 36 + 1),
  "widget.widgetSendInput.optionId": json("messages.payload"),
  "widget.widgetSendInput.text": col("messages.text"),
  "widget.widgetStartInput.publicKey": lookup,
  "widget.widgetStartInput.visitorToken": secret,
};

describe("zod string limits agree with the columns they land in", () => {
  it("every string field of packages/validators is mapped, and fits its column", async () => {
    const fields = await validatorStrings(path.join(repoRoot(), "packages", "validators", "src"));
    expect(fields.length).toBeGreaterThan(50);
    // atttypmod - 4 is the n of varchar(n), for an array column on its element type too.
    const { rows } = await owner().query<{ col: string; is_array: boolean; len: number | null }>(
      `select c.relname || '.' || a.attname as col, t.typcategory = 'A' as is_array,
              case when format_type(a.atttypid, a.atttypmod) like 'character%' and a.atttypmod > 0 then a.atttypmod - 4 end as len
         from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace join pg_type t on t.oid = a.atttypid
        where n.nspname = 'public' and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped`,
    );
    const catalog = new Map(rows.map((r) => [r.col, r]));

    const problems: string[] = [];
    for (const f of fields) {
      const dest = DEST[f.key];
      if (!dest) {
        problems.push(`${f.key} (max ${f.max}): not mapped: add it to DEST with the column it is stored in, or why it is not`);
        continue;
      }
      if ("notStored" in dest) continue;
      const isArray = dest.column.endsWith("[]");
      const name = dest.column.replace(/\[\]$/, "");
      const c = catalog.get(name);
      if (!c) {
        problems.push(`${f.key}: column ${name} does not exist`);
        continue;
      }
      if (isArray !== c.is_array) problems.push(`${f.key}: write the column as "${name}${c.is_array ? "[]" : ""}"`);
      const len = c.len;
      if (len === null) continue; // text, jsonb, date…: any length
      const need = (dest.normalizedMax ?? f.max) + (dest.prefix ?? 0);
      if (need > len) problems.push(`${f.key}: accepts ${f.max}${dest.prefix ? ` (+${dest.prefix} prefix)` : ""} characters, ${name} holds ${len}`);
    }
    const known = new Set(fields.map((f) => f.key));
    for (const key of Object.keys(DEST)) if (!known.has(key)) problems.push(`${key}: in DEST but no such string field in packages/validators (renamed or removed?)`);
    expect(problems.join("\n")).toBe("");
  });
});

/**
 * The other direction, for the tables that landed after the first column-limit pass: AI
 * (0015/0016), CRM (0020-0022) and WhatsApp (0030-0034). Every bounded text column there is where
 * a validator string of DEST lands, or is written by our own code (whose reason is given here);
 * a new varchar column in these tables fails until it is placed in one or the other.
 */
const LATER_TABLES = ["ai_settings", "ai_calls", "ai_usage_monthly", "companies", "contacts", "pipelines", "pipeline_stages", "lost_reasons", "deals", "activities", "custom_fields", "lead_imports", "whatsapp_prices", "media_objects", "whatsapp_templates"];
const LATER_COLUMNS = ["leads.wa_user_id", "leads.wa_parent_user_id", "leads.wa_username", "messages.wa_pricing_category"];
const ENUM = "one of a fixed list in core or validators (and a check constraint), never free text";
const SERVER_WRITTEN: Record<string, string> = {
  "activities.system_event": ENUM,
  "activities.type": ENUM,
  "ai_calls.model": "AI_MODEL (env, max 100), cut to 100 by recordAiCall",
  "ai_calls.outcome": ENUM,
  "ai_calls.prompt_version": "a constant of core/assist prompts",
  "ai_calls.provider": "AI_PROVIDER (env enum), cut to 40 by recordAiCall",
  "ai_calls.purpose": ENUM,
  "ai_calls.step_id": "a step id of the published flow (flow idSchema, max 64; reported as flow.optionSchema.id)",
  "companies.size": ENUM,
  "custom_fields.entity_type": ENUM,
  "custom_fields.field_type": ENUM,
  "deals.currency": "always BRL",
  "deals.status": ENUM,
  "lead_imports.encoding": "utf-8 or windows-1252, detected by decodeCsv",
  "lead_imports.file_name": "the upload's ?name=, cut to 255 by uploadImport",
  "lead_imports.separator": "; , or a tab, detected on upload",
  "lead_imports.status": ENUM,
  "leads.wa_parent_user_id": "whatsapp.waUserIdSchema (max 160) of a contact's parent_user_id, the same schema as leads.wa_user_id",
  "media_objects.content_type": "from the media allow-list (safeContentType) or application/octet-stream",
  "media_objects.declared_type": "Meta's or the browser's mime type, cut to 255 (recordInboundMedia, downloadInboundMedia, storeAgentFile)",
  "media_objects.direction": ENUM,
  "media_objects.error": "our own message, cut to 500",
  "media_objects.filename": "safeFilename: control characters and quotes removed, cut to 200",
  "media_objects.kind": ENUM,
  "media_objects.provider_media_id": "Meta's media id, cut to 128",
  "media_objects.sha256": "a hex SHA-256 we compute (64)",
  "media_objects.status": ENUM,
  "media_objects.storage_key": "a key we generate (tenant/uuid)",
  "pipeline_stages.kind": ENUM,
  "whatsapp_prices.category": "whatsapp-costs.pricingCategorySchema (pattern, max 40), as for messages.wa_pricing_category",
  "whatsapp_templates.status": "mapped from Meta's event by templateStatusOf, cut to 40",
  // name, language, category, reason and template_id: mapped in DEST from whatsAppTemplateStatusSchema;
  // the Graph API's template list (sync) is cut to the same lengths by syncTemplates.
  "whatsapp_templates.waba_id": "the inbox's waBusinessAccountId (digits, at most 64 by its pattern)",
};

describe("bounded columns of the AI, CRM and WhatsApp tables", () => {
  it("each is fed by a mapped validator string or written only by our own code", async () => {
    const { rows } = await owner().query<{ col: string; len: number }>(
      `select c.relname || '.' || a.attname as col, a.atttypmod - 4 as len
         from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped and a.atttypmod > 0
          and format_type(a.atttypid, a.atttypmod) like 'character%'
          and (c.relname = any($1) or c.relname || '.' || a.attname = any($2))
        order by 1`,
      [LATER_TABLES, LATER_COLUMNS],
    );
    expect(rows.length).toBeGreaterThan(20);
    const fed = new Set(Object.values(DEST).flatMap((d) => ("column" in d ? [d.column.replace(/\[\]$/, "")] : [])));
    const orphans = rows.filter((r) => !fed.has(r.col) && !SERVER_WRITTEN[r.col]).map((r) => `${r.col} varchar(${r.len})`);
    expect(orphans, "columns no validator string lands in: map the string in DEST, or say in SERVER_WRITTEN who writes the column").toEqual([]);
    const stale = Object.keys(SERVER_WRITTEN).filter((k) => !rows.some((r) => r.col === k) || fed.has(k));
    expect(stale, "SERVER_WRITTEN entries that are gone or are fed by a validator string").toEqual([]);
  });
});
