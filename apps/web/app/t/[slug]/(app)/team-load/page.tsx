import { NoAccess } from "@/components/no-access";
import { pageTitles } from "@/lib/i18n/pt-br/page-titles";
import { pageSession } from "@/lib/server/page-tenant";
import { TeamLoadView } from "./team-load-view";

export const metadata = { title: pageTitles.teamLoad };

/** Who holds what right now: for those who read the company's numbers (admins and viewers), like the dashboard's charts; admins also move an agent's conversations. */
export default async function TeamLoadPage() {
  const { session } = await pageSession();
  if (session.role === "agent") return <NoAccess allowed="managers" />;
  return <TeamLoadView canManage={session.role === "admin"} />;
}
