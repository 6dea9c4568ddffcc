import { listDeliveries, replayDelivery } from "@vendaflow/core/outbound-webhooks/deliveries";
import { createSubscription, deleteSubscription, getSubscription, listSubscriptions, revealSecret, revokePreviousSecret, rotateSecret, updateSubscription } from "@vendaflow/core/outbound-webhooks/subscriptions";
import { webhookDeliveryListInput, webhookSubscriptionInput } from "@vendaflow/validators/outbound-webhooks";
import { z } from "zod";
import { adminProcedure, meta, router } from "../trpc";

// Outbound webhook subscriptions: admins, or API keys with webhooks:read / webhooks:write.
const read = adminProcedure.meta({ scope: "webhooks:read" });
const write = adminProcedure.meta({ scope: "webhooks:write" });
const idInput = z.object({ id: z.uuid() });

export const webhooksRouter = router({
  list: read.query(({ ctx }) => listSubscriptions(ctx.tx)),
  get: read.input(idInput).query(({ ctx, input }) => getSubscription(ctx.tx, input.id)),
  /** The signing secret ("whsec_…") is in this answer and readable again with `secret`. */
  create: write.input(webhookSubscriptionInput).mutation(({ ctx, input }) => createSubscription(ctx.tx, ctx.tenant.id, ctx.session.userId, input, meta(ctx), ctx.deps.encryptionKey, ctx.after)),
  update: write.input(webhookSubscriptionInput.safeExtend({ id: z.uuid() })).mutation(({ ctx, input }) => {
    const { id, ...subscription } = input;
    return updateSubscription(ctx.tx, ctx.tenant.id, id, subscription, meta(ctx), ctx.after);
  }),
  delete: write.input(idInput).mutation(async ({ ctx, input }) => {
    await deleteSubscription(ctx.tx, ctx.tenant.id, input.id, meta(ctx));
    return { ok: true as const };
  }),
  secret: write.input(idInput).query(({ ctx, input }) => revealSecret(ctx.tx, ctx.tenant.id, input.id, meta(ctx), ctx.deps.encryptionKey)),
  /** A new signing secret (in this answer); the previous one keeps signing beside it for 24 h (revokePreviousSecret ends that). */
  rotateSecret: write.input(idInput).mutation(({ ctx, input }) => rotateSecret(ctx.tx, ctx.tenant.id, input.id, meta(ctx), ctx.deps.encryptionKey)),
  revokePreviousSecret: write.input(idInput).mutation(({ ctx, input }) => revokePreviousSecret(ctx.tx, ctx.tenant.id, input.id, meta(ctx))),
  deliveries: read.input(webhookDeliveryListInput).query(({ ctx, input }) => listDeliveries(ctx.tx, input)),
  /** Sends a delivery again now (same webhook-id), with a fresh 24-hour retry window. */
  replay: write.input(idInput).mutation(async ({ ctx, input }) => {
    await replayDelivery(ctx.tx, ctx.tenant.id, input.id, meta(ctx), ctx.after, ctx.deps.now());
    return { ok: true as const };
  }),
});
