import { pageSession } from "@/lib/server/page-tenant";
import { RulesView } from "./rules-view";
import { NoAccess } from "@/components/no-access";
import { pageTitles } from "@/lib/i18n/pt-br/page-titles";

export const metadata = { title: pageTitles.routingRules };

export default async function RoutingRulesPage() {
  const { session } = await pageSession();
  // Saving is refused server-side to anyone else (adminProcedure); the page is admin-only too.
  if (session.role !== "admin") return <NoAccess allowed="admin" />;
  return <RulesView />;
}
