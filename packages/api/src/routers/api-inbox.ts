import { apiInboxMessages, authenticateApiInbox, postApiMessage } from "@vendaflow/core/conversations/api-inbox";
import { z } from "zod";
import { publicProcedure, router } from "../trpc";
import { TRPCError } from "@trpc/server";

/** The SDK-facing channel: the tenant's backend posts lead messages and reads the bot's replies. */
const apiInboxProcedure = publicProcedure.use(async ({ ctx, next }) => {
  if (!ctx.inboxAuth) throw new TRPCError({ code: "UNAUTHORIZED", message: "Envie x-vendaflow-inbox e Authorization: Bearer <segredo da caixa>." });
  const inbox = await authenticateApiInbox(ctx.deps, ctx.inboxAuth.publicKey, ctx.inboxAuth.secret);
  return next({ ctx: { ...ctx, apiInbox: inbox } });
});

const leadRef = z.object({ externalLeadId: z.string().trim().min(1).max(120) });

export const apiInboxRouter = router({
  send: apiInboxProcedure
    .input(
      leadRef
        .extend({
          clientMessageId: z.string().min(8).max(64),
          text: z.string().trim().min(1).max(4000).optional(),
          optionId: z.string().max(100).optional(),
          name: z.string().trim().max(255).optional(),
          email: z.email().optional(),
        })
        .refine((v) => v.text !== undefined || v.optionId !== undefined, { message: "Envie text ou optionId.", path: ["text"] }),
    )
    .mutation(({ ctx, input }) => postApiMessage(ctx.deps, ctx.apiInbox, input)),

  messages: apiInboxProcedure
    .input(leadRef.extend({ after: z.number().int().min(0).default(0) }))
    .query(({ ctx, input }) => apiInboxMessages(ctx.deps, ctx.apiInbox, input.externalLeadId, input.after)),
});
