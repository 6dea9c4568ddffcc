import { deleteAutomation, getAutomation, listAutomations, listRuns, saveAutomation } from "@vendaflow/core/automations/admin";
import { automationInput, automationRunsInput } from "@vendaflow/validators/automations";
import { z } from "zod";
import { adminProcedure, meta, router } from "../trpc";

/** CRM automations: admins only, reading included (the page and its run log are admin-only). */
export const automationsRouter = router({
  list: adminProcedure.query(({ ctx }) => listAutomations(ctx.tx)),
  get: adminProcedure.input(z.object({ id: z.uuid() })).query(({ ctx, input }) => getAutomation(ctx.tx, input.id)),
  save: adminProcedure.input(automationInput.extend({ id: z.uuid().nullable().default(null) })).mutation(({ ctx, input }) => {
    const { id, ...automation } = input;
    return saveAutomation(ctx.tx, ctx.tenant.id, ctx.session.userId, id, automation, meta(ctx), ctx.after);
  }),
  delete: adminProcedure.input(z.object({ id: z.uuid() })).mutation(async ({ ctx, input }) => {
    await deleteAutomation(ctx.tx, ctx.tenant.id, input.id, meta(ctx), ctx.after);
    return { ok: true as const };
  }),
  runs: adminProcedure.input(automationRunsInput).query(({ ctx, input }) => listRuns(ctx.tx, input)),
});
