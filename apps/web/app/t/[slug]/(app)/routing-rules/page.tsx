import { pageSession } from "@/lib/server/page-tenant";
import { RulesView } from "./rules-view";
import { NoAccess } from "@/components/no-access";

export const metadata = { title: "Regras de roteamento" };

export default async function RoutingRulesPage() {
  const { session } = await pageSession();
  // Saving is refused server-side to anyone else (adminProcedure); the page is admin-only too.
  if (session.role !== "admin") return <NoAccess allowed="admin" />;
  return <RulesView />;
}
