import type { AfterCommit } from "@vendaflow/core/after-commit";
import { addNote, assignTo, handBack, reopen, reply, resolve, takeOver, type AgentAction } from "@vendaflow/core/conversations/agent-actions";
import { deleteCanned, listCanned, saveCanned } from "@vendaflow/core/conversations/canned";
import type { AppDeps } from "@vendaflow/core/deps";
import { listNotifications, markNotificationsRead } from "@vendaflow/core/notifications/notifications";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { Role } from "@vendaflow/validators/users";
import { addContactCard } from "@vendaflow/core/conversations/contact-card";
import { agentNoteInput, agentReplyInput, assignInput, contactCardActionInput, conversationRef as conv, handBackInput } from "@vendaflow/validators/agent";
import { cannedResponseInput } from "@vendaflow/validators/routing";
import { z } from "zod";
import { adminProcedure, agentProcedure, meta, router, tenantProcedure } from "../trpc";

type Ctx = { tx: TenantTx; after: AfterCommit; deps: AppDeps; tenant: { id: string }; session: { userId: string; role: Role; name: string; email: string } };
const action = (ctx: Ctx): AgentAction => ({
  tx: ctx.tx,
  tenantId: ctx.tenant.id,
  actor: { userId: ctx.session.userId, role: ctx.session.role, name: ctx.session.name || ctx.session.email },
  now: ctx.deps.now(),
  after: ctx.after,
});

/** Agent actions on conversations; permissions are checked in core (assertCanHandle). */
export const agentRouter = router({
  takeOver: agentProcedure.input(conv).mutation(async ({ ctx, input }) => {
    await takeOver(action(ctx), input.conversationId);
    return { ok: true as const };
  }),
  handBack: agentProcedure.input(handBackInput).mutation(async ({ ctx, input }) => {
    await handBack(action(ctx), ctx.deps, input.conversationId, input.stepId);
    return { ok: true as const };
  }),
  assign: agentProcedure.input(assignInput).mutation(async ({ ctx, input }) => {
    await assignTo(action(ctx), input.conversationId, input.userId);
    return { ok: true as const };
  }),
  resolve: agentProcedure.input(conv).mutation(async ({ ctx, input }) => {
    await resolve(action(ctx), input.conversationId);
    return { ok: true as const };
  }),
  reopen: agentProcedure.input(conv).mutation(async ({ ctx, input }) => {
    await reopen(action(ctx), input.conversationId);
    return { ok: true as const };
  }),
  note: agentProcedure.input(agentNoteInput).mutation(async ({ ctx, input }) => {
    await addNote(action(ctx), input.conversationId, input.text);
    return { ok: true as const };
  }),
  reply: agentProcedure
    .input(agentReplyInput)
    .mutation(async ({ ctx, input }) => ({ messageId: await reply(action(ctx), input.conversationId, "text" in input ? { text: input.text } : { templateKey: input.templateKey }) })),
  /** "Adicionar ao lead" on a contact card the lead sent: complete this lead, or a new lead. */
  addContactCard: agentProcedure.input(contactCardActionInput).mutation(({ ctx, input }) => addContactCard(action(ctx), meta(ctx), input)),

  canned: router({
    list: tenantProcedure.query(({ ctx }) => listCanned(ctx.tx)),
    save: adminProcedure.input(cannedResponseInput.extend({ id: z.uuid().nullable().default(null) })).mutation(({ ctx, input }) => {
      const { id, ...data } = input;
      return saveCanned(ctx.tx, ctx.tenant.id, id, data, meta(ctx));
    }),
    delete: adminProcedure.input(z.object({ id: z.uuid() })).mutation(async ({ ctx, input }) => {
      await deleteCanned(ctx.tx, ctx.tenant.id, input.id, meta(ctx));
      return { ok: true as const };
    }),
  }),

  notifications: tenantProcedure.query(({ ctx }) => listNotifications(ctx.tx, ctx.session.userId)),
  markNotificationsRead: tenantProcedure.mutation(async ({ ctx }) => {
    await markNotificationsRead(ctx.tx, ctx.session.userId, ctx.deps.now());
    return { ok: true as const };
  }),
});
