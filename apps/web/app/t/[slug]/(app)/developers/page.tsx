import { pageSession } from "@/lib/server/page-tenant";
import { DevelopersView } from "./developers-view";
import { NoAccess } from "@/components/no-access";
import { pageTitles } from "@/lib/i18n/pt-br/page-titles";

export const metadata = { title: pageTitles.developers };

export default async function DevelopersPage() {
  const { session } = await pageSession();
  // apiKeys.* and webhooks.* are adminProcedure; the page is admin-only too.
  if (session.role !== "admin") return <NoAccess allowed="admin" />;
  return <DevelopersView />;
}
