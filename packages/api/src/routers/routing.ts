import { deleteRule, deleteTeam, listAgents, listBusinessHours, listRules, listTeams, saveBusinessHours, saveRule, saveTeam } from "@vendaflow/core/routing/admin";
import { setAgentAvailability, setAgentCapacity } from "@vendaflow/core/routing/availability";
import { reassignHeldConversations } from "@vendaflow/core/routing/release";
import { agentProfileInput, availabilityInput, businessHoursInput, parseStoredRuleParts, reassignHeldInput, routingRuleInput, teamInput } from "@vendaflow/validators/routing";
import { z } from "zod";
import { adminProcedure, agentProcedure, meta, router, tenantProcedure } from "../trpc";

const withId = { id: z.uuid().nullable().default(null) };

export const routingRouter = router({
  teams: tenantProcedure.query(({ ctx }) => listTeams(ctx.tx)),
  saveTeam: adminProcedure.input(teamInput.extend(withId)).mutation(({ ctx, input }) => {
    const { id, ...team } = input;
    return saveTeam(ctx.tx, ctx.tenant.id, id, team, meta(ctx));
  }),
  deleteTeam: adminProcedure.input(z.object({ id: z.uuid() })).mutation(async ({ ctx, input }) => {
    await deleteTeam(ctx.tx, ctx.tenant.id, input.id, meta(ctx));
    return { ok: true as const };
  }),

  agents: tenantProcedure.query(({ ctx }) => listAgents(ctx.tx)),
  /** The signed-in agent sets their own availability; going online drains their teams' queues. */
  setAvailability: agentProcedure.input(availabilityInput).mutation(async ({ ctx, input }) => {
    const change = await setAgentAvailability(ctx.tx, ctx.tenant.id, ctx.session.userId, input.availability, new Date());
    return { availability: change.availability, assigned: change.drained.filter((d) => d.kind === "assigned").length };
  }),
  saveAgentProfile: adminProcedure.input(agentProfileInput).mutation(async ({ ctx, input }) => {
    await setAgentCapacity(ctx.tx, ctx.tenant.id, input.userId, { capacity: input.capacity, skills: input.skills }, new Date());
    return { ok: true as const };
  }),

  /** "Carga da equipe": all of an agent's pending and open conversations to another online agent, or back to the queue. */
  reassignHeld: adminProcedure
    .input(reassignHeldInput)
    .mutation(({ ctx, input }) => reassignHeldConversations(ctx.tx, ctx.tenant.id, { userId: ctx.session.userId, role: ctx.session.role }, input, meta(ctx), ctx.deps.now())),

  businessHours: tenantProcedure.query(({ ctx }) => listBusinessHours(ctx.tx)),
  saveBusinessHours: adminProcedure.input(businessHoursInput).mutation(async ({ ctx, input }) => {
    await saveBusinessHours(ctx.tx, ctx.tenant.id, input, meta(ctx));
    return { ok: true as const };
  }),

  // Each row with its jsonb read as core's evaluation reads it (`parsed`), so the rules page shows
  // that without zod in the browser.
  rules: tenantProcedure.query(async ({ ctx }) => (await listRules(ctx.tx)).map((r) => ({ ...r, parsed: parseStoredRuleParts(r.conditions, r.actions) }))),
  saveRule: adminProcedure.input(routingRuleInput.extend(withId)).mutation(({ ctx, input }) => {
    const { id, ...rule } = input;
    return saveRule(ctx.tx, ctx.tenant.id, id, rule, meta(ctx));
  }),
  deleteRule: adminProcedure.input(z.object({ id: z.uuid() })).mutation(async ({ ctx, input }) => {
    await deleteRule(ctx.tx, ctx.tenant.id, input.id, meta(ctx));
    return { ok: true as const };
  }),
});
