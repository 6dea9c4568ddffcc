import { ensureDefaultFlow } from "@vendaflow/core/flows/store";
import { checkDraft } from "@vendaflow/core/flows/check";
import { simulate } from "@vendaflow/core/flows/simulate";
import { getFlowForEdit, listFlows, publishDraft, saveDraft } from "@vendaflow/core/flows/versions";
import { DomainError } from "@vendaflow/core/errors";
import { z } from "zod";
import { adminProcedure, agentProcedure, meta, router } from "../trpc";

const flowKeyInput = z.object({ flowKey: z.uuid() });

const botInput = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("text"), text: z.string().max(4000) }),
  z.object({ kind: z.literal("option"), optionId: z.string().max(64) }),
  z.object({ kind: z.literal("timeout"), revision: z.number().int().nonnegative() }),
  z.object({ kind: z.literal("media") }),
]);

// The definition is checked in core (checkDraft), which reports each problem naming its step.
const definition = z.unknown();

export const flowsRouter = router({
  /** Every flow with its newest published version and a draft flag; the seed BANT flow exists from the first visit. */
  list: agentProcedure.query(async ({ ctx }) => {
    await ensureDefaultFlow(ctx.tx, ctx.tenant.id);
    return listFlows(ctx.tx);
  }),

  get: agentProcedure.input(flowKeyInput).query(({ ctx, input }) => getFlowForEdit(ctx.tx, input.flowKey)),

  saveDraft: adminProcedure
    .input(z.object({ flowKey: z.uuid().nullable(), definition }))
    .mutation(({ ctx, input }) => saveDraft(ctx.tx, ctx.tenant.id, input.flowKey, input.definition, meta(ctx))),

  publish: adminProcedure.input(flowKeyInput).mutation(({ ctx, input }) => publishDraft(ctx.tx, ctx.tenant.id, input.flowKey, meta(ctx), ctx.deps.now(), ctx.after)),

  /** Server-side run of the editor's simulator (the same core function) on a draft definition. */
  simulate: adminProcedure
    .input(
      z.object({
        definition,
        inputs: z.array(botInput).max(200),
        now: z.coerce.date().optional(),
        contact: z.object({ name: z.string().optional(), email: z.string().optional(), phone: z.string().optional() }).optional(),
      }),
    )
    .mutation(({ input }) => {
      const { flow, issues } = checkDraft(input.definition);
      if (!flow) throw new DomainError("BAD_REQUEST", issues[0]?.message ?? "Fluxo inválido.", { issues });
      return simulate(flow, input.inputs, input.now ?? new Date(), { contact: input.contact });
    }),
});
