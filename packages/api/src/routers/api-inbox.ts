import { apiInboxMessages, authenticateApiInbox, postApiMessage } from "@vendaflow/core/conversations/api-inbox";
import { apiInboxMessagesInput, apiInboxSendInput } from "@vendaflow/validators/api-inbox";
import { publicProcedure, router } from "../trpc";
import { TRPCError } from "@trpc/server";

/** The SDK-facing channel: the tenant's backend posts lead messages and reads the bot's replies. */
const apiInboxProcedure = publicProcedure.use(async ({ ctx, next }) => {
  if (!ctx.inboxAuth) throw new TRPCError({ code: "UNAUTHORIZED", message: "Envie x-vendaflow-inbox e Authorization: Bearer <segredo da caixa>." });
  const inbox = await authenticateApiInbox(ctx.deps, ctx.inboxAuth.publicKey, ctx.inboxAuth.secret);
  return next({ ctx: { ...ctx, apiInbox: inbox } });
});

export const apiInboxRouter = router({
  send: apiInboxProcedure
    .input(apiInboxSendInput)
    .mutation(({ ctx, input }) => postApiMessage(ctx.deps, ctx.apiInbox, input)),

  messages: apiInboxProcedure
    .input(apiInboxMessagesInput)
    .query(({ ctx, input }) => apiInboxMessages(ctx.deps, ctx.apiInbox, input.externalLeadId, input.after)),
});
