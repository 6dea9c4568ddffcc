import { connectChatwoot, disconnectChatwoot, getChatwootConnection } from "@vendaflow/core/chatwoot/connections";
import { connectChatwootInput } from "@vendaflow/validators/chatwoot";
import { adminOutboundProcedure, adminProcedure, meta, router } from "../trpc";

/** Chatwoot mirror (docs/integrations.md): admins connect an account's API inbox and disconnect it. */
export const chatwootRouter = router({
  get: adminProcedure.query(({ ctx }) => getChatwootConnection(ctx.tx, ctx.deps)),
  // Waits on Chatwoot (the token and the inbox are checked): no transaction is held meanwhile.
  connect: adminOutboundProcedure.input(connectChatwootInput).mutation(({ ctx, input }) => connectChatwoot(ctx.inTx, ctx.tenant.id, ctx.deps, input, meta(ctx))),
  disconnect: adminProcedure.mutation(({ ctx }) => disconnectChatwoot(ctx.tx, ctx.tenant.id, meta(ctx))),
});
