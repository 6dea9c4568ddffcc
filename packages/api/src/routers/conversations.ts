import { conversationDetail, conversationMessageRange, conversationMessages, listConversations, messageFullText } from "@vendaflow/core/conversations/dashboard";
import { conversationListInput, conversationMessageRangeInput, conversationMessagesInput } from "@vendaflow/validators/inbox";
import { z } from "zod";
import { router, tenantProcedure } from "../trpc";

/** Also reachable by API keys with conversations:read. */
const conversationsRead = tenantProcedure.meta({ scope: "conversations:read" });

export const conversationsRouter = router({
  list: conversationsRead.input(conversationListInput).query(({ ctx, input }) => listConversations(ctx.tx, input)),
  get: conversationsRead.input(z.object({ conversationId: z.uuid() })).query(({ ctx, input }) => conversationDetail(ctx.tx, input.conversationId)),
  /** The transcript page before a seq (conversations.get carries the newest page and `hasOlder`). */
  messages: conversationsRead.input(conversationMessagesInput).query(({ ctx, input }) => conversationMessages(ctx.tx, input)),
  /** The older messages a timeline shows, re-read with its newest page (their ticks, edits and deletes). */
  messageRange: conversationsRead.input(conversationMessageRangeInput).query(({ ctx, input }) => conversationMessageRange(ctx.tx, input)),
  /** A transcript text that came cut (conversationDetail), whole, fetched when the agent asks for it. */
  messageText: conversationsRead.input(z.object({ messageId: z.uuid() })).query(({ ctx, input }) => messageFullText(ctx.tx, input.messageId)),
});
