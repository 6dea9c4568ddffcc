import { pageSession } from "@/lib/server/page-tenant";
import { DevelopersView } from "./developers-view";
import { NoAccess } from "@/components/no-access";

export const metadata = { title: "Desenvolvedores" };

export default async function DevelopersPage() {
  const { session } = await pageSession();
  // apiKeys.* and webhooks.* are adminProcedure; the page is admin-only too.
  if (session.role !== "admin") return <NoAccess allowed="admin" />;
  return <DevelopersView />;
}
