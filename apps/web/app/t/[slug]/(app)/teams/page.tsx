import { pageSession } from "@/lib/server/page-tenant";
import { TeamsView } from "./teams-view";
import { NoAccess } from "@/components/no-access";

export const metadata = { title: "Times" };

export default async function TeamsPage() {
  const { session } = await pageSession();
  // Saving is refused server-side to anyone else (adminProcedure); the page is admin-only too.
  if (session.role !== "admin") return <NoAccess allowed="admin" />;
  return <TeamsView />;
}
