import { addNote, assignTo, handBack, reopen, reply, resolve, takeOver } from "@vendaflow/core/conversations/agent-actions";
import { deleteCanned, listCanned, saveCanned } from "@vendaflow/core/conversations/canned";
import { cannedResponseInput } from "@vendaflow/validators/routing";
import { z } from "zod";
import { adminProcedure, agentProcedure, meta, router, tenantProcedure } from "../trpc";

const conv = z.object({ conversationId: z.uuid() });
const actorOf = (ctx: { session: { userId: string; role: "admin" | "agent" | "viewer"; name: string; email: string } }) => ({ userId: ctx.session.userId, role: ctx.session.role, name: ctx.session.name || ctx.session.email });

/** Agent actions on conversations; permissions are checked in core (assertCanHandle). */
export const agentRouter = router({
  takeOver: agentProcedure.input(conv).mutation(async ({ ctx, input }) => {
    await takeOver(ctx.tx, ctx.tenant.id, actorOf(ctx), input.conversationId);
    return { ok: true as const };
  }),
  // Runs its own transaction (the bot's question goes out after commit).
  handBack: agentProcedure.input(conv.extend({ stepId: z.string().min(1).max(100) })).mutation(async ({ ctx, input }) => {
    await handBack(ctx.deps, ctx.tenant.id, actorOf(ctx), input.conversationId, input.stepId);
    return { ok: true as const };
  }),
  assign: agentProcedure.input(conv.extend({ userId: z.uuid().nullable() })).mutation(async ({ ctx, input }) => {
    await assignTo(ctx.tx, ctx.tenant.id, actorOf(ctx), input.conversationId, input.userId);
    return { ok: true as const };
  }),
  resolve: agentProcedure.input(conv).mutation(async ({ ctx, input }) => {
    await resolve(ctx.tx, ctx.tenant.id, actorOf(ctx), input.conversationId);
    return { ok: true as const };
  }),
  reopen: agentProcedure.input(conv).mutation(async ({ ctx, input }) => {
    await reopen(ctx.tx, ctx.tenant.id, actorOf(ctx), input.conversationId);
    return { ok: true as const };
  }),
  note: agentProcedure.input(conv.extend({ text: z.string().trim().min(1, "Escreva a nota.").max(4000) })).mutation(async ({ ctx, input }) => {
    await addNote(ctx.tx, ctx.tenant.id, actorOf(ctx), input.conversationId, input.text);
    return { ok: true as const };
  }),
  reply: agentProcedure
    .input(z.union([conv.extend({ text: z.string().trim().min(1, "Escreva a mensagem.").max(4000, "Mensagem longa demais.") }), conv.extend({ templateKey: z.enum(["welcome", "confirmation", "reminder", "followup"]) })]))
    .mutation(async ({ ctx, input }) => ({ messageId: await reply(ctx.deps, ctx.tenant.id, actorOf(ctx), input.conversationId, "text" in input ? { text: input.text } : { templateKey: input.templateKey }) })),

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

  notifications: tenantProcedure.query(({ ctx }) =>
    ctx.tx.selectFrom("notifications").select(["id", "kind", "data", "read_at", "created_at"]).where("user_id", "=", ctx.session.userId).orderBy("created_at", "desc").limit(30).execute(),
  ),
  markNotificationsRead: tenantProcedure.mutation(async ({ ctx }) => {
    await ctx.tx.updateTable("notifications").set({ read_at: new Date() }).where("user_id", "=", ctx.session.userId).where("read_at", "is", null).execute();
    return { ok: true as const };
  }),
});
