import { consentStates, listConsents, recordManualConsent, revokeConsent } from "@vendaflow/core/privacy/consent-ledger";
import { listConsentsSchema, recordManualConsentSchema, revokeConsentSchema } from "@vendaflow/validators/privacy";
import { agentProcedure, meta, router, tenantProcedure } from "../trpc";

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
});
