import { pageSession } from "@/lib/server/page-tenant";
import { AutomationsView } from "./automations-view";
import { NoAccess } from "@/components/no-access";
import { pageTitles } from "@/lib/i18n/pt-br/page-titles";

export const metadata = { title: pageTitles.automations };

export default async function AutomationsPage() {
  const { session } = await pageSession();
  // Every automations procedure is adminProcedure; the page is admin-only too.
  if (session.role !== "admin") return <NoAccess allowed="admin" />;
  return <AutomationsView />;
}
