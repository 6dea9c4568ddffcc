import { decryptCredentials } from "@vendaflow/core/inboxes/credentials";
import { createInbox, getInbox, listInboxes, updateInbox } from "@vendaflow/core/inboxes/inboxes";
import { lacksSignupProof } from "@vendaflow/core/whatsapp/token";
import { createInboxInput, updateInboxInput } from "@vendaflow/validators/inbox";
import { z } from "zod";
import { adminProcedure, meta, router, tenantProcedure } from "../trpc";

/** An inbox as the dashboard sees it (no credentials; whether a platform-app number lacks Embedded Signup's proof). */
export const inboxView = (i: Awaited<ReturnType<typeof getInbox>>, keyring: string) => ({
  id: i.id, name: i.name, channel: i.channel, publicKey: i.publicKey, settings: i.settings, waPhoneNumberId: i.waPhoneNumberId,
  webhookKey: i.webhookKey, isActive: i.isActive, createdAt: i.createdAt, lacksSignupProof: lacksSignupProof(i, keyring),
});

export const inboxesRouter = router({
  list: tenantProcedure.query(async ({ ctx }) => (await listInboxes(ctx.tx)).map((i) => inboxView(i, ctx.deps.encryptionKey))),

  get: tenantProcedure.input(z.object({ inboxId: z.uuid() })).query(async ({ ctx, input }) => inboxView(await getInbox(ctx.tx, input.inboxId), ctx.deps.encryptionKey)),

  /**
   * Secrets are returned once, at creation; afterwards only admins can reveal the verify token / API secret.
   * A WhatsApp number is confirmed with Meta first (core/whatsapp/number-verification.ts).
   */
  create: adminProcedure.input(createInboxInput).mutation(async ({ ctx, input }) => {
    const { inbox, secrets } = await createInbox(ctx.tx, ctx.tenant.id, input, ctx.deps, meta(ctx), ctx.deps.now(), ctx.after);
    return { inbox: inboxView(inbox, ctx.deps.encryptionKey), secrets: { verifyToken: secrets.verifyToken ?? null, apiSecret: secrets.apiSecret ?? null } };
  }),

  revealSecrets: adminProcedure.input(z.object({ inboxId: z.uuid() })).mutation(async ({ ctx, input }) => {
    const inbox = await getInbox(ctx.tx, input.inboxId);
    const c = decryptCredentials(inbox.credentialsEncrypted, ctx.deps.encryptionKey);
    return { verifyToken: c.verifyToken ?? null, apiSecret: c.apiSecret ?? null };
  }),

  update: adminProcedure.input(updateInboxInput).mutation(async ({ ctx, input }) => {
    await updateInbox(ctx.tx, ctx.tenant.id, input, ctx.deps, meta(ctx), ctx.deps.now(), ctx.after);
    return { ok: true as const };
  }),
});
