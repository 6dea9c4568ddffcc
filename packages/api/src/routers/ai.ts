import { aiOverview, updateAiSettings } from "@vendaflow/core/assist/settings";
import { aiSettingsInputSchema } from "@vendaflow/validators/ai";
import { adminProcedure, meta, router } from "../trpc";

export const aiRouter = router({
  /** The AI layer's switch, cap and this month's usage (settings page). */
  overview: adminProcedure.query(({ ctx }) => aiOverview(ctx.tx, ctx.deps.ai, ctx.deps.now())),

  update: adminProcedure.input(aiSettingsInputSchema).mutation(async ({ ctx, input }) => {
    await updateAiSettings(ctx.tx, ctx.tenant.id, input, meta(ctx), ctx.deps.now());
    return { ok: true as const };
  }),
});
