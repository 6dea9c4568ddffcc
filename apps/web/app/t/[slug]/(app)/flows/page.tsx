import { pageSession } from "@/lib/server/page-tenant";
import { FlowsList } from "./flows-list";
import { NoAccess } from "@/components/no-access";
import { pageTitles } from "@/lib/i18n/pt-br/page-titles";

export const metadata = { title: pageTitles.flows };

export default async function FlowsPage() {
  const { session } = await pageSession();
  if (session.role !== "admin") return <NoAccess allowed="admin" />;
  return <FlowsList />;
}
