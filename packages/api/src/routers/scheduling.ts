import { TRPCError } from "@trpc/server";
import { startCalendlyOAuth } from "@vendaflow/core/scheduling/calendly-oauth";
import { connectCalendar, disconnectCalendar, listConnections, listEventTypes, pickEventType } from "@vendaflow/core/scheduling/connections";
import { listMeetings, markNoShow, setMeetingOutcome } from "@vendaflow/core/scheduling/meetings";
import { calendarProviderInput, connectCalendarInput, markNoShowInput, meetingListInput, meetingOutcomeInput, pickEventTypeInput } from "@vendaflow/validators/scheduling";
import { adminProcedure, agentProcedure, meta, router, tenantProcedure } from "../trpc";

/** Scheduling: admins connect Calendly / Cal.com; everyone reads meetings, agents mark them. */
export const schedulingRouter = router({
  connections: adminProcedure.query(({ ctx }) => listConnections(ctx.tx, ctx.deps)),
  /** What this installation offers: Calendly by OAuth needs CALENDLY_CLIENT_ID / CALENDLY_CLIENT_SECRET. */
  options: adminProcedure.query(({ ctx }) => ({ calendlyOAuth: Boolean(ctx.deps.calendar.calendlyOAuth) })),
  /** Calendly by OAuth, step 1: the authorization URL, bound to this admin's browser session. */
  calendlyOAuthStart: adminProcedure.mutation(({ ctx }) => {
    if (ctx.apiKeyPrincipal) throw new TRPCError({ code: "FORBIDDEN", message: "Conecte o Calendly pelo navegador, com a sua sessão." });
    return startCalendlyOAuth(ctx.deps, ctx.session);
  }),
  connect: adminProcedure.input(connectCalendarInput).mutation(({ ctx, input }) => connectCalendar(ctx.tx, ctx.tenant.id, ctx.deps, input, meta(ctx))),
  eventTypes: adminProcedure.input(calendarProviderInput).query(({ ctx, input }) => listEventTypes(ctx.tx, ctx.deps, input.provider)),
  pickEventType: adminProcedure.input(pickEventTypeInput).mutation(({ ctx, input }) => pickEventType(ctx.tx, ctx.tenant.id, ctx.deps, input, meta(ctx))),
  disconnect: adminProcedure.input(calendarProviderInput).mutation(async ({ ctx, input }) => {
    await disconnectCalendar(ctx.tx, ctx.tenant.id, ctx.deps, input.provider, meta(ctx));
    return { ok: true as const };
  }),
  meetings: tenantProcedure.input(meetingListInput).query(({ ctx, input }) => listMeetings(ctx.tx, input)),
  markNoShow: agentProcedure.input(markNoShowInput).mutation(async ({ ctx, input }) => {
    await markNoShow(ctx.tx, ctx.tenant.id, input, meta(ctx), ctx.after);
    return { ok: true as const };
  }),
  setOutcome: agentProcedure.input(meetingOutcomeInput).mutation(async ({ ctx, input }) => {
    await setMeetingOutcome(ctx.tx, ctx.tenant.id, input, meta(ctx), ctx.after);
    return { ok: true as const };
  }),
});
