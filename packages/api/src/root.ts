import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { agentRouter } from "./routers/agent";
import { aiRouter } from "./routers/ai";
import { analyticsRouter } from "./routers/analytics";
import { apiInboxRouter } from "./routers/api-inbox";
import { apiKeysRouter } from "./routers/api-keys";
import { auditRouter } from "./routers/audit";
import { billingRouter } from "./routers/billing";
import { authRouter } from "./routers/auth";
import { conversationsRouter } from "./routers/conversations";
import { crmRouter } from "./routers/crm";
import { automationsRouter } from "./routers/automations";
import { schedulingRouter } from "./routers/scheduling";
import { slackRouter } from "./routers/slack";
import { chatwootRouter } from "./routers/chatwoot";
import { crmSyncRouter } from "./routers/crm-sync";
import { n8nRouter } from "./routers/n8n";
import { crmListsRouter } from "./routers/crm-lists";
import { flowsRouter } from "./routers/flows";
import { inboxesRouter } from "./routers/inboxes";
import { operatorRouter } from "./routers/operator";
import { privacyRouter } from "./routers/privacy";
import { profileRouter } from "./routers/profile";
import { routingRouter } from "./routers/routing";
import { tenantRouter } from "./routers/tenant";
import { usersRouter } from "./routers/users";
import { webhooksRouter } from "./routers/webhooks";
import { whatsappRouter } from "./routers/whatsapp";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  auth: authRouter,
  tenant: tenantRouter,
  users: usersRouter,
  profile: profileRouter,
  audit: auditRouter,
  operator: operatorRouter,
  inboxes: inboxesRouter,
  conversations: conversationsRouter,
  apiInbox: apiInboxRouter,
  apiKeys: apiKeysRouter,
  agent: agentRouter,
  routing: routingRouter,
  flows: flowsRouter,
  ai: aiRouter,
  crm: crmRouter,
  automations: automationsRouter,
  scheduling: schedulingRouter,
  slack: slackRouter,
  chatwoot: chatwootRouter,
  crmSync: crmSyncRouter,
  n8n: n8nRouter,
  crmLists: crmListsRouter,
  whatsapp: whatsappRouter,
  privacy: privacyRouter,
  billing: billingRouter,
  analytics: analyticsRouter,
  webhooks: webhooksRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export const createCaller = createCallerFactory(appRouter);
