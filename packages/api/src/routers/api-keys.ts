import { createApiKey, listApiKeys, revokeApiKey } from "@vendaflow/core/api-keys/keys";
import { apiKeyCreateInput } from "@vendaflow/validators/api-keys";
import { z } from "zod";
import { adminProcedure, meta, router } from "../trpc";

/** Admins manage the tenant's API keys (signed in only: no scope, so a key cannot mint keys). */
export const apiKeysRouter = router({
  list: adminProcedure.query(({ ctx }) => listApiKeys(ctx.tx)),
  /** The whole key is in this answer only; it is stored hashed. */
  create: adminProcedure.input(apiKeyCreateInput).mutation(({ ctx, input }) => createApiKey(ctx.tx, ctx.tenant.id, ctx.session.userId, input, meta(ctx))),
  revoke: adminProcedure.input(z.object({ id: z.uuid() })).mutation(async ({ ctx, input }) => {
    await revokeApiKey(ctx.tx, ctx.tenant.id, ctx.session.userId, input.id, meta(ctx));
    return { ok: true as const };
  }),
});
