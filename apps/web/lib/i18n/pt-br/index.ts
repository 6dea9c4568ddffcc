// The pt-BR catalog, one file per area of the app (`pt-br/<area>.ts` exports one const per key).
// A new page adds its file here and one line below; the key is what the UI reads as `t.<key>`.
import { common, nav, noAccess, notFound, roles } from "./common";
import { find, forgot, invite, landing, login, newPassword, reset, signup, unknownHost, verify } from "./auth";
import { dashboard } from "./workspace";
import { users } from "./workspace-users";
import { settings } from "./workspace-settings";
import { profile } from "./workspace-profile";
import { audit } from "./workspace-audit";
import { operator } from "./operator";
import { auditLog } from "./audit-log";
import { inboxes } from "./inboxes";
import { conversations } from "./conversations";
import { inbox } from "./inbox";
import { deliveryErrors } from "./delivery-errors";
import { teams } from "./teams";
import { routingRules } from "./routing-rules";
import { flows } from "./flows";
import { canned } from "./canned-responses";
import { businessHours } from "./business-hours";
import { bot } from "./bot";
import { ai } from "./ai";
import { crm } from "./crm";
import { crmBulk, crmSelection } from "./crm-bulk";
import { crmLeads } from "./crm-leads";
import { crmLists } from "./crm-lists";
import { crmTimeline } from "./crm-timeline";
import { dealBoard } from "./deal-board";
import { whatsapp } from "./whatsapp";
import { whatsappAds } from "./whatsapp-ads";
import { whatsappFlows } from "./whatsapp-flows";
import { leadImport } from "./lead-import";
import { leadDuplicate, leadMerge } from "./lead-merge";
import { leadScore } from "./lead-score";
import { automations } from "./automations";
import { privacy } from "./privacy";
import { billing } from "./billing";
import { analytics } from "./analytics";
import { teamLoad } from "./team-load";
import { search } from "./search";
import { scheduling } from "./scheduling";
import { agenda } from "./agenda";
import { agendaSummary } from "./agenda-summary";
import { developers } from "./developers";
import { slack } from "./slack";
import { chatwoot } from "./chatwoot";
import { n8n } from "./n8n";
import { crmSync } from "./crm-sync";
import { pageTitles } from "./page-titles";
import { twoFactor, usersTwoFactor } from "./two-factor";
import { notificationEmails } from "./notification-emails";
import { workspaceAddress } from "./workspace-address";

/** pt-BR is the source language; other locales implement the same shape (lib/i18n/index.ts). */
export const ptBR = {
  common,
  pageTitles,
  roles,
  nav,
  notFound,
  noAccess,
  unknownHost,
  landing,
  signup,
  find,
  login,
  forgot,
  reset,
  newPassword,
  verify,
  invite,
  dashboard,
  analytics,
  teamLoad,
  search,
  users,
  settings,
  workspaceAddress,
  profile,
  twoFactor,
  usersTwoFactor,
  notificationEmails,
  audit,
  auditLog,
  operator,
  inboxes,
  conversations,
  inbox,
  deliveryErrors,
  teams,
  routingRules,
  billing,
  scheduling,
  agenda,
  agendaSummary,
  slack,
  chatwoot,
  n8n,
  crmSync,
  flows,
  canned,
  businessHours,
  bot,
  ai,
  crm,
  // Files of their own, so a list carries only what it shows (docs/architecture.md, Front-end budget).
  crmLists: { ...crmLists, ...crmSelection, bulk: crmBulk, leads: crmLeads },
  crmTimeline,
  dealBoard,
  whatsapp,
  whatsappAds,
  whatsappFlows,
  leadImport,
  leadDuplicate,
  leadMerge,
  leadScore,
  automations,
  privacy,
  developers,
};

// Strings widen to string so another locale can say anything; message functions keep their signature.
type Widen<T> = { [K in keyof T]: T[K] extends string ? string : T[K] extends (...args: never[]) => unknown ? T[K] : Widen<T[K]> };
export type Messages = Widen<typeof ptBR>;
