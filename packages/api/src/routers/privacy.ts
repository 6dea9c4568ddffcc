import { consentStates, listConsents, recordManualConsent, revokeConsent } from "@vendaflow/core/privacy/consent-ledger";
import { createIncident, listIncidents, markIncidentNotified } from "@vendaflow/core/privacy/incidents";
import { recordsOfProcessing, subProcessors } from "@vendaflow/core/privacy/records";
import { applyRetention, getRetention, retentionDryRun, saveRetention } from "@vendaflow/core/privacy/retention";
import { listPrivacyRequests, updatePrivacyRequest } from "@vendaflow/core/privacy/request-queue";
import { resendPrivacyCode } from "@vendaflow/core/privacy/request-code";
import { submitPrivacyRequest, verifyPrivacyRequest } from "@vendaflow/core/privacy/requests";
import { getPrivacySettings, publicPrivacyNotice, savePrivacySettings } from "@vendaflow/core/privacy/settings";
import {
  createIncidentSchema,
  listConsentsSchema,
  markIncidentSchema,
  retentionDryRunSchema,
  retentionSettingsSchema,
  listRequestsSchema,
  privacySettingsSchema,
  recordManualConsentSchema,
  resendCodeSchema,
  revokeConsentSchema,
  submitRequestSchema,
  updateRequestSchema,
  verifyRequestSchema,
} from "@vendaflow/validators/privacy";
import { adminProcedure, agentProcedure, hostTenantProcedure, meta, router, tenantProcedure } from "../trpc";

export const privacyRouter = router({
  /** A subject's consent ledger (newest first) and the state of each purpose. */
  consents: tenantProcedure.input(listConsentsSchema).query(async ({ ctx, input }) => ({
    rows: await listConsents(ctx.tx, input.subject),
    states: await consentStates(ctx.tx, input.subject),
  })),
  /** An agent records a consent given by phone, e-mail or in person, with a note. */
  recordConsent: agentProcedure.input(recordManualConsentSchema).mutation(({ ctx, input }) => recordManualConsent(ctx.tx, ctx.tenant.id, input, meta(ctx), ctx.deps.now())),
  /** Revokes a purpose (a new ledger row with the reason); a revoked marketing consent blocks marketing. */
  revokeConsent: agentProcedure.input(revokeConsentSchema).mutation(({ ctx, input }) => revokeConsent(ctx.tx, ctx.tenant.id, input, meta(ctx), ctx.deps.now())),

  // Public page /privacidade (no session): notice, request, one-time code.
  notice: hostTenantProcedure.query(({ ctx }) => publicPrivacyNotice(ctx.deps.db, ctx.tenant)),
  submitRequest: hostTenantProcedure.input(submitRequestSchema).mutation(({ ctx, input }) => submitPrivacyRequest(ctx.deps, ctx.tenant, input, meta(ctx))),
  /** "Reenviar código": a fresh code for the same pending request, same channel; the old code stops working. */
  resendCode: hostTenantProcedure.input(resendCodeSchema).mutation(({ ctx, input }) => resendPrivacyCode(ctx.deps, ctx.tenant, input, meta(ctx))),
  verifyRequest: hostTenantProcedure.input(verifyRequestSchema).mutation(({ ctx, input }) => verifyPrivacyRequest(ctx.deps, ctx.tenant, input, meta(ctx))),

  // The admins' queue and settings.
  requests: adminProcedure.input(listRequestsSchema).query(({ ctx, input }) => listPrivacyRequests(ctx.tx, input, ctx.deps.now())),
  updateRequest: adminProcedure.input(updateRequestSchema).mutation(({ ctx, input }) => updatePrivacyRequest(ctx.tx, ctx.deps, ctx.tenant, { userId: ctx.session.userId, role: ctx.session.role }, input, meta(ctx), ctx.deps.now(), ctx.after)),
  settings: adminProcedure.query(({ ctx }) => getPrivacySettings(ctx.tx)),
  /** Art. 37 records generated from the registry, and the sub-processors (AI provider when on). */
  records: tenantProcedure.query(({ ctx }) => ({ records: recordsOfProcessing(), subProcessors: subProcessors(ctx.deps.ai.model && !ctx.deps.ai.killSwitch ? ctx.deps.ai.model : null) })),
  incidents: adminProcedure.query(({ ctx }) => listIncidents(ctx.tx, ctx.tenant, ctx.deps.now())),
  createIncident: adminProcedure.input(createIncidentSchema).mutation(({ ctx, input }) => createIncident(ctx.tx, ctx.tenant, input, meta(ctx), ctx.deps.now())),
  markIncidentNotified: adminProcedure.input(markIncidentSchema).mutation(({ ctx, input }) => markIncidentNotified(ctx.tx, ctx.tenant.id, input, meta(ctx), ctx.deps.now())),
  retention: adminProcedure.query(({ ctx }) => getRetention(ctx.tx)),
  retentionDryRun: adminProcedure.input(retentionDryRunSchema).query(({ ctx, input }) => retentionDryRun(ctx.tx, input.unconvertedLeadMonths, ctx.deps.now())),
  saveRetention: adminProcedure.input(retentionSettingsSchema).mutation(({ ctx, input }) => saveRetention(ctx.tx, ctx.tenant.id, input, meta(ctx), ctx.deps.now())),
  /** Applies the saved policy now (one batch of its run, which the sweep continues), after a dry run; refused while the policy is off. */
  applyRetention: adminProcedure.mutation(({ ctx }) => applyRetention(ctx.tx, ctx.tenant.id, meta(ctx), ctx.deps.now(), ctx.after)),
  saveSettings: adminProcedure.input(privacySettingsSchema).mutation(({ ctx, input }) => savePrivacySettings(ctx.tx, ctx.tenant.id, input, meta(ctx), ctx.deps.now())),
});
