import { PageHeader } from "@vendaflow/ui/page-header";
import { AgendaSummary } from "@/components/dashboard/agenda-summary";
import { DashboardView } from "@/components/dashboard/dashboard-view";
import { analytics as analyticsText } from "@/lib/i18n/pt-br/analytics";
import { nav as navText } from "@/lib/i18n/pt-br/common";
import { dashboard as dashboardText } from "@/lib/i18n/pt-br/workspace";
import { pageSession } from "@/lib/server/page-tenant";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { analytics: analyticsText, dashboard: dashboardText, nav: navText };

export const metadata = { title: t.nav.dashboard };

/** The tenant's cockpit: every chart for admins and viewers, an agent's own performance for agents. */
export default async function DashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { tenant, session } = await pageSession();
  const params = await searchParams;
  const wholeTenant = session.role !== "agent";
  return (
    <div className="space-y-6">
      <PageHeader title={`${t.dashboard.welcome}, ${session.name || session.email}`} description={wholeTenant ? tenant.name : t.analytics.ownTitle} />
      {session.role !== "viewer" ? <AgendaSummary /> : null}
      <DashboardView wholeTenant={wholeTenant} canSetUp={session.role === "admin"} params={params} />
    </div>
  );
}
