import { AppShell } from "@vendaflow/ui/app-shell";
import { Badge } from "@vendaflow/ui/badge";
import { Input } from "@vendaflow/ui/input";
import { Briefcase, Building2, Gauge, CalendarCog, CalendarDays, ClipboardList, Clock, Code, CreditCard, Contact, FileUp, Zap, Receipt, Search, SlidersHorizontal, Headset, Inbox, LayoutDashboard, ListTodo, MessageSquareText, MessagesSquare, Route, Settings, ShieldCheck, User, UserRoundSearch, Users, UsersRound, Workflow } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { AgentHeader } from "@/components/agent-header";
import { BillingNotices } from "@/components/billing-notices";
import { LogoutButton } from "@/components/logout-button";
import { SearchShortcut } from "@/components/search-shortcut";
import { agenda as agendaText } from "@/lib/i18n/pt-br/agenda";
import { automations as automationsText } from "@/lib/i18n/pt-br/automations";
import { billing as billingText } from "@/lib/i18n/pt-br/billing";
import { nav as navText, roles as rolesText } from "@/lib/i18n/pt-br/common";
import { conversations as conversationsText } from "@/lib/i18n/pt-br/conversations";
import { crm as crmText } from "@/lib/i18n/pt-br/crm";
import { crmLeads } from "@/lib/i18n/pt-br/crm-leads";
import { developers as developersText } from "@/lib/i18n/pt-br/developers";
import { inbox as inboxText } from "@/lib/i18n/pt-br/inbox";
import { inboxes as inboxesText } from "@/lib/i18n/pt-br/inboxes";
import { leadImport as leadImportText } from "@/lib/i18n/pt-br/lead-import";
import { privacy as privacyText } from "@/lib/i18n/pt-br/privacy";
import { scheduling as schedulingText } from "@/lib/i18n/pt-br/scheduling";
import { search as searchText } from "@/lib/i18n/pt-br/search";
import { teamLoad as teamLoadText } from "@/lib/i18n/pt-br/team-load";
import { whatsapp as whatsappText } from "@/lib/i18n/pt-br/whatsapp";
import { pageSession } from "@/lib/server/page-tenant";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { agenda: agendaText, automations: automationsText, billing: billingText, conversations: conversationsText, crm: crmText, crmLists: { leads: crmLeads }, developers: developersText, inbox: inboxText, inboxes: inboxesText, leadImport: leadImportText, nav: navText, privacy: privacyText, roles: rolesText, scheduling: schedulingText, search: searchText, teamLoad: teamLoadText, whatsapp: whatsappText };

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const { tenant, session } = await pageSession();
  const nav = [
    { href: "/", label: t.nav.dashboard, icon: <LayoutDashboard className="size-4" /> },
    { href: "/inbox", label: t.inbox.title, icon: <Headset className="size-4" /> },
    ...(session.role !== "agent" ? [{ href: "/team-load", label: t.teamLoad.nav, icon: <Gauge className="size-4" /> }] : []),
    { href: "/conversations", label: t.conversations.title, icon: <MessagesSquare className="size-4" /> },
    { href: "/leads", label: t.crmLists.leads.nav, icon: <UserRoundSearch className="size-4" /> },
    { href: "/deals", label: t.crm.nav.deals, icon: <Briefcase className="size-4" /> },
    { href: "/companies", label: t.crm.nav.companies, icon: <Building2 className="size-4" /> },
    { href: "/contacts", label: t.crm.nav.contacts, icon: <Contact className="size-4" /> },
    { href: "/activities", label: t.agenda.nav, icon: <ListTodo className="size-4" /> },
    { href: "/meetings", label: t.scheduling.nav, icon: <CalendarDays className="size-4" /> },
    ...(session.role !== "viewer" ? [{ href: "/lead-import", label: t.leadImport.nav, icon: <FileUp className="size-4" /> }] : []),
    { href: "/inboxes", label: t.inboxes.title, icon: <Inbox className="size-4" /> },
    { href: "/users", label: t.nav.users, icon: <Users className="size-4" /> },
    ...(session.role === "admin" || session.role === "agent" ? [{ href: "/canned-responses", label: "Respostas prontas", icon: <MessageSquareText className="size-4" /> }] : []),
    ...(session.role === "admin"
      ? [
          { href: "/teams", label: "Times", icon: <UsersRound className="size-4" /> },
          { href: "/routing-rules", label: "Regras de roteamento", icon: <Route className="size-4" /> },
          { href: "/business-hours", label: "Horário de atendimento", icon: <Clock className="size-4" /> },
          { href: "/flows", label: "Fluxos", icon: <Workflow className="size-4" /> },
          { href: "/crm-settings", label: t.crm.nav.settings, icon: <SlidersHorizontal className="size-4" /> },
          { href: "/automations", label: t.automations.nav, icon: <Zap className="size-4" /> },
          { href: "/calendar", label: t.scheduling.connectionsNav, icon: <CalendarCog className="size-4" /> },
          { href: "/developers", label: t.developers.nav, icon: <Code className="size-4" /> },
          { href: "/billing", label: t.billing.nav, icon: <CreditCard className="size-4" /> },
          { href: "/settings", label: t.nav.settings, icon: <Settings className="size-4" /> },
          { href: "/whatsapp-costs", label: t.whatsapp.costs.nav, icon: <Receipt className="size-4" /> },
          { href: "/privacy", label: t.privacy.admin.title, icon: <ShieldCheck className="size-4" /> },
          { href: "/audit", label: t.nav.audit, icon: <ClipboardList className="size-4" /> },
        ]
      : []),
    { href: "/profile", label: t.nav.profile, icon: <User className="size-4" /> },
  ];
  return (
    <AppShell
      brand={{ name: tenant.name, logoUrl: tenant.theme.logoUrl || null, href: "/" }}
      navItems={nav}
      header={
        <div className="flex items-center gap-3 text-sm">
          {/* A plain form (no script on every page): the search page reads ?q= and answers. */}
          <form action="/search" role="search" className="hidden md:block">
            <Input type="search" name="q" required maxLength={200} aria-label={t.search.header} aria-keyshortcuts="/ Control+K Meta+K" title={t.search.shortcut} placeholder={t.search.headerPlaceholder} className="h-8 w-64" data-testid="header-search" />
          </form>
          <SearchShortcut />
          <Link href="/search" className="rounded-md p-1.5 hover:bg-muted md:hidden" aria-label={t.search.header} title={t.search.header}>
            <Search className="size-4" aria-hidden="true" />
          </Link>
          {session.role !== "viewer" ? <AgentHeader userId={session.userId} /> : null}
          {/* On a phone the header keeps the tenant's name, the bell and "Sair"; who is signed in shows from sm up. */}
          <span data-testid="current-user" className="hidden max-w-48 truncate sm:inline">{session.name || session.email}</span>
          <Badge variant="secondary" data-testid="current-role" className="hidden sm:inline-flex">{t.roles[session.role]}</Badge>
          <LogoutButton />
        </div>
      }
    >
      <BillingNotices />
      {children}
    </AppShell>
  );
}
