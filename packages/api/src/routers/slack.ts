import { connectSlack, disconnectSlack, getSlackConnection, testSlack } from "@vendaflow/core/slack/connections";
import { connectSlackInput } from "@vendaflow/validators/slack";
import { adminOutboundProcedure, adminProcedure, meta, router } from "../trpc";

/** Slack (docs/integrations.md): admins connect a bot token or an incoming webhook, test it and disconnect. */
export const slackRouter = router({
  get: adminProcedure.query(({ ctx }) => getSlackConnection(ctx.tx, ctx.deps)),
  // These two wait on Slack: no transaction is held meanwhile (adminOutboundProcedure).
  connect: adminOutboundProcedure.input(connectSlackInput).mutation(({ ctx, input }) => connectSlack(ctx.inTx, ctx.tenant.id, ctx.deps, input, meta(ctx))),
  test: adminOutboundProcedure.mutation(({ ctx }) => testSlack(ctx.inTx, ctx.tenant.id, ctx.deps)),
  disconnect: adminProcedure.mutation(({ ctx }) => disconnectSlack(ctx.tx, ctx.tenant.id, ctx.deps, meta(ctx))),
});
