import { apiInboxForKey, apiInboxMessages, authenticateApiInbox, postApiMessage } from "@vendaflow/core/conversations/api-inbox";
import { apiInboxMessagesInput, apiInboxSendInput } from "@vendaflow/validators/api-inbox";
import { publicProcedure, router, withApiKey } from "../trpc";
import { TRPCError } from "@trpc/server";

const unauthorized = () => new TRPCError({ code: "UNAUTHORIZED", message: "Envie x-vendaflow-inbox e Authorization: Bearer <segredo da caixa ou chave de API>." });

/**
 * The SDK-facing channel: the tenant's backend posts lead messages and reads the bot's replies.
 * Callers name the inbox by its public key (x-vendaflow-inbox) and prove it with either the inbox's
 * secret or an API key of the host's tenant with the procedure's conversations scope.
 */
const apiInboxProcedure = publicProcedure.use(async ({ ctx, next, meta, path, type }) => {
  if (!ctx.inboxAuth) throw unauthorized();
  if (ctx.apiKey) {
    if (!ctx.tenant) throw unauthorized();
    const { publicKey } = ctx.inboxAuth;
    return withApiKey({ ...ctx, tenant: ctx.tenant }, { path, type, scope: meta?.scope }, async () => next({ ctx: { ...ctx, apiInbox: await apiInboxForKey(ctx.deps, ctx.tenant!.id, publicKey) } }));
  }
  const inbox = await authenticateApiInbox(ctx.deps, ctx.inboxAuth.publicKey, ctx.inboxAuth.secret);
  return next({ ctx: { ...ctx, apiInbox: inbox } });
});

export const apiInboxRouter = router({
  send: apiInboxProcedure
    .meta({ scope: "conversations:write" })
    .input(apiInboxSendInput)
    .mutation(({ ctx, input }) => postApiMessage(ctx.deps, ctx.apiInbox, input)),

  messages: apiInboxProcedure
    .meta({ scope: "conversations:read" })
    .input(apiInboxMessagesInput)
    .query(({ ctx, input }) => apiInboxMessages(ctx.deps, ctx.apiInbox, input.externalLeadId, input.after)),
});
